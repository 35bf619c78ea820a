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
}
