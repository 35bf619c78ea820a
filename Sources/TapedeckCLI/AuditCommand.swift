import ArgumentParser
import Foundation
import GraphTenant
import Tapedeck

/// `tapedeck audit`: secrets and personal data left in cassettes.
struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract:
      "Find secrets and personal data in cassettes (JWTs, bearer tokens, client secrets, tenant ids in token URLs, unpseudonymized personal fields).",
    discussion: "Exit codes: 0 clean, 1 findings, 2 bad usage or unreadable input.")

  @Argument(
    help: ArgumentHelp(
      "The folder of cassettes (default: TAPEDECK_CASSETTES, else ./cassettes), or one cassette file.",
      valueName: "dir"))
  var directory: String?

  func run() throws {
    let folderPath =
      directory ?? ProcessInfo.processInfo.environment["TAPEDECK_CASSETTES"].flatMap { $0.isEmpty ? nil : $0 }
      ?? "cassettes"
    var total = 0
    var unreadable: [String] = []
    let limit = try BodySizeLimit.forCommand()
    let rules = CassetteAudit.rules()
    let (files, walkProblems) = try CassetteFolder.walk(at: folderPath)
    for problem in walkProblems {
      FileHandle.standardError.write(Data("tapedeck: \(TerminalText.escaped(problem))\n".utf8))
    }
    for file in files {
      let cassette: Cassette
      do {
        cassette = try CassetteFile.load(from: file.url, bodySizeLimit: limit)
      } catch {
        // Every other cassette is still audited; the run fails at the end.
        FileHandle.standardError.write(Data("tapedeck: \(error.description)\n".utf8))
        unreadable.append(file.display)
        continue
      }
      for finding in CassetteAudit.findings(in: cassette, rules: rules) {
        print(TerminalText.escaped("\(file.display): \(finding)"))
        total += 1
      }
    }
    if !unreadable.isEmpty || !walkProblems.isEmpty {
      let skipped = unreadable.count + walkProblems.count
      throw CommandFailure.input(
        "\(skipped) cassette\(skipped == 1 ? "" : "s") or folder\(skipped == 1 ? "" : "s") could not be read and \(skipped == 1 ? "was" : "were") not audited\(unreadable.isEmpty ? "" : " (\(unreadable.joined(separator: ", ")))"); \(total) finding\(total == 1 ? "" : "s") in the others."
      )
    }
    if total > 0 {
      throw CommandFailure(
        message:
          "\(total) finding\(total == 1 ? "" : "s"); re-record with the Graph redaction preset or scrub by hand.",
        exitCode: 1)
    }
    print("no secrets or personal data found")
  }
}
