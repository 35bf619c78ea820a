import Foundation
import JUnitXML
import Tapedeck
import Testing

/// `tapedeck drift` against the sandbox, run as built binaries: no drift, then seeded drift in
/// every tier, in each output.
@Suite("tapedeck drift against the sandbox")
struct DriftCommandTests {
  static let cassette = "cassettes/sandbox/beta/compliance-policy-status.json"
  static let key = ["TAPEDECK_REDACTION_KEY": "tapedeck-sandbox-cassettes-not-a-secret"]

  /// Starts `tapedeck sandbox` with `arguments` and returns it with the environment its banner prints.
  static func sandbox(_ arguments: [String]) throws -> (CommandRunner.Running, [String: String]) {
    let running = try CommandRunner.launch(
      CommandRunner.binary.path, ["sandbox"] + arguments, in: CommandRunner.packageRoot)
    var environment: [String: String] = [:]
    for line in SandboxCommandTests.banner(running).split(separator: "\n") where line.hasPrefix("export ") {
      let pair = line.dropFirst(7).split(separator: "=", maxSplits: 1).map(String.init)
      if pair.count == 2 { environment[pair[0]] = pair[1] }
    }
    return (running, environment.merging(key) { $1 })
  }

  @Test("Against an unchanged sandbox: no breaking or notable drift, exit 0, the PATCH re-issued and undone")
  func noDrift() throws {
    let (running, environment) = try Self.sandbox([])
    defer { running.process.terminate() }
    let outcome = try CommandRunner.run(["drift", Self.cassette], environment: environment)
    #expect(outcome.status == 0, "\(outcome.output)\(outcome.errors)")
    #expect(outcome.output.contains("0 breaking, 0 notable"), "\(outcome.output)")
    #expect(outcome.output.contains("#0 POST https://login.microsoftonline.com/REDACTED/oauth2/v2.0/token  skipped"))
    #expect(
      !outcome.output.contains(
        "#1 PATCH https://graph.microsoft.com/beta/deviceManagement/deviceCompliancePolicies/11717b69-d86d-687c-7f4d-7b967dc7ffec/deviceStatuses/57f1ba56-8931-0f74-0f23-0ef88ce24e44_11717b69-d86d-687c-7f4d-7b967dc7ffec_14d9b7c1-05d1-00ee-032d-318d141a64ee  skipped"
      ))
  }

  @Test("Seeded drift shows in each tier, as a table, JSON and JUnit, with exit 1")
  func seededDrift() throws {
    let (running, environment) = try Self.sandbox(["--drift", "7"])
    defer { running.process.terminate() }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-drift-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let junit = folder.appendingPathComponent("drift.xml")
    let table = try CommandRunner.run(["drift", Self.cassette, "--junit", junit.path], environment: environment)
    #expect(table.status == 1)
    #expect(table.errors.contains("breaking difference"))
    #expect(
      table.output.contains(
        "    breaking  body.deviceDisplayName  property deviceDisplayName removed [property-removed]"),
      "\(table.output)")
    #expect(table.output.contains("    notable   body.enrollmentProfileName  property enrollmentProfileName added"))
    #expect(table.output.contains("    notable   headers.Deprecation  header Deprecation added [header-changed]"))
    #expect(table.output.contains("    ignored   body.lastReportedDateTime  a volatile value"))

    let json = try CommandRunner.run(["drift", Self.cassette, "--format", "json"], environment: environment)
    #expect(json.status == 1)
    let document = try JSONParser.parse(json.output)
    #expect(document["totals"]?["breaking"] == 2)
    #expect(document["totals"]?["notable"] == 6)

    let report = try JUnitReportReader.read(Data(contentsOf: junit), path: junit.path)
    #expect(report.suites.map(\.name) == [Self.cassette])
    let cases = report.suites[0].cases
    #expect(cases.count == 3)
    guard case .skipped = cases[0].outcome, case .failed(let failures) = cases[1].outcome else {
      Issue.record("expected a skipped token case and a failed PATCH case: \(cases.map(\.outcome))")
      return
    }
    #expect(failures.first?.message == "body.deviceDisplayName: property deviceDisplayName removed")
    #expect(failures.first?.details.contains("notable headers.Sunset: header Sunset added") == true)
  }

  @Test("No credentials, or a cassette recorded with another key: exit 2 with what to do")
  func badInput() throws {
    let missing = try CommandRunner.run(
      ["drift", Self.cassette, "--against", "http://127.0.0.1:9"],
      environment: ["GRAPH_TENANT_ID": "", "GRAPH_CLIENT_ID": "", "GRAPH_CLIENT_SECRET": ""])
    #expect(missing.status == 2)
    #expect(missing.errors.contains("GRAPH_TENANT_ID"), "\(missing.errors)")

    let (running, environment) = try Self.sandbox([])
    defer { running.process.terminate() }
    var otherKey = environment
    otherKey["TAPEDECK_REDACTION_KEY"] = "another-key-FAKE"
    let outcome = try CommandRunner.run(["drift", Self.cassette], environment: otherKey)
    #expect(outcome.status == 2)
    #expect(outcome.errors.contains("Set TAPEDECK_REDACTION_KEY to the key it was recorded with"), "\(outcome.errors)")
  }
}
