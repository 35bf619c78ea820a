import Foundation
import GraphSandbox
import Tapedeck
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Faults on demand (rules, the control endpoint) and the token endpoint's AADSTS answers.
@Suite("Faults on demand and token errors")
struct FaultAndTokenTests {
  @Test("The Nth request of a path fails once; a rate fails the same requests for the same seed")
  func rules() async throws {
    var configuration = SandboxConfiguration(seed: 11)
    configuration.throttling = nil
    configuration.faults = [
      SandboxFault(status: 504, trigger: .nth(3), path: "/beta/deviceManagement/deviceConfigurations")
    ]
    try await withSandbox(configuration) { sandbox in
      let client = SandboxClient(sandbox: sandbox)
      let token = try await client.accessToken()
      let path = sandbox.samplePaths()[0]
      var statuses: [Int] = []
      for _ in 0..<5 { statuses.append(try await client.send("GET", path, token: token).status) }
      #expect(statuses == [200, 200, 504, 200, 200])
      #expect(
        try await client.send("GET", "/beta/deviceManagement/deviceCompliancePolicies", token: token).status == 200)
    }
    func pattern() async throws -> [Int] {
      var seeded = SandboxConfiguration(seed: 5)
      seeded.throttling = nil
      seeded.faults = [SandboxFault(status: 429, trigger: .rate(0.3), path: "/beta/", retryAfter: nil)]
      return try await withSandbox(seeded) { sandbox in
        let client = SandboxClient(sandbox: sandbox)
        let token = try await client.accessToken()
        var statuses: [Int] = []
        for _ in 0..<30 {
          let answer = try await client.send("GET", sandbox.samplePaths()[0], token: token)
          if answer.status == 429 { #expect(answer.response.value(forHTTPHeaderField: "Retry-After") == nil) }
          statuses.append(answer.status)
        }
        return statuses
      }
    }
    let first = try await pattern()
    #expect(first.contains(429) && first.contains(200))
    #expect(try await pattern() == first)
  }

  @Test(
    "POST /_tapedeck/faults adds a rule, GET lists it, DELETE clears; a bad rule is a 400 that says how to write it")
  func controlEndpoint() async throws {
    try await withSandbox { sandbox in
      let client = SandboxClient(sandbox: sandbox)
      let token = try await client.accessToken()
      let added = try await client.send(
        "POST", "/_tapedeck/faults", body: #"{"status":429,"nth":1,"retryAfter":0,"method":"PATCH"}"#, token: nil)
      #expect(added.status == 201)
      #expect(try await client.send("GET", "/_tapedeck/faults", token: nil).body?["value"]?.arrayCount == 1)
      let path = sandbox.samplePaths()[0]
      let throttled = try await client.send("PATCH", path, body: "{}", token: token)
      #expect(throttled.status == 429)
      #expect(throttled.response.value(forHTTPHeaderField: "Retry-After") == "0")
      #expect(throttled.body?["error"]?["code"] == "TooManyRequests")
      #expect(try await client.send("PATCH", path, body: "{}", token: token).status == 200)
      let listed = try await client.send("GET", "/_tapedeck/faults", token: nil).body?["value"]
      guard case .array(let rules)? = listed else { Issue.record("no rules"); return }
      #expect(rules.first?["fired"] == .number(JSONNumber(1)))
      #expect(rules.first?["matched"] == .number(JSONNumber(2)))
      #expect(try await client.send("DELETE", "/_tapedeck/faults", token: nil).status == 204)
      #expect(sandbox.faultRules.isEmpty)
      let bad = try await client.send("POST", "/_tapedeck/faults", body: #"{"status":429,"rate":2}"#, token: nil)
      #expect(bad.status == 400)
      #expect(
        bad.body?["error"]?["message"]?.stringValue
          == "The fault rule 'status=429' cannot be used: rate 2.0 is outside 0…1. Write it as status=429,rate=0.2 or status=503,nth=3 (optional: path=/beta/…, method=PATCH, retry-after=SECONDS|none, count=N)."
      )
    }
  }

  @Test(
    "Fault rules from the command line's text",
    arguments: [
      ("status=503,nth=3,path=/beta/deviceManagement", nil),
      ("status=429,rate=0.25,retry-after=none,method=patch,count=2", nil),
      ("status=abc", "status=CODE is required (429, 503 or 504)"),
      ("status=429,every=2", "'every' is not one of status, rate, nth, path, method, retry-after, count"),
      ("status=429,nth=0", "nth 0 must be 1 or more"),
      ("status=200", "status 200 is not a 4xx or 5xx code"),
      ("status=503,path=beta", "path 'beta' must start with /"),
    ])
  func parsing(text: String, problem: String?) {
    do {
      let fault = try SandboxFault(parsing: text)
      #expect(problem == nil, "accepted \(fault)")
    } catch {
      #expect(error.problem == problem)
    }
  }

  @Test(
    "The token endpoint answers bad scopes, tenants, clients and secrets with Entra's codes",
    arguments: [
      ("scope=User.Read", 400, "invalid_scope", 1_002_012),
      ("scope=https%3A%2F%2Fvault.azure.net%2F.default", 400, "invalid_resource", 500_011),
      ("", 400, "invalid_request", 900_144),
      ("scope=https%3A%2F%2Fgraph.microsoft.com%2F.default&tenant=other", 400, "invalid_tenant", 90_002),
      ("scope=https%3A%2F%2Fgraph.microsoft.com%2F.default&client=other", 400, "unauthorized_client", 700_016),
      ("scope=https%3A%2F%2Fgraph.microsoft.com%2F.default&secret=none", 401, "invalid_client", 7_000_216),
      ("scope=https%3A%2F%2Fgraph.microsoft.com%2F.default&secret=wrong", 401, "invalid_client", 7_000_215),
      ("scope=00000003-0000-0000-c000-000000000000%2F.default", 200, "", 0),
    ])
  func tokenErrors(form: String, status: Int, error: String, code: Int) async throws {
    try await withSandbox { sandbox in
      let app = SandboxConfiguration.defaultApp
      let fields = Dictionary(
        form.split(separator: "&").map { $0.split(separator: "=", maxSplits: 1).map(String.init) }.map {
          ($0[0], $0[1])
        },
        uniquingKeysWith: { first, _ in first })
      let tenant = fields["tenant"] ?? app.tenantID
      var body = "grant_type=client_credentials&client_id=\(fields["client"] ?? app.clientID)"
      if fields["secret"] != "none" { body += "&client_secret=\(fields["secret"] ?? app.clientSecret)" }
      if let scope = fields["scope"] { body += "&scope=\(scope)" }
      var request = URLRequest(url: sandbox.authorityURL.appendingPathComponent("\(tenant)/oauth2/v2.0/token"))
      request.httpMethod = "POST"
      request.httpBody = Data(body.utf8)
      let (data, response) = try await URLSession(configuration: .ephemeral).data(for: request)
      #expect((response as? HTTPURLResponse)?.statusCode == status)
      let answer = try JSONParser.parse(data)
      if status == 200 {
        #expect(answer["access_token"] != nil)
      } else {
        #expect(answer["error"]?.stringValue == error)
        #expect(answer["error_codes"] == [.number(JSONNumber(code))])
        #expect(answer["error_description"]?.stringValue?.hasPrefix("AADSTS\(code): ") == true)
      }
    }
  }

  @Test("415 for a PATCH body that is not JSON; 405 with Allow for a method a path does not take")
  func mediaTypeAndMethod() async throws {
    try await withSandbox { sandbox in
      let client = SandboxClient(sandbox: sandbox)
      let token = try await client.accessToken()
      let path = sandbox.samplePaths()[0]
      let text = try await client.send(
        "PATCH", path, body: "status=compliant", token: token, headers: ["Content-Type": "text/plain"])
      #expect(text.status == 415)
      #expect(text.body?["error"]?["code"] == "RequestBodyRead")
      let put = try await client.send("PUT", path, body: "{}", token: token)
      #expect(put.status == 405)
      #expect(put.response.value(forHTTPHeaderField: "Allow") == "GET, PATCH")
      #expect(put.body?["error"]?["message"] == "Specified HTTP method is not allowed for the request target.")
      let post = try await client.send("POST", "/beta/deviceManagement/deviceConfigurations", body: "{}", token: token)
      #expect(post.status == 405)
    }
  }
}

extension JSONValue {
  /// The element count of an array (`nil` for anything else).
  var arrayCount: Int? {
    guard case .array(let elements) = self else { return nil }
    return elements.count
  }
}
