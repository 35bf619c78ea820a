import Foundation
import JUnitXML
import Testing

@Suite("The JUnit writer: golden files, profiles, schemas")
struct WriterTests {
  @Test("Each profile's output matches its golden file", arguments: JUnitProfile.allCases)
  func golden(profile: JUnitProfile) throws {
    let writer = Fixtures.writer(profile)
    let files: [(String, Data)] =
      profile == .surefire
      ? writer.documents(Fixtures.report).map { ("surefire-\($0.fileName)", $0.data) }
      : [("\(profile.rawValue).xml", writer.document(Fixtures.report))]
    for (name, data) in files {
      let url = Fixtures.golden(name)
      if ProcessInfo.processInfo.environment["TAPEDECK_UPDATE_GOLDEN"] == "1" { try data.write(to: url) }
      let expected = try Data(contentsOf: url)
      #expect(
        data == expected,
        "\(name) differs from its golden file; rerun with TAPEDECK_UPDATE_GOLDEN=1 after checking the change")
    }
  }

  @Test("Output is deterministic for a given report")
  func deterministic() {
    #expect(Fixtures.writer(.rich).document(Fixtures.report) == Fixtures.writer(.rich).document(Fixtures.report))
  }

  @Test(
    "portable validates against the Jenkins, xunit, jest and Ant schemas",
    .enabled(if: Fixtures.schemaFolder != nil, "../shared/reference/xsd is not present"),
    arguments: Fixtures.portableSchemas)
  func portableSchemas(schema: String) throws {
    let problems = try Fixtures.validator(schema).validate(Fixtures.writer(.portable).document(Fixtures.report))
    #expect(problems.isEmpty, "\(problems)")
  }

  @Test(
    "surefire documents validate against both Surefire schemas",
    .enabled(if: Fixtures.schemaFolder != nil, "../shared/reference/xsd is not present"),
    arguments: Fixtures.surefireSchemas)
  func surefireSchemas(schema: String) throws {
    let validator = try Fixtures.validator(schema)
    for (name, data) in Fixtures.writer(.surefire).documents(Fixtures.report) {
      #expect(validator.validate(data).isEmpty, "\(name): \(validator.validate(data))")
    }
  }

  @Test("rich is well-formed and carries file, line, per-case properties, every failure, flaky runs and attachments")
  func rich() throws {
    let data = Fixtures.writer(.rich).document(Fixtures.report)
    #expect(XMLParsing.wellFormednessProblem(data) == nil)
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains(#"file="Tests/DeviceStatusTests.swift" line="40""#))
    #expect(
      text.contains(#"<property name="cassette" value="cassettes/DeviceStatusTests/patchRejectsBadStatus.json"/>"#))
    #expect(text.components(separatedBy: "<failure ").count == 3)
    #expect(text.contains("<flakyFailure"))
    #expect(text.contains("[[ATTACHMENT|cassettes/DeviceStatusTests/patchRejectsBadStatus.json]]"))
  }

  @Test("Schema problems come back with line numbers")
  func schemaProblems() throws {
    guard Fixtures.schemaFolder != nil else { return }
    let problems = try Fixtures.validator("jenkins-xunit-junit-10").validate(
      Fixtures.writer(.rich).document(Fixtures.report))
    #expect(!problems.isEmpty)
    #expect(problems.contains { $0.line > 1 && $0.message.contains("file") })
  }

  @Test("Times are %.3f, never an exponent, and counts count cases")
  func timesAndCounts() {
    let report = JUnitReport(suites: [
      TestSuite(
        name: "S",
        cases: [
          TestCase(name: "tiny", classname: "S", time: 0.0000123),
          TestCase(name: "long", classname: "S", time: 12.34567),
        ])
    ])
    let text = String(decoding: Fixtures.writer(.portable).document(report), as: UTF8.self)
    #expect(text.contains(#"time="0.000""#))
    #expect(text.contains(#"time="12.346""#))
    #expect(!text.contains("e-"))
    #expect(
      Fixtures.report.totals
        == {
          var counts = TestCounts(); counts.tests = 5; counts.failures = 1; counts.errors = 1; counts.skipped = 1;
          counts.flaky = 1; return counts
        }())
  }
}
