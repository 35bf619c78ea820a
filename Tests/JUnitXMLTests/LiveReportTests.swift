import Foundation
import JUnitXML
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Live reports: well-formed at every moment, crash attributed to the running test")
struct LiveReportTests {
  static func path(_ name: String) -> URL {
    URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("tapedeck-live-\(name).xml")
  }

  static func check(_ url: URL, profile: JUnitProfile) throws {
    let data = try Data(contentsOf: url)
    #expect(XMLParsing.wellFormednessProblem(data) == nil, "\(String(decoding: data, as: UTF8.self))")
    if profile == .portable, let folder = Fixtures.schemaFolder {
      for schema in Fixtures.portableSchemas {
        let problems = try XSDValidator(schema: folder.appendingPathComponent("\(schema).xsd")).validate(data)
        #expect(problems.isEmpty, "\(schema): \(problems.prefix(3))")
      }
    }
  }

  @Test("After every step the file is well-formed and (portable) valid", arguments: [JUnitProfile.portable, .rich])
  func everyStep(profile: JUnitProfile) throws {
    let url = Self.path("steps-\(profile.rawValue)-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: url) }
    let live = try LiveJUnitReport(url: url, writer: Fixtures.writer(profile))
    try Self.check(url, profile: profile)
    try live.startSuite("DeviceStatusTests", properties: [TestProperty(name: "cassette.dir", value: "cassettes")])
    try Self.check(url, profile: profile)
    for testCase in Fixtures.report.suites[0].cases {
      try live.startCase(name: testCase.name, classname: testCase.classname)
      try Self.check(url, profile: profile)
      let text = try String(contentsOf: url, encoding: .utf8)
      #expect(text.contains("crashed while running"))
      try live.finishCase(testCase)
      try Self.check(url, profile: profile)
    }
    try live.finishSuite(systemOut: "suite output")
    try live.startSuite("Second")
    try live.startCase(name: "only", classname: "Second")
    try live.finishCase(TestCase(name: "only", classname: "Second", time: 0.25))
    try live.finish()
    try Self.check(url, profile: profile)
    let text = try String(contentsOf: url, encoding: .utf8)
    #expect(!text.contains("crashed while running"))
    #expect(text.contains(#"name="DeviceStatusTests" tests="4" failures="1" errors="0" skipped="1""#))
    #expect(text.contains(#"name="Second" tests="1" failures="0" errors="0" skipped="0" time="0.250""#))
    #expect(text.hasSuffix("</testsuites>\n"))
  }

  @Test("A child process that crashes mid-run leaves a valid report naming the running test")
  func crashMidRun() async throws {
    let url = Self.path("crash-\(getpid())")
    defer { try? FileManager.default.removeItem(at: url) }
    await #expect(processExitsWith: .failure) {
      let url = LiveReportTests.path("crash-\(getppid())")
      let live = try LiveJUnitReport(url: url, writer: Fixtures.writer(.portable))
      try live.startSuite("CrashingSuite")
      for name in ["first", "second"] {
        try live.startCase(name: name, classname: "CrashingSuite")
        try live.finishCase(TestCase(name: name, classname: "CrashingSuite", time: 0.1))
      }
      try live.startCase(name: "third", classname: "CrashingSuite")
      abort()
    }
    try Self.check(url, profile: .portable)
    let text = try String(contentsOf: url, encoding: .utf8)
    #expect(text.contains(#"name="CrashingSuite" tests="3" failures="0" errors="1" skipped="0""#))
    #expect(
      text.contains(
        #"<testcase name="third" classname="CrashingSuite" time="0.000"><error message="crashed while running" type="Crash">"#
      ))
  }
}
