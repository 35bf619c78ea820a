import ArgumentParser
import Foundation
import JUnitXML

extension JUnitCommand {
  /// `tapedeck junit from-events EVENTS OUT`
  struct FromEvents: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "from-events",
      abstract: "Convert Swift Testing's event stream into a JUnit report.",
      discussion: """
        Produce the stream with:
          swift test --event-stream-output-path events.jsonl --event-stream-version 0

        A test still running when the stream ends (a crash) is reported as an error.
        """)

    @Option(help: "The shape of the report (surefire makes <out> a folder).")
    var profile: JUnitProfile = .portable

    @Argument(help: ArgumentHelp("The event stream file (JSON Lines).", valueName: "events"))
    var events: String

    @Argument(help: ArgumentHelp("The report to write.", valueName: "out"))
    var output: String

    func run() throws {
      let report: JUnitReport
      do {
        report = try EventStreamConverter.convert(contentsOf: URL(fileURLWithPath: events))
      } catch {
        throw CommandFailure.input(error.description)
      }
      try JUnitWriter(profile: profile).write(report, to: URL(fileURLWithPath: output))
      let totals = report.totals
      print(
        "\(output): \(totals.tests) tests, \(totals.failures) failures, \(totals.errors) errors, \(totals.skipped) skipped"
      )
    }
  }
}
