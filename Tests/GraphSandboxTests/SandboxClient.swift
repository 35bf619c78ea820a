import Foundation
import GraphSandbox
import GraphTenant
import Tapedeck

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A small client for the sandbox tests: tokens and Graph calls over a URLSession.
struct SandboxClient {
  let sandbox: GraphSandbox
  var session = URLSession(configuration: .ephemeral)

  var tenant: TenantConfiguration {
    let app = SandboxConfiguration.defaultApp
    return TenantConfiguration(
      tenantID: app.tenantID, clientID: app.clientID, clientSecret: app.clientSecret, graphURL: sandbox.graphURL,
      authorityURL: sandbox.authorityURL)
  }

  func token(secret: String? = nil, app: SandboxConfiguration.App = SandboxConfiguration.defaultApp) async throws -> (
    Int, JSONValue
  ) {
    var request = URLRequest(url: sandbox.authorityURL.appendingPathComponent("\(app.tenantID)/oauth2/v2.0/token"))
    request.httpMethod = "POST"
    request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
    request.httpBody = Data(
      "client_id=\(app.clientID)&client_secret=\(secret ?? app.clientSecret)&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default&grant_type=client_credentials"
        .utf8)
    let (data, response) = try await session.data(for: request)
    return ((response as! HTTPURLResponse).statusCode, try JSONParser.parse(data))
  }

  func accessToken() async throws -> String {
    try await token().1["access_token"]!.stringValue!
  }

  @discardableResult
  func send(
    _ method: String, _ path: String, body: String? = nil, token: String?, headers: [String: String] = [:]
  ) async throws -> (status: Int, body: JSONValue?, response: HTTPURLResponse) {
    var request = URLRequest(url: URL(string: sandbox.graphURL.absoluteString + path)!)
    request.httpMethod = method
    if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
    if let body {
      request.httpBody = Data(body.utf8)
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    }
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    let (data, response) = try await session.data(for: request)
    return (
      (response as! HTTPURLResponse).statusCode, data.isEmpty ? nil : try? JSONParser.parse(data),
      response as! HTTPURLResponse
    )
  }
}

/// Starts a sandbox, runs `body`, stops it.
func withSandbox<Result>(
  _ configuration: SandboxConfiguration = SandboxConfiguration(seed: 7), _ body: (GraphSandbox) async throws -> Result
)
  async throws -> Result
{
  let sandbox = try await GraphSandbox.start(configuration)
  do {
    let result = try await body(sandbox)
    await sandbox.stop()
    return result
  } catch {
    await sandbox.stop()
    throw error
  }
}
