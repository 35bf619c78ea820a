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

  @Test("merge and from-events write huge times and far dates clamped (they died with SIGILL)")
  func hugeTimes() throws {
    let shard = Self.temporary("shard.xml")
    let events = Self.temporary("events.jsonl")
    let merged = Self.temporary("merged.xml")
    let converted = Self.temporary("converted.xml")
    defer {
      for url in [shard, events, merged, converted] { try? FileManager.default.removeItem(at: url) }
    }
    try Data(
      #"<testsuites><testsuite name="S"><testcase name="t" classname="S" time="1e300"/></testsuite></testsuites>"#.utf8
    ).write(to: shard)
    let mergedRun = try CommandRunner.run(["junit", "merge", merged.path, shard.path])
    #expect(mergedRun.status == 0, "\(mergedRun.errors)")
    #expect(try String(contentsOf: merged, encoding: .utf8).contains(#"time="9223372036854775.807""#))
    let stream = [
      #"{"kind":"test","payload":{"id":"M.S","kind":"suite","displayName":"S"},"version":0}"#,
      #"{"kind":"test","payload":{"id":"M.S/t()","kind":"function","name":"t()","isParameterized":false},"version":0}"#,
      #"{"kind":"event","payload":{"kind":"runStarted","instant":{"since1970":1e300}},"version":0}"#,
      #"{"kind":"event","payload":{"kind":"testStarted","testID":"M.S/t()","instant":{"since1970":0}},"version":0}"#,
      #"{"kind":"event","payload":{"kind":"testEnded","testID":"M.S/t()","instant":{"since1970":1e16}},"version":0}"#,
    ]
    try Data(stream.joined(separator: "\n").utf8).write(to: events)
    let convertedRun = try CommandRunner.run(["junit", "from-events", events.path, converted.path])
    #expect(convertedRun.status == 0, "\(convertedRun.errors)")
    let text = try String(contentsOf: converted, encoding: .utf8)
    #expect(text.contains(#"time="9223372036854775.807""#))
    #expect(text.contains(#"timestamp="9999-12-31T23:59:59""#))
    let schema = CommandRunner.packageRoot.appendingPathComponent("../shared/reference/xsd/windyroad-JUnit.xsd")
      .standardizedFileURL
    if FileManager.default.fileExists(atPath: schema.path) {
      for report in [merged, converted] {
        let outcome = try CommandRunner.run(["junit", "validate", report.path, "--xsd", schema.path])
        #expect(outcome.status == 0, "\(outcome.output)")
      }
    }
  }

  @Test("validate --xsd refuses a schema that imports from the network, with the file and line, exit 2")
  func validateRefusesNetworkSchema() throws {
    let schema = Self.temporary("hostile.xsd")
    let report = Self.temporary("report.xml")
    defer {
      for url in [schema, report] { try? FileManager.default.removeItem(at: url) }
    }
    try Data(
      """
      <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
        <xs:import namespace="urn:evil" schemaLocation="http://127.0.0.1:9/evil.xsd"/>
      </xs:schema>
      """.utf8
    ).write(to: schema)
    try Data("<testsuites/>".utf8).write(to: report)
    let outcome = try CommandRunner.run(["junit", "validate", report.path, "--xsd", schema.path])
    #expect(outcome.status == 2)
    #expect(
      outcome.errors.contains(
        "\(schema.path): line 2: schemaLocation \"http://127.0.0.1:9/evil.xsd\" is not a local file"),
      "\(outcome.errors)")
    #expect(outcome.errors.contains("schemas are never fetched from the network"))
  }
}
