import Foundation
import GraphSandbox
import GraphTenant
import HTTPTypes
import Tapedeck
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

@Suite("Recording a whole scenario against the sandbox, then replaying it offline")
struct RecordingTests {
  /// The scenario: token, GET a status, PATCH it, GET it again. Returns the two GET bodies.
  static func scenario(session: URLSession, tenant: TenantConfiguration, path: String) async throws -> (
    JSONValue, JSONValue
  ) {
    let token = try await TokenProvider(tenant: tenant, session: session).token()
    func send(_ method: String, body: String? = nil) async throws -> JSONValue {
      var request = URLRequest(url: URL(string: tenant.graphURL.absoluteString + path)!)
      request.httpMethod = method
      request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
      request.setValue("22222222-2222-2222-2222-222222222222", forHTTPHeaderField: "client-request-id")
      if let body {
        request.httpBody = Data(body.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
      }
      let (data, response) = try await session.data(for: request)
      guard (response as? HTTPURLResponse)?.statusCode == 200 else { throw URLError(.badServerResponse) }
      return try JSONParser.parse(data)
    }
    let before = try await send("GET")
    _ = try await send("PATCH", body: #"{"status":"nonCompliant"}"#)
    let after = try await send("GET")
    return (before, after)
  }

  static func record(into folder: URL, key: String, seed: UInt64 = 5) async throws -> (
    file: String, secrets: [String], path: String
  ) {
    let sandbox = try await GraphSandbox.start(SandboxConfiguration(seed: seed))
    let client = SandboxClient(sandbox: sandbox)
    let tenant = client.tenant
    let path = sandbox.samplePaths()[1]
    let player = try CassettePlayer(
      cassette: "scenario", record: .once, redactor: .graph(pseudonymizer: Pseudonymizer(key: key)),
      directory: CassetteDirectory(url: folder), liveRequestGuard: WriteGuard().liveRequestGuard, environment: [:])
    let (before, after) = try await scenario(session: player.makeURLSession(), tenant: tenant, path: path)
    try player.finish()
    // The live values, read around the player: the test itself saw pseudonyms, as replay shows them.
    let live = try #require(try await client.send("GET", path, token: client.accessToken()).body)
    await sandbox.stop()
    #expect(before["status"] != "nonCompliant" && after["status"] == "nonCompliant")
    // The values that must not reach the file.
    let statusID = String(path.split(separator: "/").last!)
    let guids = statusID.split(separator: "_")
    var secrets = [tenant.tenantID, tenant.clientSecret, String(guids[0]), String(guids[2])]
    for key in ["userPrincipalName", "userName", "deviceDisplayName"] {
      let value = try #require(live[key]?.stringValue)
      secrets.append(value)
      #expect(before[key]?.stringValue != value, "the test saw the live \(key) while recording")
    }
    return (try String(contentsOf: folder.appendingPathComponent("scenario.json"), encoding: .utf8), secrets, path)
  }

  @Test("Secrets and personal values never reach the cassette, pseudonyms are stable per key, and the replay matches")
  func recordAndReplay() async throws {
    let base = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
      "tapedeck-recording-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: base) }
    let first = try await Self.record(into: base.appendingPathComponent("a"), key: "FAKE-key-one")
    let second = try await Self.record(into: base.appendingPathComponent("b"), key: "FAKE-key-one")
    let other = try await Self.record(into: base.appendingPathComponent("c"), key: "FAKE-key-two")
    for secret in first.secrets { #expect(!first.file.contains(secret), "\(secret) reached the cassette") }
    #expect(!first.file.contains("eyJ"), "a token reached the cassette")
    #expect(first.file.contains("REDACTED"))
    // Same key, same pseudonyms (the token's signature key differs per sandbox, but it is redacted).
    let pseudonyms = { (text: String) in
      text.split(separator: "\"").filter { $0.hasPrefix("user-") || $0.hasPrefix("name-") || $0.hasPrefix("tenant-") }
        .map(String.init)
    }
    #expect(!pseudonyms(first.file).isEmpty)
    #expect(pseudonyms(first.file) == pseudonyms(second.file))
    #expect(Set(pseudonyms(first.file)).isDisjoint(with: Set(pseudonyms(other.file))))

    // Replay offline: the sandbox is stopped; the live requests carry the real tenant id, secret,
    // token and status ids, and still match the scrubbed recording. The cassette stores the
    // canonical origins, so the replay uses another loopback port than the recording did.
    let recorded = try CassetteFile.load(from: base.appendingPathComponent("a/scenario.json"))
    #expect(recorded.interactions[0].request.url == "https://login.microsoftonline.com/REDACTED/oauth2/v2.0/token")
    #expect(recorded.interactions[1].request.url.hasPrefix("https://graph.microsoft.com/beta/"))
    #expect(recorded.source == .sandbox)
    let app = SandboxConfiguration.defaultApp
    let graphURL = try #require(URL(string: "http://127.0.0.1:9"))
    let replayTenant = TenantConfiguration(
      tenantID: app.tenantID, clientID: app.clientID, clientSecret: app.clientSecret, graphURL: graphURL,
      authorityURL: graphURL)
    let player = try CassettePlayer(
      cassette: "scenario", record: .never, redactor: .graph(pseudonymizer: Pseudonymizer(key: "FAKE-key-one")),
      directory: CassetteDirectory(url: base.appendingPathComponent("a")), environment: [:])
    let (before, after) = try await Self.scenario(
      session: player.makeURLSession(), tenant: replayTenant, path: first.path)
    #expect(before["status"] != "nonCompliant")
    #expect(after["status"] == "nonCompliant")
    #expect(player.unmatchedRequests.isEmpty)
  }

  @Test("The write guard refuses writes to live hosts while recording, and says how to allow them")
  func writeGuard() async throws {
    let guardian = WriteGuard(allowedPrefixes: [
      "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/allowed/"
    ])
    func request(_ method: HTTPMethodName, _ url: String) -> RecordedRequest {
      RecordedRequest(method: .init(method.rawValue)!, url: url)
    }
    let refused = try #require(
      guardian.refusal(
        for: request(
          .patch, "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/x/deviceStatuses/y")))
    #expect(refused.description.contains("TAPEDECK_ALLOW_WRITES="))
    #expect(
      guardian.refusal(
        for: request(
          .patch, "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/allowed/deviceStatuses/y"))
        == nil)
    #expect(guardian.refusal(for: request(.get, "https://graph.microsoft.com/beta/x")) == nil)
    #expect(guardian.refusal(for: request(.post, "https://login.microsoftonline.com/t/oauth2/v2.0/token")) == nil)
    #expect(guardian.refusal(for: request(.delete, "http://127.0.0.1:8080/beta/x")) == nil)
    #expect(
      WriteGuard.fromEnvironment(["TAPEDECK_ALLOW_WRITES": "https://a/, https://b/"]).allowedPrefixes == [
        "https://a/", "https://b/",
      ])

    // Through a recording player: the PATCH fails before reaching any network.
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
      "tapedeck-guard-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let player = try CassettePlayer(
      cassette: "guarded", record: .once, directory: CassetteDirectory(url: folder),
      liveRequestGuard: guardian.liveRequestGuard,
      environment: [:])
    var patch = URLRequest(
      url: URL(string: "https://graph.invalid/beta/deviceManagement/deviceConfigurations/x/deviceStatuses/y")!)
    patch.httpMethod = "PATCH"
    await #expect(throws: WriteRefusedError.self) { _ = try await player.makeURLSession().data(for: patch) }
  }

  @Test("Tenant configuration errors name the missing variables")
  func configuration() throws {
    let error = #expect(throws: TenantConfigurationError.self) {
      _ = try TenantConfiguration.fromEnvironment(["GRAPH_TENANT_ID": "t"])
    }
    #expect(error?.description.hasPrefix("GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET are not set.") == true)
    let tenant = try TenantConfiguration.fromEnvironment([
      "GRAPH_TENANT_ID": "t", "GRAPH_CLIENT_ID": "c", "GRAPH_CLIENT_SECRET": "FAKE-secret",
      "GRAPH_BASE_URL": "http://127.0.0.1:9",
    ])
    #expect(tenant.graphURL.absoluteString == "http://127.0.0.1:9")
    #expect(tenant.tokenURL.absoluteString == "https://login.microsoftonline.com/t/oauth2/v2.0/token")
    #expect(throws: TenantConfigurationError.self) {
      _ = try TenantConfiguration.fromEnvironment([
        "GRAPH_TENANT_ID": "t", "GRAPH_CLIENT_ID": "c", "GRAPH_CLIENT_SECRET": "s", "GRAPH_AUTHORITY": "ftp:x",
      ])
    }
  }

  @Test("The token provider caches, retries 503 with backoff, and reports AAD errors")
  func tokenProvider() async throws {
    try await withSandbox { sandbox in
      let client = SandboxClient(sandbox: sandbox)
      let provider = TokenProvider(tenant: client.tenant, session: client.session, baseDelay: .milliseconds(10))
      sandbox.injectFaults(count: 2, status: 503)
      let first = try await provider.token()
      let second = try await provider.token()
      #expect(first == second)
      var wrong = client.tenant
      wrong.clientSecret = "FAKE-wrong-secret"
      let error = await #expect(throws: TokenError.self) {
        _ = try await TokenProvider(tenant: wrong, session: client.session).token()
      }
      #expect(error?.code == "invalid_client" && error?.status == 401)
    }
  }
}

/// Method names for the guard test.
enum HTTPMethodName: String {
  case get = "GET"
  case post = "POST"
  case patch = "PATCH"
  case delete = "DELETE"
}
