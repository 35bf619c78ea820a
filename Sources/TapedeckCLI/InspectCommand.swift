import ArgumentParser
import Foundation
import Tapedeck

/// `tapedeck inspect CASSETTE`: a cassette's interactions as a table.
struct InspectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract: "Print a cassette's interactions as a table (index, method, URL, status, body sizes).",
    discussion: """
      CASSETTE is a path to a cassette file, or a cassette name under the cassettes folder \
      (TAPEDECK_CASSETTES, else ./cassettes), with or without `.json`.

      Example:
        tapedeck inspect Examples/docs-examples/update-device-statuses-stub.json
      """
  )

  @Argument(help: "A cassette file, or a cassette name under the cassettes folder.")
  var cassette: String

  func run() throws {
    let url = try CassetteArgument.resolve(cassette)
    let limit = try BodySizeLimit.forCommand()
    let loaded: Cassette
    do {
      loaded = try CassetteFile.load(from: url, bodySizeLimit: limit)
    } catch {
      throw CommandFailure.input(error.description)
    }
    print(InteractionTable.render(loaded, path: url.path))
  }
}
