import ArgumentParser
import Foundation
import GraphContracts
import JUnitXML
import Tapedeck

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
      DIR defaults to the project's cassettes/ (TAPEDECK_CASSETTES when set). Prints a table and a \
      summary; --junit writes a report (a suite per cassette, a case per interaction).

      Exit codes: 0 all good, 1 findings, 2 bad usage or unreadable input (a cassette or subfolder \
      that cannot be read, a symbolic link leading outside the folder).
      """
  )

  @Argument(
    help: ArgumentHelp("The folder of cassettes (searched recursively), or one cassette file.", valueName: "dir"))
  var directory: String?

  @Option(help: ArgumentHelp("Write a JUnit XML report here.", valueName: "path"))
  var junit: String?

  @Option(help: "The shape of the --junit report (surefire makes <path> a folder).")
  var profile: JUnitProfile = .portable

  @Option(
    help: ArgumentHelp(
      "Validate against this CSDL ($metadata) file instead of the built-in contracts.", valueName: "file"))
  var metadata: String?

  @Option(
    help: ArgumentHelp(
      "Validate against this Graph version's contracts instead of each URL's version.", valueName: "version"))
  var graphVersion: GraphVersion?

  @Option(help: "Print a table (text) or one JSON document (json).")
  var format: OutputFormat = .text

  @Option(
    help: ArgumentHelp(
      "Report cassettes whose oldest interaction is older than this (90d, 12w, 36h; default: TAPEDECK_MAX_AGE).",
      valueName: "age"))
  var maxAge: String?

  @Option(
    help: ArgumentHelp(
      "A usage log written by a test run (TAPEDECK_USAGE_LOG): list the cassettes no test opened and the interactions no test played, as warnings.",
      valueName: "log"))
  var usage: String?

  @Option(
    help: ArgumentHelp(
      "Endpoints your client calls beyond the documented ones, each with a reason "
        + "(default: tapedeck-endpoints.json in the working directory, when it exists).",
      valueName: "file"))
  var allowEndpoints: String?

  /// A `--format` value.
  enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
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
      model: model, version: graphVersion, bodySizeLimit: try BodySizeLimit.forCommand(), allowList: allowList)
    let progress = isatty(STDERR_FILENO) == 1
    var results = VerifyRun.verifyAll(files, with: verifier, progress: progress)
    let limit: CassetteAge?
    if let maxAge {
      guard let parsed = CassetteAge(parsing: maxAge) else {
        throw CommandFailure.input("--max-age \(maxAge) is not an age; write it like 90d, 12w or 36h.")
      }
      limit = parsed
    } else {
      do { limit = try CassetteAge.fromEnvironment() } catch { throw CommandFailure.input(error.description) }
    }
    if let limit { results = results.map { VerifyFreshness.expiry($0, limit: limit) } }
    var usageLines: [String] = []
    if let usage {
      let entries: [CassetteUsageLog.Entry]
      do {
        entries = try CassetteUsageLog.read(URL(fileURLWithPath: usage))
      } catch let error as CassetteUsageLogError {
        throw CommandFailure.input(error.description)
      } catch {
        throw CommandFailure.input("\(usage): the usage log cannot be read (\(FileErrorText.reason(of: error))).")
      }
      results = results.map { VerifyFreshness.usage($0, entries: entries) }
      usageLines = VerifyFreshness.usageLines(results, log: usage, openings: entries.count)
    }
    switch format {
    case .text:
      print(VerifyOutput.table(results))
      if !usageLines.isEmpty { print(usageLines.joined(separator: "\n")) }
    case .json: print(JSONWriter.compactString(VerifyOutput.json(results)))
    }
    if let junit {
      try JUnitWriter(profile: profile).write(VerifyOutput.junit(results), to: URL(fileURLWithPath: junit))
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
