import ArgumentParser
import Foundation
import Tapedeck
import TapedeckSupport

extension HARCommand {
  /// `tapedeck har export CASSETTE [--output FILE]`
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      abstract: "Write a cassette as a HAR 1.2 archive (to standard output, or atomically to --output).",
      discussion: """
        CASSETTE is a cassette file or a name under the cassettes folder. Tapedeck's own fields \
        (cassette name, source, key fingerprint, how each body was stored) go under "_tapedeck", so \
        `tapedeck har import` gives back the same interactions.

        Exit codes: 0 written, 2 unreadable input or a failed write.
        """
    )

    @Argument(help: ArgumentHelp("The cassette file, or its name under the cassettes folder.", valueName: "cassette"))
    var cassette: String

    @Option(
      name: .shortAndLong, help: ArgumentHelp("The HAR file to write (default: standard output).", valueName: "file"))
    var output: String?

    func run() throws {
      let url = try CassetteArgument.resolve(cassette)
      let loaded: Cassette
      do {
        loaded = try CassetteFile.load(from: url, bodySizeLimit: try BodySizeLimit.forCommand())
      } catch let error as CassetteFileError {
        throw CommandFailure.input(error.description)
      }
      let data = HARExport.archive(of: loaded).encoded()
      guard let output else {
        FileHandle.standardOutput.write(data)
        return
      }
      do {
        try AtomicFile.write(data, to: URL(fileURLWithPath: output))
      } catch {
        throw CommandFailure.input("\(output): the HAR file could not be written (\(error.problem)).")
      }
      FileHandle.standardError.write(
        Data(
          TerminalText.escaped(
            "exported \(loaded.interactions.count) interaction\(loaded.interactions.count == 1 ? "" : "s") to \(output)"
          )
          .appending("\n").utf8))
    }
  }
}
