import Foundation
import Testing

@Suite("tapedeck junit, run as a built binary")
struct JUnitCommandTests {
  static let stream = CommandRunner.packageRoot.appendingPathComponent(
    "Tests/JUnitXMLTests/EventStream/fixture-events.jsonl")

  static func temporary(_ name: String) -> URL {
    URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("tapedeck-junit-\(UUID().uuidString)-\(name)")
  }

  @Test("from-events writes a report; validate passes it; merge adds shards up")
  func convertValidateMerge() throws {
    let report = Self.temporary("report.xml")
    let merged = Self.temporary("merged.xml")
    defer {
      try? FileManager.default.removeItem(at: report)
      try? FileManager.default.removeItem(at: merged)
    }
    let converted = try CommandRunner.run(["junit", "from-events", Self.stream.path, report.path])
    #expect(converted.status == 0, "\(converted.errors)")
    #expect(converted.output.contains("7 tests, 2 failures, 0 errors, 1 skipped"))
    let validated = try CommandRunner.run(["junit", "validate", report.path])
    #expect(validated.status == 0)
    #expect(validated.output.contains("well-formed"))
    let mergedRun = try CommandRunner.run(["junit", "merge", merged.path, report.path, report.path])
    #expect(mergedRun.status == 0)
    #expect(mergedRun.output.contains("14 tests, 4 failures"))
  }

  @Test("validate reports schema problems with line numbers and exits 1; bad input exits 2")
  func validateProblems() throws {
    let report = Self.temporary("rich.xml")
    defer { try? FileManager.default.removeItem(at: report) }
    _ = try CommandRunner.run(["junit", "from-events", "--profile", "rich", Self.stream.path, report.path])
    let schema = CommandRunner.packageRoot.appendingPathComponent("../shared/reference/xsd/jenkins-xunit-junit-10.xsd")
      .standardizedFileURL
    if FileManager.default.fileExists(atPath: schema.path) {
      let outcome = try CommandRunner.run(["junit", "validate", report.path, "--xsd", schema.path])
      #expect(outcome.status == 1)
      #expect(outcome.output.contains("jenkins-xunit-junit-10.xsd: line "))
    }
    let broken = Self.temporary("broken.xml")
    defer { try? FileManager.default.removeItem(at: broken) }
    try Data("<testsuites><testsuite>".utf8).write(to: broken)
    let notXML = try CommandRunner.run(["junit", "validate", broken.path])
    #expect(notXML.status == 1)
    #expect(notXML.output.contains("not well-formed: line 1"))
    let missing = try CommandRunner.run(["junit", "from-events", "/nonexistent/events.jsonl", report.path])
    #expect(missing.status == 2)
    #expect(missing.errors.contains("/nonexistent/events.jsonl: the event stream cannot be read"))
  }
}
