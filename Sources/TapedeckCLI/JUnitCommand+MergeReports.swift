import ArgumentParser
import Foundation
import JUnitXML

extension JUnitCommand {
  /// `tapedeck junit merge OUT IN…`
  struct MergeReports: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "merge",
      abstract: "Merge reports (CI shards) into one, joining suites of the same name; totals are recomputed.")

    @Option(help: "The shape of the merged report (surefire makes <out> a folder).")
    var profile: JUnitProfile = .portable

    @Argument(help: ArgumentHelp("The merged report to write.", valueName: "out"))
    var output: String

    @Argument(help: ArgumentHelp("The reports to merge.", valueName: "in"))
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
      try JUnitWriter(profile: profile).write(merged, to: URL(fileURLWithPath: output))
      let totals = merged.totals
      print(
        "\(output): \(merged.suites.count) suites, \(totals.tests) tests, \(totals.failures) failures, \(totals.errors) errors, \(totals.skipped) skipped"
      )
    }
  }
}
