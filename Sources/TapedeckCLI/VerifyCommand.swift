import ArgumentParser
import Dispatch
import Foundation
import GraphContracts
import JUnitXML
import Tapedeck
import TapedeckLocking

#if canImport(Glibc)
  import Glibc
#endif

/// `tapedeck verify`: the offline CI job.
struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract:
      "Check every cassette: it parses, its URLs are documented endpoints, bodies and answers conform, nothing leaks.",
    discussion: """
      DIR defaults to the project's cassettes/ (TAPEDECK_CASSETTES when set). Prints a table and a
      summary; --junit writes a report (a suite per cassette, a case per interaction).
      Exit codes: 0 all good, 1 findings, 2 bad usage or unreadable input (a cassette or subfolder
      that cannot be read, a symbolic link leading outside the folder).
      """
  )

  @Argument(help: "The folder of cassettes (searched recursively), or one cassette file.")
  var directory: String?

  @Option(help: "Write a JUnit XML report here.")
  var junit: String?

  @Option(help: "JUnit profile: portable, surefire (--junit is a folder) or rich.")
  var profile: ProfileArgument = .init(value: .portable)

  @Option(help: "Validate against this CSDL ($metadata) file instead of the built-in contracts.")
  var metadata: String?

  @Option(help: "Validate against this Graph version's contracts instead of each URL's version.")
  var version: GraphVersionArgument?

  @Option(help: "Output: text (a table) or json.")
  var format: OutputFormat = .text

  @Option(
    help: ArgumentHelp(
      "Endpoints your client calls beyond the documented ones, each with a reason.",
      discussion: "Default: tapedeck-endpoints.json in the working directory, when it exists."))
  var allowEndpoints: String?

  enum OutputFormat: String, ExpressibleByArgument {
    case text
    case json
  }

  func run() throws {
    let folderPath =
      directory ?? ProcessInfo.processInfo.environment["TAPEDECK_CASSETTES"].flatMap { $0.isEmpty ? nil : $0 }
      ?? "cassettes"
    let (files, walkProblems) = try CassetteFolder.walk(at: folderPath)
    let model = try metadata.map { try ContractSource.model(version: .beta, metadata: $0) }
    let allowList = try EndpointAllowList.load(
      path: allowEndpoints ?? EndpointAllowList.defaultFileName, required: allowEndpoints != nil)
    let verifier = CassetteVerifier(
      model: model, version: version?.value, bodySizeLimit: try BodySizeLimit.forCommand(), allowList: allowList)
    let progress = isatty(STDERR_FILENO) == 1
    let results = VerifyRun.verifyAll(files, with: verifier, progress: progress)
    switch format {
    case .text: print(VerifyOutput.table(results))
    case .json: print(JSONWriter.compactString(VerifyOutput.json(results)))
    }
    if let junit {
      try JUnitWriter(profile: profile.value).write(VerifyOutput.junit(results), to: URL(fileURLWithPath: junit))
    }
    // Cassettes that could not be read, and places the walk refused, are unreadable input (2).
    let unreadable = results.filter { result in result.findings.contains { $0.rule == "unreadable" } }
    if !walkProblems.isEmpty || !unreadable.isEmpty {
      let lines =
        walkProblems.map(TerminalText.escaped)
        + unreadable.map { "\(TerminalText.escaped($0.displayPath)) cannot be read; it was not verified." }
      throw CommandFailure.input(lines.joined(separator: "\n"))
    }
    let failing = results.filter { !$0.errors.isEmpty }.count
    if failing > 0 {
      throw CommandFailure(message: "\(failing) of \(results.count) cassettes have findings.", exitCode: 1)
    }
  }
}

/// Verifies cassettes in parallel (they are independent), keeping the input order.
enum VerifyRun {
  static func verifyAll(_ files: [(url: URL, display: String)], with verifier: CassetteVerifier, progress: Bool)
    -> [CassetteVerifier.Result]
  {
    let slots = Locked<[CassetteVerifier.Result?]>(Array(repeating: nil, count: files.count))
    let done = Locked(0)
    DispatchQueue.concurrentPerform(iterations: files.count) { index in
      let result = verifier.verify(files[index].url, displayPath: files[index].display)
      slots.withLock { $0[index] = result }
      let finished = done.withLock { count in
        count += 1
        return count
      }
      if progress, finished % 10 == 0 || finished == files.count {
        FileHandle.standardError.write(Data("\rverifying \(finished)/\(files.count)…".utf8))
      }
    }
    if progress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    return slots.withLock { $0.compactMap { $0 } }
  }
}

/// Finding cassette files under a folder (or a single file), with clear errors.
enum CassetteFolder {
  /// The cassette files, and the places that were refused or could not be read (symbolic links
  /// leading outside the folder, unreadable subfolders): callers report those and exit 2.
  static func walk(at path: String) throws -> (files: [(url: URL, display: String)], problems: [String]) {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw CommandFailure.input("\(path) does not exist; give a folder of cassettes or a cassette file.")
    }
    guard isFolder.boolValue else { return ([(URL(fileURLWithPath: path), path)], []) }
    guard FileManager.default.isReadableFile(atPath: path),
      (try? FileManager.default.contentsOfDirectory(atPath: path)) != nil
    else {
      throw CommandFailure.input("\(path) cannot be read; check its permissions.")
    }
    let root = URL(fileURLWithPath: path).standardizedFileURL
    let walk = CassetteWalk(folder: root)
    let resolvedRoot = root.resolvingSymlinksInPath().path
    let files = walk.files.map { file in
      var relative = file.path
      for prefix in [root.path + "/", resolvedRoot + "/"] where relative.hasPrefix(prefix) {
        relative = String(relative.dropFirst(prefix.count))
        break
      }
      return (file, (path.hasSuffix("/") ? path : path + "/") + relative)
    }
    return (files, walk.problems)
  }

  /// The cassette files; what was refused or could not be read goes to standard error.
  static func files(at path: String) throws -> [(url: URL, display: String)] {
    let (files, problems) = try walk(at: path)
    for problem in problems {
      FileHandle.standardError.write(Data("tapedeck: \(TerminalText.escaped(problem))\n".utf8))
    }
    return files
  }
}
