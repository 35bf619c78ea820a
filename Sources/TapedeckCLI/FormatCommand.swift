import ArgumentParser
import Foundation
import Tapedeck

/// `tapedeck format PATH…`: rewrites cassettes in canonical form (or checks that they are).
struct FormatCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "format",
    abstract: "Rewrite cassettes in canonical form, atomically; with --check, only report the ones that are not.",
    discussion: """
      PATH is a cassette file or a folder (searched recursively for *.json). Hand-edited \
      cassettes are re-encoded exactly as Tapedeck writes them: sorted keys, two-space indent, \
      a trailing newline. A file that does not parse, or whose header values hold CR, LF or NUL \
      (which formatting would change), is reported and left untouched; so is a symbolic link \
      leading outside the folder, and an unreadable subfolder is reported.

      Exit codes: 0 all canonical (or rewritten), 1 --check found files to format, 2 unreadable or \
      refused input.
      """
  )

  @Argument(help: ArgumentHelp("Cassette files or folders.", valueName: "path"))
  var paths: [String] = ["cassettes"]

  @Flag(help: "Change nothing; exit 1 when a file is not in canonical form.")
  var check = false

  func run() throws {
    var files: [URL] = []
    var failures: [String] = []
    for path in paths {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
        throw CommandFailure.input("\(path) does not exist.")
      }
      let url = URL(fileURLWithPath: path)
      if isFolder.boolValue {
        let walk = CassetteWalk(folder: url)
        files += walk.files
        failures += walk.problems
      } else {
        files.append(url)
      }
    }
    var unformatted = 0
    let limit = try BodySizeLimit.forCommand()
    for file in files {
      do {
        let bytes: Data
        do {
          bytes = try Data(contentsOf: file)
        } catch {
          failures.append("\(file.path): the file cannot be read (\(FileErrorText.reason(of: error))).")
          continue
        }
        let cassette = try CassetteFile.decode(bytes, path: file.path, bodySizeLimit: limit)
        guard CassetteFile.encode(cassette) != bytes else { continue }
        // Formatting must never change content: a header value with CR, LF or NUL would be
        // rewritten by the HTTP field rules, so it is refused instead.
        if let problem = Self.unsafeHeaderValue(in: bytes) {
          failures.append(
            "\(file.path): \(problem) holds a CR, LF or NUL, which an HTTP header value cannot; formatting would "
              + "change it, so the file was left untouched. Fix the value by hand (or re-record the cassette).")
          continue
        }
        if !check { try CassetteFile.save(cassette, to: file) }
        unformatted += 1
        print(check ? "not formatted: \(file.path)" : "formatted: \(file.path)")
      } catch {
        failures.append("\(error)")
      }
    }
    if !failures.isEmpty { throw CommandFailure.input(failures.joined(separator: "\n")) }
    if check && unformatted > 0 {
      throw CommandFailure(
        message: "\(unformatted) cassette(s) not in canonical form; run `tapedeck format` to fix.", exitCode: 1)
    }
  }

  /// The JSON path of the first request or response header value holding CR, LF or NUL.
  static func unsafeHeaderValue(in bytes: Data) -> String? {
    guard let document = try? JSONParser.parse(bytes), case .array(let interactions)? = document["interactions"] else {
      return nil
    }
    for (index, interaction) in interactions.enumerated() {
      for side in ["request", "response"] {
        guard case .object(let headers)? = interaction[side]?["headers"] else { continue }
        for (name, values) in headers.sorted(by: { $0.key < $1.key }) {
          let list: [JSONValue]
          if case .array(let items) = values { list = items } else { list = [values] }
          for (position, value) in list.enumerated() {
            guard case .string(let text) = value,
              text.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" })
            else { continue }
            return "$.interactions[\(index)].\(side).headers[\"\(TerminalText.escaped(name))\"][\(position)]"
          }
        }
      }
    }
    return nil
  }
}
