import Foundation
import JUnitXML

/// Reports used across the JUnit tests, and the schema folder.
enum Fixtures {
  static let timestamp = Date(timeIntervalSince1970: 1_795_341_600)  // 2026-11-22T10:00:00Z

  static func writer(_ profile: JUnitProfile) -> JUnitWriter {
    JUnitWriter(profile: profile, defaultTimestamp: timestamp, defaultHostname: "ci-host")
  }

  /// Every outcome, properties, output, attachments, and two suites.
  static let report = JUnitReport(
    name: "TapedeckFixtures",
    suites: [
      TestSuite(
        name: "DeviceStatusTests",
        properties: [TestProperty(name: "cassette.dir", value: "cassettes")],
        cases: [
          TestCase(
            name: "patchCompliance", classname: "DeviceStatusTests", time: 0.0123,
            attachments: ["cassettes/DeviceStatusTests/patchCompliance.json"]),
          TestCase(
            name: "patchRejectsBadStatus", classname: "DeviceStatusTests", time: 1.23456,
            outcome: .failed([
              TestFailure(
                message: "$.status: notEnumMember", type: "ContractViolation",
                details: "$.status: expected a complianceStatus member, found \"String\"",
                file: "Tests/DeviceStatusTests.swift", line: 42),
              TestFailure(message: "status code 400", file: "Tests/DeviceStatusTests.swift", line: 43),
            ]),
            file: "Tests/DeviceStatusTests.swift", line: 40,
            properties: [
              TestProperty(name: "cassette", value: "cassettes/DeviceStatusTests/patchRejectsBadStatus.json")
            ],
            attachments: ["cassettes/DeviceStatusTests/patchRejectsBadStatus.json"],
            systemOut: "PATCH …/deviceStatuses/st-1"),
          TestCase(
            name: "needsLiveTenant", classname: "DeviceStatusTests", outcome: .skipped(reason: "no tenant in CI")),
          TestCase(
            name: "retried", classname: "DeviceStatusTests", time: 0.5,
            outcome: .flaky([
              TestFailure(message: "timed out", type: "Timeout", details: "first run timed out after 0.5 s")
            ])),
        ]),
      TestSuite(
        name: "CrashTests",
        cases: [
          TestCase(
            name: "crashes", classname: "CrashTests",
            outcome: .error(TestFailure(message: "crashed while running", type: "Crash", details: "signal 6")),
            systemErr: "fatal error")
        ]),
    ])

  static let schemaFolder: URL? = {
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while folder.path != "/" {
      let candidate = folder.appendingPathComponent("../shared/reference/xsd").standardizedFileURL
      if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("jenkins-junit.xsd").path) {
        return candidate
      }
      folder.deleteLastPathComponent()
    }
    return nil
  }()

  static let portableSchemas = ["jenkins-junit", "jenkins-xunit-junit-10", "jest-junit-tests-junit", "windyroad-JUnit"]
  static let surefireSchemas = ["surefire-test-report", "surefire-legacy-test-report"]

  static func validator(_ name: String) throws -> XSDValidator {
    try XSDValidator(schema: schemaFolder!.appendingPathComponent("\(name).xsd"))
  }

  static func golden(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
  }
}
