import ArgumentParser
import Foundation
import JUnitXML

extension JUnitCommand {
  /// `tapedeck junit validate REPORT --xsd FILE…`
  struct ValidateReport: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "validate",
      abstract:
        "Check a report is well-formed and, with --xsd, valid under each schema; print problems with line numbers.",
      discussion: "Exit codes: 0 valid, 1 problems found, 2 unreadable input.")

    @Argument(help: "The report file.")
    var report: String

    @Option(
      name: .customLong("xsd"), help: ArgumentHelp("A schema to validate against (repeatable).", valueName: "file"))
    var schemas: [String] = []

    func run() throws {
      guard let data = FileManager.default.contents(atPath: report) else {
        throw CommandFailure.input("\(report) cannot be read.")
      }
      var found = 0
      if let problem = XMLParsing.wellFormednessProblem(data) {
        print("\(report): not well-formed: \(problem)")
        found += 1
      } else {
        for schema in schemas {
          let validator: XSDValidator
          do {
            validator = try XSDValidator(schema: URL(fileURLWithPath: schema))
          } catch {
            throw CommandFailure.input(error.description)
          }
          let problems = validator.validate(data)
          for problem in problems { print("\(report): \(URL(fileURLWithPath: schema).lastPathComponent): \(problem)") }
          if problems.isEmpty { print("\(report): valid under \(URL(fileURLWithPath: schema).lastPathComponent)") }
          found += problems.count
        }
        if schemas.isEmpty { print("\(report): well-formed") }
      }
      if found > 0 { throw CommandFailure(message: "\(found) problem\(found == 1 ? "" : "s") found.", exitCode: 1) }
    }
  }
}
