import Foundation
import JUnitXML
import Testing

@Suite("Swift Testing's event stream becomes a JUnit report")
struct EventStreamTests {
  static let stream = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "EventStream/fixture-events.jsonl")

  @Test("A stream from a real `swift test --event-stream-output-path` run converts case by case")
  func realStream() throws {
    let report = try EventStreamConverter.convert(contentsOf: Self.stream)
    let cases = report.suites.flatMap(\.cases)
    #expect(Set(report.suites.map(\.name)) == ["FixtureTests", "Device statuses"])
    #expect(cases.count == 7)
    #expect(report.totals.failures == 2 && report.totals.skipped == 1 && report.totals.tests == 7)
    let failed = try #require(cases.first { $0.name == "patch reports a bad status" })
    guard case .failed(let failures) = failed.outcome else {
      Issue.record("expected a failure")
      return
    }
    #expect(failures.first?.file == "FixtureTests/FixtureTests.swift")
    #expect(failures.first?.line == 13)
    #expect(failures.first?.message == #"Expectation failed: (status → "String") == "compliant""#)
    #expect(
      cases.filter { $0.name.hasPrefix("each status round-trips (") }.map(\.name).sorted() == [
        #"each status round-trips ("bogus")"#, #"each status round-trips ("compliant")"#,
        #"each status round-trips ("error")"#,
      ])
    let skipped = try #require(cases.first { $0.name == "needs a live tenant" })
    #expect(skipped.outcome == .skipped(reason: "no tenant in CI"))
    // The ESC in the issue comment never reaches the XML, and the portable output validates.
    let data = JUnitWriter(profile: .portable, defaultHostname: "ci-host").document(report)
    #expect(XMLParsing.wellFormednessProblem(data) == nil)
    #expect(!String(decoding: data, as: UTF8.self).contains("\u{1B}"))
    if let folder = Fixtures.schemaFolder {
      for schema in Fixtures.portableSchemas {
        #expect(try XSDValidator(schema: folder.appendingPathComponent("\(schema).xsd")).validate(data).isEmpty)
      }
    }
  }

  @Test("A stream cut off by a crash shows the running test as crashed")
  func crashedStream() throws {
    let lines = try String(contentsOf: Self.stream, encoding: .utf8).split(separator: "\n")
    // Keep everything up to "patch reports a bad status" starting, then cut mid-line.
    let cut = lines.prefix { !$0.contains(#""kind":"testEnded""#) }.joined(separator: "\n") + "\n{\"kind\":\"ev"
    let report = try EventStreamConverter.convert(Data(cut.utf8), path: "cut.jsonl")
    let crashed = report.suites.flatMap(\.cases).filter {
      if case .error(let failure) = $0.outcome { failure.message == "crashed while running" } else { false }
    }
    #expect(crashed.map(\.name).contains("patch reports a bad status"))
  }

  @Test("A file that is not an event stream is an error naming the line")
  func notAStream() {
    let error = #expect(throws: JUnitXMLError.self) {
      _ = try EventStreamConverter.convert(Data("not json\n{}\n".utf8), path: "bad.jsonl")
    }
    #expect(error?.description.hasPrefix("bad.jsonl: line 1 is not a JSON event record") == true)
  }
}

@Suite("Merging reports from CI shards")
struct MergeTests {
  @Test("Reading a written report gives the same cases back, and merging adds up totals")
  func roundTripAndMerge() throws {
    for profile in [JUnitProfile.portable, .rich] {
      let data = Fixtures.writer(profile).document(Fixtures.report)
      let read = try JUnitReportReader.read(data, path: "\(profile).xml")
      #expect(read.totals == Fixtures.report.totals || profile == .portable, "\(profile)")
      #expect(read.suites.map(\.name) == ["DeviceStatusTests", "CrashTests"])
    }
    let shard = JUnitReport(suites: [
      TestSuite(name: "DeviceStatusTests", cases: [TestCase(name: "extra", classname: "DeviceStatusTests")])
    ])
    let rich = try JUnitReportReader.read(Fixtures.writer(.rich).document(Fixtures.report), path: "rich.xml")
    let merged = JUnitReportReader.merge([rich, shard])
    #expect(merged.suites.count == 2)
    #expect(merged.totals.tests == 6)
    #expect(merged.suites[0].cases.last?.name == "extra")
    let failed = merged.suites[0].cases[1]
    guard case .failed(let failures) = failed.outcome else {
      Issue.record("expected failures")
      return
    }
    #expect(failures.count == 2)
    #expect(failed.file == "Tests/DeviceStatusTests.swift" && failed.line == 40)
    #expect(merged.suites[0].cases[0].attachments == ["cassettes/DeviceStatusTests/patchCompliance.json"])
  }

  @Test("A report that is not XML, or not JUnit, is an error naming the file")
  func badReports() {
    let broken = #expect(throws: JUnitXMLError.self) {
      _ = try JUnitReportReader.read(Data("<testsuites>".utf8), path: "a.xml")
    }
    #expect(broken?.description.hasPrefix("a.xml: the report is not well-formed XML") == true)
    let other = #expect(throws: JUnitXMLError.self) {
      _ = try JUnitReportReader.read(Data("<html/>".utf8), path: "b.xml")
    }
    #expect(other?.problem.contains("<html>") == true)
  }
}
