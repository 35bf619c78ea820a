import Foundation
import GraphSandbox
import Tapedeck
import TapedeckServer

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A client of `tapedeck serve` as a test-proxy client sees it: control calls and Graph
/// requests carrying `x-recording-id`, over a plain URLSession.
struct ServeClient {
  let server: TapedeckServer
  var session = URLSession(configuration: .ephemeral)

  var base: String { server.baseURL.absoluteString }

  struct Answer {
    let status: Int
    let json: JSONValue?
    let data: Data
    let response: HTTPURLResponse

    func header(_ name: String) -> String? { response.value(forHTTPHeaderField: name) }
  }

  /// Any request to the server; `path` starts with `/`.
  func send(
    _ method: String, _ path: String, id: String? = nil, upstream: String? = nil, mode: String? = nil,
    token: String? = nil, body: String? = nil, contentType: String = "application/json",
    headers: [String: String] = [:]
  ) async throws -> Answer {
    var request = URLRequest(url: URL(string: base + path)!)
    request.httpMethod = method
    if let id { request.setValue(id, forHTTPHeaderField: "x-recording-id") }
    if let upstream { request.setValue(upstream, forHTTPHeaderField: "x-recording-upstream-base-uri") }
    if let mode { request.setValue(mode, forHTTPHeaderField: "x-recording-mode") }
    if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
    if let body {
      request.httpBody = Data(body.utf8)
      request.setValue(contentType, forHTTPHeaderField: "Content-Type")
    }
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    let (data, response) = try await session.data(for: request)
    let http = response as! HTTPURLResponse
    return Answer(status: http.statusCode, json: try? JSONParser.parse(data), data: data, response: http)
  }

  /// `POST /Record/Start` or `/Playback/Start` for a cassette; returns the recording id.
  func start(_ kind: String, _ file: String) async throws -> String {
    let answer = try await send("POST", "/\(kind)/Start", body: #"{"x-recording-file": "\#(file)"}"#)
    guard answer.status == 200, let id = answer.header("x-recording-id") else {
      throw ServeTestFailure(
        "\(kind)/Start \(file) answered \(answer.status): \(String(decoding: answer.data, as: UTF8.self))")
    }
    return id
  }

  /// `POST /Record/Stop` or `/Playback/Stop`.
  @discardableResult
  func stop(_ kind: String, _ id: String) async throws -> Answer {
    try await send("POST", "/\(kind)/Stop", id: id)
  }

  /// A client-credentials token for the sandbox's app, through the server.
  func token(id: String?, upstream: String? = nil) async throws -> String {
    let app = SandboxConfiguration.defaultApp
    let answer = try await send(
      "POST", "/\(app.tenantID)/oauth2/v2.0/token", id: id, upstream: upstream,
      body:
        "client_id=\(app.clientID)&client_secret=\(app.clientSecret)&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default&grant_type=client_credentials",
      contentType: "application/x-www-form-urlencoded")
    guard answer.status == 200, let token = answer.json?["access_token"]?.stringValue else {
      throw ServeTestFailure("the token request answered \(answer.status)")
    }
    return token
  }
}

struct ServeTestFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// A fresh cassettes folder and the environment the tests' servers read (a fixed, fake key;
/// the sandbox app's ids, so the Graph preset scrubs them).
struct ServeFixture {
  let folder: URL

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-serve-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  static let environment: [String: String] = [
    "TAPEDECK_REDACTION_KEY": "tapedeck-serve-tests-key-FAKE",
    "GRAPH_TENANT_ID": SandboxConfiguration.defaultApp.tenantID,
    "GRAPH_CLIENT_ID": SandboxConfiguration.defaultApp.clientID,
  ]

  func configuration(upstream: URL? = nil) -> ServerConfiguration {
    var configuration = ServerConfiguration(cassettes: CassetteDirectory(url: folder), environment: Self.environment)
    configuration.upstream = upstream
    return configuration
  }

  /// The text of a cassette file under the folder.
  func text(of name: String) throws -> String {
    try String(contentsOf: folder.appendingPathComponent(name + ".json"), encoding: .utf8)
  }

  func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// Starts a server, runs `body`, stops it (also when `body` throws).
func withServer<Result>(
  _ configuration: ServerConfiguration, _ body: (ServeClient) async throws -> Result
) async throws -> Result {
  let server = try await TapedeckServer.start(configuration)
  do {
    let result = try await body(ServeClient(server: server))
    try await server.stop()
    return result
  } catch {
    _ = try? await server.stop()
    throw error
  }
}
