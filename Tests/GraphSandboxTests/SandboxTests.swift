import Foundation
import GraphContracts
import GraphSandbox
import Tapedeck
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

@Suite("The Graph sandbox behaves like the real service")
struct SandboxTests {
  @Test("Tokens: client credentials get a JWT with roles and expiry; a wrong secret gets invalid_client")
  func tokens() async throws {
    try await withSandbox { sandbox in
      let client = SandboxClient(sandbox: sandbox)
      let (status, body) = try await client.token()
      #expect(status == 200)
      #expect(body["token_type"] == "Bearer")
      #expect(body["expires_in"] == 3599)
      let token = try #require(body["access_token"]?.stringValue)
      let payload = try JSONParser.parse(Data(base64Encoded: Self.padded(String(token.split(separator: ".")[1])))!)
      #expect(payload["roles"] == [.string(GraphSandbox.permission)])
      let (badStatus, bad) = try await client.token(secret: "FAKE-wrong-secret")
      #expect(badStatus == 401)
      #expect(bad["error"] == "invalid_client")
      #expect(bad["error_description"]?.stringValue?.hasPrefix("AADSTS7000215") == true)
    }
  }

  static func padded(_ base64URL: String) -> String {
    var text = base64URL.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while text.count % 4 != 0 { text += "=" }
    return text
  }

  @Test("Every documented path that resolves answers GET and PATCH in beta; responses conform")
  func documentedPaths() async throws {
    try await withSandbox { sandbox in
      let client = SandboxClient(sandbox: sandbox)
      let token = try await client.accessToken()
      let validator = ContractValidator(version: .beta)
      let paths = sandbox.samplePaths()
      #expect(paths.count == 10, "\(paths)")
      for path in paths {
        let match = try #require(EndpointCatalog.documented.match(path), "\(path)")
        let type = GraphType(match.targetType!)
        let got = try await client.send("GET", path, token: token)
        #expect(got.status == 200, "\(path): \(String(describing: got.body))")
        #expect(validator.validate(try #require(got.body), as: type).isEmpty, "\(path)")
        let patched = try await client.send("PATCH", path, body: #"{"status":"remediated","platform":3}"#, token: token)
        #expect(patched.status == 200, "\(path): \(String(describing: patched.body))")
        #expect(patched.body?["status"] == "remediated")
        #expect(validator.checkPatchAnswer(status: patched.status, body: patched.body, as: type).conforms)
        let after = try await client.send("GET", path, token: token)
        #expect(after.body?["platform"] == 3)
      }
    }
  }

  @Test("v1.0 rejects `platform` with the real message; 204 when configured or asked with Prefer")
  func versionsAndAnswers() async throws {
    var configuration = SandboxConfiguration(seed: 7)
    configuration.patchAnswer = .noContent
    try await withSandbox(configuration) { sandbox in
      let client = SandboxClient(sandbox: sandbox)
      let token = try await client.accessToken()
      let path = try #require(sandbox.samplePaths(version: .v1_0).first)
      let rejected = try await client.send("PATCH", path, body: #"{"platform":1}"#, token: token)
      #expect(rejected.status == 400)
      #expect(rejected.body?["error"]?["code"] == "ModelValidationFailure")
      #expect(
        rejected.body?["error"]?["message"]?.stringValue?.hasPrefix(
          "The property 'platform' does not exist on type 'microsoft.graph.deviceConfigurationDeviceStatus'") == true)
      let accepted = try await client.send("PATCH", path, body: #"{"status":"compliant"}"#, token: token)
      #expect(accepted.status == 204 && accepted.body == nil)
      let got = try await client.send("GET", path, token: token)
      #expect(got.body?["platform"] == nil)
      #expect(got.body?["status"] == "compliant")
    }
    try await withSandbox { sandbox in
      let client = SandboxClient(sandbox: sandbox)
      let token = try await client.accessToken()
      let path = try #require(sandbox.samplePaths().first)
      let minimal = try await client.send(
        "PATCH", path, body: #"{"status":"error"}"#, token: token, headers: ["Prefer": "return=minimal"])
      #expect(minimal.status == 204)
    }
  }

  @Test("Bad requests get the real error shapes")
  func errors() async throws {
    var configuration = SandboxConfiguration(seed: 7)
    configuration.apps.append(
      SandboxConfiguration.App(
        tenantID: "t-readonly", clientID: "c-readonly", clientSecret: "FAKE-readonly-secret",
        roles: ["DeviceManagementConfiguration.Read.All"]))
    configuration.maximumBodyBytes = 1024
    try await withSandbox(configuration) { sandbox in
      let client = SandboxClient(sandbox: sandbox)
      let token = try await client.accessToken()
      let path = try #require(sandbox.samplePaths().first)
      func expectError(
        _ result: (status: Int, body: JSONValue?, response: HTTPURLResponse), _ status: Int, _ code: String
      ) {
        #expect(result.status == status, "\(String(describing: result.body))")
        #expect(result.body?["error"]?["code"]?.stringValue == code)
        #expect(result.body?["error"]?["innerError"]?["request-id"]?.stringValue != nil)
      }
      expectError(try await client.send("GET", path, token: nil), 401, "InvalidAuthenticationToken")
      expectError(try await client.send("GET", path, token: "not.a.token"), 401, "InvalidAuthenticationToken")
      let readOnlyApp = configuration.apps[1]
      let readOnly = try await client.token(app: readOnlyApp).1["access_token"]!.stringValue!
      expectError(try await client.send("PATCH", path, body: "{}", token: readOnly), 403, "Forbidden")
      expectError(
        try await client.send(
          "GET", path.replacingOccurrences(of: "deviceStatuses/", with: "deviceStatuses/nope"), token: token), 404,
        "ResourceNotFound")
      expectError(try await client.send("PATCH", path, body: "{not json", token: token), 400, "BadRequest")
      expectError(
        try await client.send("PATCH", path, body: #"{"platform":"eight"}"#, token: token), 400,
        "ModelValidationFailure")
      expectError(
        try await client.send("PATCH", path, body: #"{"status":"String"}"#, token: token), 400, "ModelValidationFailure"
      )
      expectError(
        try await client.send("PATCH", path, body: String(repeating: " ", count: 2048) + "{}", token: token), 413,
        "RequestEntityTooLarge")
      // A certificate path without its cast segment, and a PATCH on the whole collection.
      let configuration = path.split(separator: "/")[4]
      let uncast = "/beta/deviceManagement/deviceConfigurations/\(configuration)/rootCertificate/deviceStatuses/x"
      expectError(
        try await client.send("PATCH", uncast, body: "{}", token: token), 400, "No method match route template")
      let policy = try #require(sandbox.samplePaths().first { $0.contains("deviceCompliancePolicies") })
      let collection = String(policy[..<policy.range(of: "/deviceStatuses/")!.upperBound].dropLast())
      let patchOnList = try await client.send("PATCH", collection, body: "{}", token: token)
      expectError(patchOnList, 405, "Request_BadRequest")
      #expect(patchOnList.response.value(forHTTPHeaderField: "Allow") == "GET")
      let list = try await client.send("GET", collection, token: token)
      #expect(list.status == 200)
      #expect(
        ContractValidator(version: .beta).validateCollection(try #require(list.body), of: .deviceComplianceDeviceStatus)
          .isEmpty)
    }
  }

  @Test("Real headers: request-id, echoed client-request-id, diagnostics, OData version and content type")
  func headers() async throws {
    try await withSandbox { sandbox in
      let client = SandboxClient(sandbox: sandbox)
      let token = try await client.accessToken()
      let got = try await client.send(
        "GET", sandbox.samplePaths()[0], token: token,
        headers: ["client-request-id": "11111111-1111-1111-1111-111111111111"])
      #expect(got.response.value(forHTTPHeaderField: "client-request-id") == "11111111-1111-1111-1111-111111111111")
      #expect(got.response.value(forHTTPHeaderField: "request-id")?.count == 36)
      #expect(got.response.value(forHTTPHeaderField: "x-ms-ags-diagnostic")?.contains("ServerInfo") == true)
      #expect(got.response.value(forHTTPHeaderField: "OData-Version") == "4.0")
      #expect(
        got.response.value(forHTTPHeaderField: "Content-Type")?.hasPrefix("application/json;odata.metadata=minimal")
          == true)
    }
  }

  @Test("Throttling answers 429 with Retry-After (or without when configured); faults inject 503")
  func throttlingAndFaults() async throws {
    var configuration = SandboxConfiguration(seed: 7)
    configuration.throttling?.writesPerApp = 2
    try await withSandbox(configuration) { sandbox in
      let client = SandboxClient(sandbox: sandbox)
      let token = try await client.accessToken()
      let path = sandbox.samplePaths()[0]
      for _ in 0..<2 { #expect(try await client.send("PATCH", path, body: "{}", token: token).status == 200) }
      let throttled = try await client.send("PATCH", path, body: "{}", token: token)
      #expect(throttled.status == 429)
      #expect(Int(throttled.response.value(forHTTPHeaderField: "Retry-After") ?? "") ?? 0 >= 1)
      sandbox.injectFaults(count: 2, status: 503)
      #expect(try await client.send("GET", path, token: token).status == 503)
      #expect(try await client.send("GET", path, token: token).status == 503)
      #expect(try await client.send("GET", path, token: token).status == 200)
    }
    configuration.throttling?.sendsRetryAfter = false
    try await withSandbox(configuration) { sandbox in
      let client = SandboxClient(sandbox: sandbox)
      let token = try await client.accessToken()
      let path = sandbox.samplePaths()[0]
      for _ in 0..<2 { try await client.send("PATCH", path, body: "{}", token: token) }
      let throttled = try await client.send("PATCH", path, body: "{}", token: token)
      #expect(throttled.status == 429 && throttled.response.value(forHTTPHeaderField: "Retry-After") == nil)
    }
  }

  @Test("The same seed gives the same tenant; another seed another")
  func deterministic() async throws {
    let first = try await withSandbox(SandboxConfiguration(seed: 11)) { $0.samplePaths() }
    let second = try await withSandbox(SandboxConfiguration(seed: 11)) { $0.samplePaths() }
    let other = try await withSandbox(SandboxConfiguration(seed: 12)) { $0.samplePaths() }
    #expect(first == second)
    #expect(first != other)
  }

  @Test("Load check: 10,000 PATCHes from 16 concurrent clients, each applied exactly once")
  func load() async throws {
    var configuration = SandboxConfiguration(seed: 7)
    configuration.throttling = nil
    configuration.patchAnswer = .noContent
    try await withSandbox(configuration) { sandbox in
      let client = SandboxClient(sandbox: sandbox)
      let token = try await client.accessToken()
      let paths = sandbox.samplePaths()
      let failures = try await withThrowingTaskGroup(of: Int.self) { group in
        for worker in 0..<16 {
          group.addTask {
            var failed = 0
            let session = URLSession(configuration: .ephemeral)
            let workerClient = SandboxClient(sandbox: sandbox, session: session)
            for index in stride(from: worker, to: 10_000, by: 16) {
              let marker = String(format: "00000000-0000-0000-0000-%012d", index)
              let result = try await workerClient.send(
                "PATCH", paths[index % paths.count], body: #"{"deviceModel":"load-\#(index)"}"#, token: token,
                headers: ["client-request-id": marker])
              if result.status != 204 { failed += 1 }
            }
            return failed
          }
        }
        return try await group.reduce(0, +)
      }
      #expect(failures == 0)
      let applied = sandbox.appliedPatches
      #expect(applied.count == 10_000)
      #expect(Set(applied).count == 10_000)
    }
  }
}
