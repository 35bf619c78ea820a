import ArgumentParser
import Foundation
import JUnitXML

/// The `tapedeck` command: subcommands for working with cassettes.
@main
struct TapedeckCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tapedeck",
    abstract: "Record, replay and check Microsoft Graph HTTP fixtures (cassettes).",
    discussion: """
      Exit codes: 0 all good, 1 findings, 2 bad usage or unreadable input.

      Environment: TAPEDECK_CASSETTES names the cassettes folder (default: ./cassettes).
      """,
    version: "0.1.0",
    subcommands: [
      VerifyCommand.self, AuditCommand.self, RecordCommand.self, SandboxCommand.self, InspectCommand.self,
      ValidateCommand.self, EndpointsCommand.self, JUnitCommand.self, FormatCommand.self, DriftCommand.self,
      HARCommand.self, ServeCommand.self,
    ]
  )

  /// Parses and runs, mapping failures to the documented exit codes (2 for usage and input).
  static func main() async {
    if let message = RenamedVersionOption.message(for: Array(CommandLine.arguments.dropFirst())) {
      FileHandle.standardError.write(Data("tapedeck: \(TerminalText.escaped(message))\n".utf8))
      Foundation.exit(2)
    }
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch let error as CommandFailure {
      let lines = error.message.split(separator: "\n", omittingEmptySubsequences: false).map {
        TerminalText.escaped(String($0))
      }
      FileHandle.standardError.write(Data("tapedeck: \(lines.joined(separator: "\n"))\n".utf8))
      Foundation.exit(error.exitCode)
    } catch let error as JUnitWriteError {
      FileHandle.standardError.write(Data("tapedeck: \(TerminalText.escaped(error.description))\n".utf8))
      Foundation.exit(2)
    } catch  where FileErrorText.isFoundationError(error) {
      // Never a raw `Error Domain=NSCocoaErrorDomain …` dump: the file and the problem.
      FileHandle.standardError.write(
        Data("tapedeck: \(TerminalText.escaped(FileErrorText.sentence(for: error)))\n".utf8))
      Foundation.exit(2)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        exit(withError: error)
      }
      FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
      Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
    }
  }
}
