import Foundation
import JUnitXML
import Testing

@Suite("The JUnit writer is total: any time, date or name gives valid output")
struct TotalityTests {
  /// Times no clock gives, but a merged or hand-edited report can hold.
  static let strangeTimes: [Double] = [1e300, .infinity, -.infinity, .nan, -5, 9.3e15, 9.2e15]

  static func report(times: [Double], timestamp: Date? = nil) -> JUnitReport {
    JUnitReport(suites: [
      TestSuite(
        name: "Times", timestamp: timestamp,
        cases: times.enumerated().map { index, time in
          TestCase(name: "case\(index)", classname: "Times", time: time)
        })
    ])
  }

  @Test("Huge, infinite, NaN and negative times are clamped, never a crash")
  func strangeTimes() throws {
    for profile in JUnitProfile.allCases {
      let data = Fixtures.writer(profile).document(Self.report(times: Self.strangeTimes))
      #expect(XMLParsing.wellFormednessProblem(data) == nil)
      let text = String(decoding: data, as: UTF8.self)
      #expect(text.contains(#"name="case0" classname="Times" time="9223372036854775.807""#), "\(profile)")
      #expect(text.contains(#"name="case3" classname="Times" time="0.000""#), "\(profile)")
      #expect(text.contains(#"name="case4" classname="Times" time="0.000""#), "\(profile)")
      #expect(text.contains(#"name="case5" classname="Times" time="9223372036854775.807""#), "\(profile)")
      #expect(text.contains(#"name="case6" classname="Times" time="9200000000000000.000""#), "\(profile)")
      #expect(!text.contains("e+") && !text.contains("inf") && !text.contains("nan"), "\(profile)")
    }
  }

  @Test(
    "Strange times, blank names and dates outside years 1–9999 stay valid under the portable schemas",
    .enabled(if: Fixtures.schemaFolder != nil, "../shared/reference/xsd is not present"),
    arguments: Fixtures.portableSchemas)
  func portableStaysValid(schema: String) throws {
    let validator = try Fixtures.validator(schema)
    let blank = JUnitReport(suites: [
      TestSuite(
        name: "  ", timestamp: Date(timeIntervalSince1970: 1e300), hostname: " ",
        properties: [TestProperty(name: "", value: "x"), TestProperty(name: "\u{1B}[0m", value: "y")],
        cases: [TestCase(name: "", classname: "", time: 1e300)]),
      TestSuite(name: "", timestamp: Date(timeIntervalSince1970: -1e15), cases: []),
      TestSuite(name: "\u{1B}[31m", timestamp: Date(timeIntervalSince1970: .nan), cases: []),
      TestSuite(name: "Y10K", timestamp: Date(timeIntervalSince1970: 253_402_300_800), cases: []),
    ])
    for report in [blank, Self.report(times: Self.strangeTimes)] {
      let data = Fixtures.writer(.portable).document(report)
      let problems = validator.validate(data)
      #expect(problems.isEmpty, "\(schema): \(problems)\n\(String(decoding: data, as: UTF8.self))")
    }
    let text = String(decoding: Fixtures.writer(.portable).document(blank), as: UTF8.self)
    #expect(text.contains(#"<testsuite name="unnamed""#))
    #expect(text.contains(#"timestamp="9999-12-31T23:59:59" hostname="localhost""#))
    #expect(text.contains(#"timestamp="0001-01-01T00:00:00""#))
    #expect(text.contains(#"timestamp="1970-01-01T00:00:00""#))
    #expect(text.contains(#"<property name="unnamed" value="x"/>"#))
  }

  @Test(
    "Surefire documents with strange times and dates stay valid under both Surefire schemas",
    .enabled(if: Fixtures.schemaFolder != nil, "../shared/reference/xsd is not present"),
    arguments: Fixtures.surefireSchemas)
  func surefireStaysValid(schema: String) throws {
    let validator = try Fixtures.validator(schema)
    let report = Self.report(times: Self.strangeTimes, timestamp: Date(timeIntervalSince1970: 1e300))
    for (name, data) in Fixtures.writer(.surefire).documents(report) {
      #expect(validator.validate(data).isEmpty, "\(name): \(validator.validate(data))")
    }
  }

  @Test("Timestamps inside years 1–9999 are the ISO 8601 UTC form, to the second")
  func timestampsMatchFoundation() {
    let style = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!)
    let seconds: [Double] = [
      0, 1_795_341_600.9, -1, -86_400, 951_782_400, 4_107_542_399, -2_208_988_800,
      253_402_300_799, 68_256_000_000, -12_219_292_800,
    ]
    for second in seconds {
      let date = Date(timeIntervalSince1970: second)
      let whole = Date(timeIntervalSince1970: second.rounded(.down))
      let report = JUnitReport(suites: [TestSuite(name: "S", timestamp: date)])
      let text = String(decoding: Fixtures.writer(.portable).document(report), as: UTF8.self)
      let expected = String(style.format(whole).dropLast())
      #expect(text.contains(#"timestamp="\#(expected)""#), "\(second): \(text)")
    }
  }

  @Test("Surefire never writes two suites to one file, whatever their names")
  func surefireFileNamesAreDistinct() throws {
    let names = ["A/B", "A_B", "a_b", "A_B-2", "", " ", "A:B"]
    let report = JUnitReport(
      suites: names.map { name in
        TestSuite(
          name: name,
          cases: [TestCase(name: "t", classname: name, outcome: .failed([TestFailure(message: "failed in \(name)")]))])
      })
    let documents = Fixtures.writer(.surefire).documents(report)
    let fileNames = documents.map(\.fileName)
    #expect(Set(fileNames.map { $0.lowercased() }).count == names.count, "\(fileNames)")
    #expect(fileNames.prefix(4) == ["TEST-A_B.xml", "TEST-A_B-2.xml", "TEST-a_b-3.xml", "TEST-A_B-2-2.xml"])
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("surefire-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try Fixtures.writer(.surefire).write(report, to: folder)
    let written = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(written.count == names.count, "\(written)")
    let failures = try written.map { try JUnitReportReader.read(contentsOf: folder.appendingPathComponent($0)) }
      .reduce(0) { $0 + $1.totals.failures }
    #expect(failures == names.count)
  }
}
