import Foundation
import Testing

/// `verify --max-age` and `verify --usage`, run as a built binary.
@Suite("tapedeck verify: expiry and the usage log")
struct VerifyFreshnessTests {
  static let folder = "cassettes/sandbox/v1.0"

  @Test("--max-age reports cassettes older than the limit as findings (exit 1); a young enough one passes")
  func maxAge() throws {
    let old = try CommandRunner.run(["verify", Self.folder, "--max-age", "1h"], environment: ["TAPEDECK_MAX_AGE": ""])
    // The shipped cassettes were recorded more than an hour before any run of this test.
    #expect(old.status == 1, "\(old.output)\(old.errors)")
    #expect(old.output.contains("[expired]"), "\(old.output)")
    #expect(old.output.contains("re-record it (TAPEDECK_RECORD=all) or check it with tapedeck drift"))
    let young = try CommandRunner.run(["verify", Self.folder, "--max-age", "52w"])
    #expect(young.status == 0, "\(young.output)\(young.errors)")
    let environment = try CommandRunner.run(["verify", Self.folder], environment: ["TAPEDECK_MAX_AGE": "1h"])
    #expect(environment.status == 1)
    let bad = try CommandRunner.run(["verify", Self.folder, "--max-age", "soon"])
    #expect(bad.status == 2)
    #expect(bad.errors.contains("--max-age soon is not an age; write it like 90d, 12w or 36h."))
  }

  @Test("--usage lists cassettes no test opened and interactions no test played, as warnings (exit 0)")
  func usage() throws {
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-usage-\(UUID().uuidString).log")
    defer { try? FileManager.default.removeItem(at: log) }
    let opened = CommandRunner.packageRoot.appendingPathComponent("\(Self.folder)/compliance-policy-status.json").path
    try Data(
      #"""
      {"cassette":"\#(opened)","interactions":3,"played":[0],"rewritten":false}
      {"cassette":"\#(opened)","interactions":3,"played":[2],"rewritten":false}

      """#.utf8
    ).write(to: log)
    let outcome = try CommandRunner.run(["verify", Self.folder, "--usage", log.path])
    #expect(outcome.status == 0, "\(outcome.output)\(outcome.errors)")
    #expect(outcome.output.contains("Usage (\(log.path), 2 cassette openings):"), "\(outcome.output)")
    #expect(outcome.output.contains("  \(Self.folder)/device-configuration-status.json: no test opened it"))
    #expect(
      outcome.output.contains(
        "  \(Self.folder)/compliance-policy-status.json #1 PATCH https://graph.microsoft.com/v1.0/"))
    #expect(!outcome.output.contains("compliance-policy-status.json #0"))
    #expect(!outcome.output.contains("compliance-policy-status.json #2"))
    let json = try CommandRunner.run(["verify", Self.folder, "--usage", log.path, "--format", "json"])
    #expect(json.output.contains(#""rule":"orphan""#) && json.output.contains(#""rule":"unplayed""#))

    try Data("not json\n".utf8).write(to: log)
    let broken = try CommandRunner.run(["verify", Self.folder, "--usage", log.path])
    #expect(broken.status == 2)
    #expect(broken.errors.contains("\(log.path), line 1: not a usage entry"), "\(broken.errors)")
  }
}
