import ArgumentParser
import Foundation
import GraphContracts
import Tapedeck

/// `tapedeck validate`: checks a JSON body against a Graph contract.
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check a JSON body against a Graph type's documented contract; print every violation with its JSON path.",
    discussion: """
      Uses the built-in device-status contracts, or any $metadata (CSDL) file with --metadata.

      Examples:
        tapedeck validate --type deviceConfigurationDeviceStatus \\
          --graph-version beta response.json
        echo '{"status":"compliant","platform":0}' | tapedeck validate \\
          --type deviceConfigurationDeviceStatus --graph-version v1.0 --request -

      Exit codes: 0 conforms, 1 violations found, 2 unreadable input or bad usage.
      """
  )

  @Option(
    help: ArgumentHelp(
      "The Graph type, e.g. deviceConfigurationDeviceStatus or microsoft.graph.entity.", valueName: "name"))
  var type: String

  @Option(help: ArgumentHelp("The Graph version whose built-in contracts to use.", valueName: "version"))
  var graphVersion: GraphVersion = .beta

  @Option(
    help: ArgumentHelp(
      "A CSDL ($metadata) file to validate against instead of the built-in contracts.", valueName: "file"))
  var metadata: String?

  @Flag(help: "The body is a PATCH request body (undeclared properties are errors).")
  var request = false

  @Flag(help: "The body is a collection answer: {\"value\": [...], \"@odata.count\": n}.")
  var collection = false

  @Argument(help: "The JSON file, or - for standard input.")
  var file: String

  func run() throws {
    let validator = try ContractSource.validator(version: graphVersion, metadata: metadata)
    guard validator.model.structuredType(named: GraphType(type).qualifiedName) != nil else {
      throw CommandFailure.input(
        "no type \(GraphType(type).qualifiedName) in \(metadata ?? "the built-in \(graphVersion) contracts").")
    }
    let data: Data
    if file == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
      guard let contents = FileManager.default.contents(atPath: file) else {
        throw CommandFailure.input("\(file) cannot be read; give a JSON file or - for standard input.")
      }
      data = contents
    }
    let body: JSONValue
    do {
      body = try JSONParser.parse(data)
    } catch {
      throw CommandFailure.input("\(file == "-" ? "standard input" : file) is not JSON: \(error)")
    }
    let violations =
      collection
      ? validator.validateCollection(body, of: GraphType(type))
      : validator.validate(body, as: GraphType(type), body: request ? .request : .response)
    for violation in violations { print(violation) }
    if violations.isEmpty {
      print("conforms to \(GraphType(type)) (\(metadata ?? graphVersion.rawValue))")
    } else {
      throw CommandFailure(
        message: "\(violations.count) violation\(violations.count == 1 ? "" : "s") found.", exitCode: 1)
    }
  }
}
