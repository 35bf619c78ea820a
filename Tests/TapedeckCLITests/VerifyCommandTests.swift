import Foundation
import HTTPTypes
import JUnitXML
import Tapedeck
import Testing

@Suite("tapedeck verify, audit and record, run as a built binary")
struct VerifyCommandTests {
  static func temporaryFolder() throws -> URL {
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
      "tapedeck-verify-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test("The shipped cassettes verify: exit 0, a table, and a JUnit report that validates")
  func shipped() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = folder.appendingPathComponent("verify.xml")
    let outcome = try CommandRunner.run(["verify", "--junit", report.path])
    #expect(outcome.status == 0, "\(outcome.output)\(outcome.errors)")
    #expect(outcome.output.hasPrefix("CASSETTE"))
    #expect(outcome.output.contains("12 cassettes, 36 interactions: 12 ok, 0 with findings."))
    let data = try Data(contentsOf: report)
    #expect(XMLParsing.wellFormednessProblem(data) == nil)
    let parsed = try JUnitReportReader.read(data, path: report.path)
    #expect(parsed.suites.count == 12 && parsed.totals.tests == 36 && parsed.totals.failures == 0)
  }

  @Test("The docs pages' examples: the stub's \"String\" status and the three unresolvable paths, nothing else")
  func docsExamples() throws {
    let outcome = try CommandRunner.run(["verify", "Examples/docs-examples", "--format", "json"])
    #expect(outcome.status == 1)
    let results = try JSONParser.parse(outcome.output)
    guard case .array(let cassettes) = results else {
      Issue.record("expected an array")
      return
    }
    var findings: [String] = []
    for cassette in cassettes {
      guard case .array(let list)? = cassette["findings"] else { continue }
      for finding in list {
        findings.append(
          "\(cassette["cassette"]!.stringValue!) \(finding["path"]!.stringValue!) \(finding["rule"]!.stringValue!)")
      }
    }
    #expect(findings.count == 6, "\(findings)")
    #expect(findings.filter { $0.hasSuffix(" endpoint") }.count == 4)
    #expect(
      findings.contains(
        "Examples/docs-examples/update-device-statuses-stub.json $.interactions[0].request.body.json.status notEnumMember"
      ))
  }

  @Test("A planted JWT makes verify and audit exit 1 naming the JSON path")
  func plantedToken() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let source = CommandRunner.packageRoot.appendingPathComponent(
      "cassettes/sandbox/beta/device-configuration-status.json")
    var cassette = try CassetteFile.load(from: source)
    let fake = ["eyJhbGciOiJub25lIn0", "eyJzdWIiOiJGQUtFIn0", "RkFLRS1zaWduYXR1cmU"].joined(separator: ".")
    cassette.interactions[1].request.headers[.authorization] = "Bearer \(fake)"
    try CassetteFile.save(cassette, to: folder.appendingPathComponent("leaky.json"))
    let audit = try CommandRunner.run(["audit", folder.path])
    #expect(audit.status == 1)
    #expect(
      audit.output.contains(
        "leaky.json: $.interactions[1].request.headers.authorization[0]: the authorization header holds a real value"))
    let verify = try CommandRunner.run(["verify", folder.path])
    #expect(verify.status == 1)
    #expect(verify.output.contains("$.interactions[1].request.headers.authorization[0]: [audit]"))
  }

  @Test("audit reads past an unreadable cassette: every other one is audited, the broken one named, exit 2")
  func auditPastBrokenCassette() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let source = CommandRunner.packageRoot.appendingPathComponent(
      "cassettes/sandbox/beta/device-configuration-status.json")
    var cassette = try CassetteFile.load(from: source)
    cassette.interactions[1].request.headers[.authorization] = "Bearer FAKEopaqueTokenForTheAudit01"
    try Data("{ not json".utf8).write(to: folder.appendingPathComponent("a-broken.json"))
    try CassetteFile.save(cassette, to: folder.appendingPathComponent("b-leaky.json"))
    let audit = try CommandRunner.run(["audit", folder.path])
    #expect(audit.status == 2)
    #expect(audit.output.contains("b-leaky.json: $.interactions[1].request.headers.authorization[0]"))
    #expect(!(audit.output + audit.errors).contains("FAKEopaqueTokenForTheAudit01"))
    #expect(audit.errors.contains("a-broken.json"))
    #expect(audit.errors.contains("1 cassette or folder could not be read and was not audited"))
  }

  @Test("Bad usage exits 2 with usage; an unreadable or missing folder exits 2 naming it")
  func badInput() throws {
    let usage = try CommandRunner.run(["verify", "--profile", "fancy"])
    #expect(usage.status == 2)
    #expect(usage.errors.contains("Usage: tapedeck verify"))
    let missing = try CommandRunner.run(["verify", "/nonexistent/cassettes"])
    #expect(missing.status == 2)
    #expect(missing.errors.contains("/nonexistent/cassettes does not exist"))
    let broken = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: broken) }
    try Data("{ not json".utf8).write(to: broken.appendingPathComponent("broken.json"))
    let parsed = try CommandRunner.run(["verify", broken.path])
    #expect(parsed.status == 1)
    #expect(parsed.output.contains("broken.json at line 1, column 3: the file is not valid JSON"))
  }

  @Test("record runs a scenario against the sandbox, writes a scrubbed cassette that verifies")
  func recordScenario() async throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let sandbox = try CommandRunner.launch(
      CommandRunner.binary.path, ["sandbox", "--seed", "1"], in: CommandRunner.packageRoot)
    defer { sandbox.process.terminate() }
    var text = ""
    while !text.contains("Press Ctrl-C") {
      let chunk = sandbox.output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      text += String(decoding: chunk, as: UTF8.self)
    }
    var environment: [String: String] = ["TAPEDECK_CASSETTES": folder.path, "TAPEDECK_REDACTION_KEY": "FAKE-test-key"]
    for line in text.split(separator: "\n") where line.hasPrefix("export ") {
      let pair = line.dropFirst(7).split(separator: "=", maxSplits: 1)
      environment[String(pair[0])] = String(pair[1])
    }
    let scenario = CommandRunner.packageRoot.appendingPathComponent(
      "Examples/scenarios/beta/ios-scep-root-certificate-status.json")
    let recorded = try CommandRunner.run(
      ["record", "--scenario", scenario.path, "--cassette", "recorded/ios"], environment: environment)
    #expect(recorded.status == 0, "\(recorded.output)\(recorded.errors)")
    let file = folder.appendingPathComponent("recorded/ios.json")
    let contents = try String(contentsOf: file, encoding: .utf8)
    #expect(!contents.contains(environment["GRAPH_CLIENT_SECRET"]!))
    #expect(!contents.contains(environment["GRAPH_TENANT_ID"]!))
    // What the command printed is scrubbed like the file: the status ids' device and user GUIDs
    // are shown as their pseudonyms, and no secret appears.
    let printed = recorded.output + recorded.errors
    #expect(
      !printed.contains(environment["GRAPH_CLIENT_SECRET"]!) && !printed.contains(environment["GRAPH_TENANT_ID"]!))
    let cassette = try CassetteFile.load(from: file)
    let patched = try #require(cassette.interactions.first { $0.request.method == .patch }?.request.url)
    let statusID = try #require(patched.split(separator: "/").last.map(String.init))
    #expect(printed.contains(statusID), "the printed path shows the pseudonymized status id: \(printed)")
    #expect(try CommandRunner.run(["verify", folder.path]).status == 0)
    let missing = try CommandRunner.run(
      ["record", "--scenario", scenario.path, "--cassette", "x"], environment: ["GRAPH_TENANT_ID": ""])
    #expect(missing.status == 2)
    #expect(missing.errors.contains("GRAPH_TENANT_ID"))
  }
}
