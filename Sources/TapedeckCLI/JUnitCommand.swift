import ArgumentParser
import Foundation
import JUnitXML

/// `tapedeck junit …`: validate, merge and convert JUnit XML reports.
struct JUnitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "junit",
    abstract: "Validate, merge and convert JUnit XML reports.",
    subcommands: [ValidateReport.self, MergeReports.self, FromEvents.self]
  )

  /// `tapedeck junit validate REPORT --xsd FILE…`
  struct ValidateReport: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "validate",
      abstract:
        "Check a report is well-formed and, with --xsd, valid under each schema; print problems with line numbers.",
      discussion: "Exit codes: 0 valid, 1 problems found, 2 unreadable input.")

    @Argument(help: "The report file.")
    var report: String

    @Option(name: .customLong("xsd"), help: "A schema to validate against (repeatable).")
    var schemas: [String] = []

    func run() throws {
      guard let data = FileManager.default.contents(atPath: report) else {
        throw CommandFailure.input("\(report) cannot be read.")
      }
      var found = 0
      if let problem = XMLDocument.wellFormednessProblem(data) {
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

  /// `tapedeck junit merge OUT IN…`
  struct MergeReports: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "merge",
      abstract: "Merge reports (CI shards) into one, joining suites of the same name; totals are recomputed.")

    @Option(help: "Output profile: portable, surefire (OUT is a folder) or rich.")
    var profile: ProfileArgument = .init(value: .portable)

    @Argument(help: "The merged report to write.")
    var output: String

    @Argument(help: "The reports to merge.")
    var inputs: [String]

    func run() throws {
      guard !inputs.isEmpty else { throw CommandFailure.input("give at least one report to merge.") }
      let reports: [JUnitReport]
      do {
        reports = try inputs.map { path throws(JUnitXMLError) in
          try JUnitReportReader.read(contentsOf: URL(fileURLWithPath: path))
        }
      } catch {
        throw CommandFailure.input(error.description)
      }
      let merged = JUnitReportReader.merge(reports)
      try JUnitWriter(profile: profile.value).write(merged, to: URL(fileURLWithPath: output))
      let totals = merged.totals
      print(
        "\(output): \(merged.suites.count) suites, \(totals.tests) tests, \(totals.failures) failures, \(totals.errors) errors, \(totals.skipped) skipped"
      )
    }
  }

  /// `tapedeck junit from-events EVENTS OUT`
  struct FromEvents: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "from-events",
      abstract: "Convert Swift Testing's event stream into a JUnit report.",
      discussion: """
        Produce the stream with: swift test --event-stream-output-path events.jsonl --event-stream-version 0
        A test still running when the stream ends (a crash) is reported as an error.
        """)

    @Option(help: "Output profile: portable, surefire (OUT is a folder) or rich.")
    var profile: ProfileArgument = .init(value: .portable)

    @Argument(help: "The event stream file.")
    var events: String

    @Argument(help: "The report to write.")
    var output: String

    func run() throws {
      let report: JUnitReport
      do {
        report = try EventStreamConverter.convert(contentsOf: URL(fileURLWithPath: events))
      } catch {
        throw CommandFailure.input(error.description)
      }
      try JUnitWriter(profile: profile.value).write(report, to: URL(fileURLWithPath: output))
      let totals = report.totals
      print(
        "\(output): \(totals.tests) tests, \(totals.failures) failures, \(totals.errors) errors, \(totals.skipped) skipped"
      )
    }
  }
}

/// A `--profile` value.
struct ProfileArgument: ExpressibleByArgument {
  let value: JUnitProfile
  init(value: JUnitProfile) { self.value = value }
  init?(argument: String) {
    guard let profile = JUnitProfile(rawValue: argument) else { return nil }
    value = profile
  }
  static var allValueStrings: [String] { JUnitProfile.allCases.map(\.rawValue) }
}
