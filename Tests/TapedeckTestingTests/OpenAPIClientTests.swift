import Foundation
import GraphSandbox
import GraphTenant
import HTTPTypes
@_spi(Generated) import OpenAPIRuntime
import Tapedeck
import TapedeckOpenAPI
import TapedeckSupport
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

// snippet: openapi-client
/// Your generated client on a cassette: authentication and retries first, the cassette last.
func makeClient(
  serverURL: URL, tenant: TenantConfiguration, player: CassettePlayer, transport: any ClientTransport
) -> Client {
  // Tokens come through the player's session: the token exchange is recorded (its secrets
  // redacted) and replays offline with everything else.
  let tokens = TokenProvider(tenant: tenant, session: player.makeURLSession())
  return Client(
    serverURL: serverURL,
    transport: transport,  // URLSessionTransport(), AsyncHTTPClientTransport(), …
    middlewares: [
      BearerTokenMiddleware(tokens: tokens),  // adds Authorization (redacted in the cassette)
      RetryMiddleware(maximumAttempts: 3),  // each attempt is an interaction of its own
      CassetteMiddleware(player: player),  // last: records and replays what reaches the transport
    ])
}
// snippet: end

/// Stands in for a client swift-openapi-generator makes (`Client` over `UniversalClient`), with
/// the four operations of the everyday Intune test.
struct Client: Sendable {
  let client: UniversalClient

  init(serverURL: URL, transport: any ClientTransport, middlewares: [any ClientMiddleware]) {
    client = UniversalClient(serverURL: serverURL, transport: transport, middlewares: middlewares)
  }

  func send(_ method: HTTPRequest.Method, _ path: String, body: String? = nil, operationID: String) async throws
    -> JSONValue
  {
    try await client.send(
      input: body, forOperation: operationID,
      serializer: { body in
        var request = HTTPRequest(method: method, scheme: nil, authority: nil, path: path)
        if body != nil { request.headerFields[.contentType] = "application/json" }
        return (request, body.map { HTTPBody($0) })
      },
      deserializer: { response, body in
        guard response.status.kind == .successful else { throw UndocumentedStatus(status: response.status.code) }
        guard let body else { return JSONValue.null }
        return try JSONParser.parse(try await Data(collecting: body, upTo: 1 << 20))
      })
  }

  struct UndocumentedStatus: Error { let status: Int }
}

/// Adds `Authorization: Bearer <token>`, as an app's authentication middleware does.
struct BearerTokenMiddleware: ClientMiddleware {
  let tokens: TokenProvider

  func intercept(
    _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
    next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
  ) async throws -> (HTTPResponse, HTTPBody?) {
    var request = request
    request.headerFields[.authorization] = "Bearer \(try await tokens.token())"
    return try await next(request, body, baseURL)
  }
}

/// Retries 429 and 5xx answers (after `Retry-After` seconds, capped at a second), as an app's
/// retry middleware does.
struct RetryMiddleware: ClientMiddleware {
  let maximumAttempts: Int

  func intercept(
    _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
    next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
  ) async throws -> (HTTPResponse, HTTPBody?) {
    let bytes: Data? = if let body { try await Data(collecting: body, upTo: 1 << 20) } else { nil }
    var attempt = 1
    while true {
      let (response, responseBody) = try await next(request, bytes.map { HTTPBody($0) }, baseURL)
      let retryable = response.status.code == 429 || response.status.kind == .serverError
      guard retryable, attempt < maximumAttempts else { return (response, responseBody) }
      let wait = min(Double(response.headerFields[.retryAfter] ?? "0") ?? 0, 1)
      try await Task.sleep(for: .seconds(wait))
      attempt += 1
    }
  }
}

/// A URLSession transport (stands in for swift-openapi-urlsession's `URLSessionTransport`).
struct PlainURLSessionTransport: ClientTransport {
  let calls = Locked(0)

  func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (
    HTTPResponse, HTTPBody?
  ) {
    calls.withLock { $0 += 1 }
    var urlRequest = URLRequest(url: URL(string: baseURL.absoluteString + (request.path ?? ""))!)
    urlRequest.httpMethod = request.method.rawValue
    for field in request.headerFields { urlRequest.addValue(field.value, forHTTPHeaderField: field.name.rawName) }
    if let body { urlRequest.httpBody = try await Data(collecting: body, upTo: 1 << 20) }
    let (data, response) = try await URLSession.shared.data(for: urlRequest)
    let http = response as! HTTPURLResponse
    var fields = HTTPFields()
    for (name, value) in http.allHeaderFields {
      if let text = name as? String, let name = HTTPField.Name(text) { fields[name] = "\(value)" }
    }
    return (HTTPResponse(status: .init(code: http.statusCode), headerFields: fields), HTTPBody(data))
  }
}

@Suite("A generated OpenAPI client with auth and retry middlewares around the cassette")
struct OpenAPIClientTests {
  /// List configurations, list the first's statuses, PATCH the first status (the sandbox
  /// answers 503 once, the retry middleware tries again), GET it. Returns what the test saw.
  static func everyday(_ client: Client, sandbox: GraphSandbox?) async throws -> [JSONValue] {
    let configurations = try await client.send(
      .get, "/beta/deviceManagement/deviceConfigurations", operationID: "listConfigurations")
    let configuration = try #require(EverydayWorkflowTests.first(configurations)?["id"]?.stringValue)
    let collection = "/beta/deviceManagement/deviceConfigurations/\(configuration)/deviceStatuses"
    let statuses = try await client.send(.get, collection, operationID: "listStatuses")
    let first = try #require(EverydayWorkflowTests.first(statuses)?["id"]?.stringValue)
    sandbox?.injectFaults(count: 1, status: 503)
    let patched = try await client.send(
      .patch, "\(collection)/\(first)", body: #"{"status":"nonCompliant"}"#, operationID: "updateStatus")
    let read = try await client.send(.get, "\(collection)/\(first)", operationID: "getStatus")
    return [configurations, statuses, patched, read]
  }

  @Test("Recorded against the sandbox, replayed offline: the same observations, retries replayed, secrets redacted")
  func recordThenReplay() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-openapi-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let redactor = Redactor.graph(pseudonymizer: Pseudonymizer(key: "FAKE-openapi-test-key"))
    let sandbox = try await GraphSandbox.start(SandboxConfiguration(seed: 11))
    let recorder = try CassettePlayer(
      cassette: "openapi", record: .once, redactor: redactor, directory: CassetteDirectory(url: folder),
      environment: [:])
    let live = PlainURLSessionTransport()
    let recorded = try await Self.everyday(
      makeClient(
        serverURL: sandbox.graphURL, tenant: EverydayWorkflowTests.tenant(sandbox.graphURL), player: recorder,
        transport: live), sandbox: sandbox)
    try recorder.finish()
    await sandbox.stop()
    #expect(live.calls.withLock { $0 } == 5, "four operations and one retry reached the transport")

    let replayer = try CassettePlayer(
      cassette: "openapi", record: .never,
      redactor: .graph(pseudonymizer: Pseudonymizer(key: Pseudonymizer.publicFallbackKey)),
      directory: CassetteDirectory(url: folder), environment: [:])
    let offline = PlainURLSessionTransport()
    let elsewhere = URL(string: "http://127.0.0.1:9")!
    let replayed = try await Self.everyday(
      makeClient(
        serverURL: elsewhere, tenant: EverydayWorkflowTests.tenant(elsewhere), player: replayer, transport: offline),
      sandbox: nil)
    #expect(offline.calls.withLock { $0 } == 0, "nothing reached the transport on replay")
    // The same, but for links under the base URL each run used.
    func normalized(_ seen: [JSONValue], _ origin: URL) -> String {
      JSONWriter.compactString(.array(seen)).replacingOccurrences(of: origin.absoluteString, with: "GRAPH")
    }
    #expect(normalized(replayed, elsewhere) == normalized(recorded, sandbox.graphURL))
    #expect(replayer.unmatchedRequests.isEmpty)

    let cassette = try CassetteFile.load(from: folder.appendingPathComponent("openapi.json"))
    #expect(cassette.interactions.map(\.response.status.code) == [200, 200, 200, 503, 200, 200])
    let patches = cassette.interactions.filter { $0.request.method == .patch }
    #expect(patches.count == 2 && patches.allSatisfy { $0.request.headers[.authorization] == "REDACTED" })
    #expect(cassette.interactions[0].request.url.hasSuffix("/oauth2/v2.0/token"))
    #expect(CassetteAudit.findings(in: cassette).isEmpty)
  }

  @Test("The middleware's body limit is the player's (TAPEDECK_MAX_BODY_BYTES)")
  func bodyLimit() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-openapi-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let player = try CassettePlayer(
      cassette: "limit", record: .once, directory: CassetteDirectory(url: folder),
      environment: ["TAPEDECK_MAX_BODY_BYTES": "64"])
    let middleware = CassetteMiddleware(player: player)
    #expect(middleware.maximumBodyBytes == 64)
    let error = await #expect(throws: BodyTooLargeError.self) {
      _ = try await middleware.intercept(
        HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/beta/big"), body: nil,
        baseURL: URL(string: "http://127.0.0.1:9")!, operationID: "big"
      ) { _, _, _ in (HTTPResponse(status: .ok), HTTPBody(String(repeating: "x", count: 65))) }
    }
    #expect(error?.description.contains("TAPEDECK_MAX_BODY_BYTES") == true)
  }

  @Test("Documentation/OpenAPIClients.md shows the snippet above, verbatim")
  func documentedSnippet() throws {
    let source = try String(contentsOfFile: #filePath, encoding: .utf8)
    let start = try #require(source.range(of: "// snippet: openapi-client\n"))
    let end = try #require(source.range(of: "// snippet: end", range: start.upperBound..<source.endIndex))
    let snippet = String(source[start.upperBound..<end.lowerBound])
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let page = try String(
      contentsOf: root.appendingPathComponent("Documentation/OpenAPIClients.md"), encoding: .utf8)
    #expect(page.contains("```swift\n" + snippet + "```"))
  }
}
