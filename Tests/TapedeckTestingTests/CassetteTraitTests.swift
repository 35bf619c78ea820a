import Foundation
import GraphContracts
import GraphTenant
import Tapedeck
import Testing

@testable import TapedeckTesting

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Replays the shipped sandbox cassettes the way a downstream test would: offline, `.never`.
enum Shipped {
  static let key = Pseudonymizer(key: "tapedeck-sandbox-cassettes-not-a-secret")
  static let redactor = Redactor.graph(pseudonymizer: key)
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let cassettes = CassetteDirectory(url: root.appendingPathComponent("cassettes"))

  /// The status the scenario's PATCH sends.
  static func status(_ scenario: String) throws -> String {
    let text = try JSONParser.parse(
      Data(contentsOf: root.appendingPathComponent("Examples/scenarios/\(scenario).json")))
    guard case .array(let steps)? = text["requests"], let status = steps[0]["body"]?["status"]?.stringValue else {
      throw URLError(.badURL)
    }
    return status
  }

  /// The scenario's request path, with its real (unscrubbed) ids.
  static func path(_ scenario: String) throws -> String {
    let text = try JSONParser.parse(
      Data(contentsOf: root.appendingPathComponent("Examples/scenarios/\(scenario).json")))
    let request = text["requests"]!
    guard case .array(let steps) = request, case .object(let ids)? = steps[0]["ids"],
      let template = steps[0]["template"]?.stringValue
    else { throw URLError(.badURL) }
    var path = template
    for (name, value) in ids { path = path.replacingOccurrences(of: "{\(name)}", with: value.stringValue!) }
    return "/\(text["version"]!.stringValue!)" + path
  }

  /// Token, PATCH, GET: what the cassette holds.
  static func scenario(_ session: URLSession, path: String, status: String) async throws -> (Int, Data, URLResponse) {
    let app = (
      tenant: "00000000-0000-0000-0000-0000000000aa", client: "00000000-0000-0000-0000-0000000000bb",
      secret: "sandbox-client-secret-FAKE"
    )
    let base = URL(string: "http://127.0.0.1:48080")!
    let tenant = TenantConfiguration(
      tenantID: app.tenant, clientID: app.client, clientSecret: app.secret, graphURL: base, authorityURL: base)
    let token = try await TokenProvider(tenant: tenant, session: session).token()
    var patch = URLRequest(url: URL(string: base.absoluteString + path)!)
    patch.httpMethod = "PATCH"
    patch.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
    patch.setValue("application/json", forHTTPHeaderField: "Accept")
    patch.setValue("application/json", forHTTPHeaderField: "Content-Type")
    patch.httpBody = Data(#"{"status":"\#(status)"}"#.utf8)
    let (data, response) = try await session.data(for: patch)
    return ((response as! HTTPURLResponse).statusCode, data, response)
  }
}

@Suite(
  "The .cassette trait replays downstream-style tests offline", .cassette(record: .never, redactor: Shipped.redactor))
struct CassetteTraitTests {
  @Test(.cassette("sandbox/beta/device-configuration-status", record: .never, redactor: Shipped.redactor))
  func replaysShippedCassette() async throws {
    let (status, data, response) = try await Shipped.scenario(
      try cassetteSession(), path: try Shipped.path("beta/device-configuration-status"),
      status: try Shipped.status("beta/device-configuration-status"))
    #expect(status == 200)
    expectConforms(response, data, to: .deviceConfigurationDeviceStatus, version: .beta)
    #expect(currentCassette?.mode == .never)
    #expect(currentCassette?.fileURL.path.hasSuffix("cassettes/sandbox/beta/device-configuration-status.json") == true)
    // One session per test, however often it is asked for.
    #expect(try cassetteSession() === cassetteSession())
  }

  @Test(
    "Several tests on the same cassette, in parallel",
    .cassette("sandbox/beta/compliance-policy-status", record: .never, redactor: Shipped.redactor), arguments: 0..<4)
  func sameCassette(run: Int) async throws {
    let (status, data, response) = try await Shipped.scenario(
      try cassetteSession(), path: try Shipped.path("beta/compliance-policy-status"),
      status: try Shipped.status("beta/compliance-policy-status"))
    #expect(status == 200)
    expectConforms(response, data, to: .deviceComplianceDeviceStatus)
  }

}

@Suite("Record-mode precedence and derived names", .cassette(record: .passthrough))
struct TraitScopeTests {
  @Test("Argument over trait over environment")
  func precedence() throws {
    // This test has no cassette of its own: the suite's trait only sets the scope's mode.
    #expect(RecordMode.scoped == .passthrough)
    #expect(try RecordMode.resolve(.all, environment: ["TAPEDECK_RECORD": "missing"]).mode == .all)
    #expect(try RecordMode.resolve(nil, environment: ["TAPEDECK_RECORD": "missing"]).mode == .passthrough)
    #expect(try RecordMode.resolve(nil, environment: ["TAPEDECK_RECORD": "missing"]).origin == "the enclosing scope")
  }

  @Suite struct Nested {
    @Test(
      "Names derive from suite, nested suite and test; parameterized cases get stable names", arguments: ["a", "b"])
    func naming(value: String) throws {
      let test = try #require(Test.current)
      let name = CassetteNaming.name(for: test, testCase: Test.Case.current)
      #expect(name == "TraitScopeTests/Nested/naming/\(value)")
    }
  }
}

@Suite("Failures point at the test with the whole story")
struct FailureMessageTests {
  @Test("An unmatched request fails with the full message and never reaches the network")
  func unmatched() async throws {
    await withKnownIssue {
      _ = try? await withCassette(
        "sandbox/beta/device-configuration-status", record: .never, redactor: Shipped.redactor,
        directory: Shipped.cassettes
      ) { session in
        var request = URLRequest(
          url: URL(string: "http://127.0.0.1:48080/beta/deviceManagement/deviceConfigurations/x/deviceStatuses/y")!)
        request.httpMethod = "GET"
        return try await session.data(for: request)
      }
    } matching: { issue in
      issue.description.contains("no recorded interaction matches this request")
        && issue.description.contains("Record mode: .never") && issue.description.contains("What to do:")
    }
  }

  @Test("A missing cassette in .never says how to record it")
  func missingCassette() {
    withKnownIssue {
      _ = try? withCassette("nowhere/nothing", record: .never, directory: Shipped.cassettes) { _ in 1 }
    } matching: { issue in
      issue.description.contains("does not exist") && issue.description.contains("TAPEDECK_RECORD=once")
    }
  }

  @Test("expectConforms lists every violation with its JSON path")
  func conformance() {
    withKnownIssue {
      let body = Data(#"{"id":"a","status":"String","platform":8.5}"#.utf8)
      let violations = expectConforms(nil, body, to: .deviceConfigurationDeviceStatus, version: .beta)
      #expect(violations.count == 2)
    } matching: { issue in
      issue.description.contains("$.platform: notAnInteger") && issue.description.contains("$.status: notEnumMember")
    }
    withKnownIssue {
      expectRequestConforms(Data(#"{"platform":0}"#.utf8), to: .deviceConfigurationDeviceStatus, version: .v1_0)
    } matching: { issue in
      issue.description.contains("The request body does not conform")
        && issue.description.contains("$.platform: unknownProperty")
    }
  }
}
