import ArgumentParser
import Foundation
import Tapedeck

/// `tapedeck format PATH…`: rewrites cassettes in canonical form (or checks that they are).
struct FormatCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "format",
    abstract: "Rewrite cassettes in canonical form, atomically; with --check, only report the ones that are not.",
    discussion: """
      PATH is a cassette file or a folder (searched recursively for *.json). Hand-edited
      cassettes are re-encoded exactly as Tapedeck writes them: sorted keys, two-space indent,
      a trailing newline. A file that does not parse is reported and left untouched.
      Exit codes: 0 all canonical (or rewritten), 1 --check found files to format, 2 unreadable input.
      """
  )

  @Argument(help: "Cassette files or folders.")
  var paths: [String] = ["cassettes"]

  @Flag(help: "Change nothing; exit 1 when a file is not in canonical form.")
  var check = false

  func run() throws {
    var files: [URL] = []
    for path in paths {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
        throw CommandFailure.input("\(path) does not exist.")
      }
      let url = URL(fileURLWithPath: path)
      files += isFolder.boolValue ? CassetteDirectory(url: url).cassetteFiles() : [url]
    }
    var unformatted: [String] = []
    var failures: [String] = []
    let limit = try BodySizeLimit.forCommand()
    for file in files {
      do {
        let bytes = try Data(contentsOf: file)
        let cassette = try CassetteFile.decode(bytes, path: file.path, bodySizeLimit: limit)
        guard CassetteFile.encode(cassette) != bytes else { continue }
        unformatted.append(file.path)
        if !check { try CassetteFile.save(cassette, to: file) }
      } catch {
        failures.append("\(error)")
      }
    }
    for path in unformatted { print(check ? "not formatted: \(path)" : "formatted: \(path)") }
    if !failures.isEmpty { throw CommandFailure.input(failures.joined(separator: "\n")) }
    if check && !unformatted.isEmpty {
      throw CommandFailure(
        message: "\(unformatted.count) cassette(s) not in canonical form; run `tapedeck format` to fix.", exitCode: 1)
    }
  }
}
