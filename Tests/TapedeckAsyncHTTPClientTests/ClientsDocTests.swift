import AsyncHTTPClient
import Foundation
import GraphSandbox
import HTTPTypes
import NIOCore
import NIOHTTP1
import Tapedeck
import TapedeckAsyncHTTPClient
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The Swift snippets of Documentation/Clients.md, run against the sandbox and replayed
/// offline, and checked verbatim against the page.
@Suite("Documentation/Clients.md")
struct ClientsDocTests {
  static let fake = SandboxConfiguration.defaultApp

  /// Lists the device configurations through a session; the snippet as the page shows it.
  static func listConfigurations(graph: URL, token: String, player: CassettePlayer) async throws -> Int {
    // snippet: urlsession
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpAdditionalHeaders = ["Authorization": "Bearer \(token)"]  // merged, scrubbed when recorded
    let session = player.makeURLSession(configuration: configuration)
    let url = graph.appendingPathComponent("beta/deviceManagement/deviceConfigurations")
    let (data, _) = try await session.data(for: URLRequest(url: url))
    // snippet: end
    guard case .array(let items)? = try JSONParser.parse(data)["value"] else { return 0 }
    return items.count
  }

  /// The same through AsyncHTTPClient.
  static func listConfigurations(graph: URL, token: String, http: any HTTPClientExecutor) async throws -> Int {
    // snippet: asynchttpclient
    var request = HTTPClientRequest(url: graph.absoluteString + "/beta/deviceManagement/deviceConfigurations")
    request.headers.add(name: "Authorization", value: "Bearer \(token)")
    let response = try await http.execute(request, timeout: .seconds(30), logger: nil)
    let body = try await response.body.collect(upTo: 1 << 20)
    // snippet: end
    guard case .array(let items)? = try JSONParser.parse(Data(body.readableBytesView))["value"] else { return 0 }
    return items.count
  }

  /// A transport of the user's own: here AsyncHTTPClient, spoken to directly.
  struct MyTransport: Sendable {
    func send(_ request: HTTPRequest, body: Data?) async throws -> (HTTPResponse, Data) {
      var sent = HTTPClientRequest(url: request.url!.absoluteString)
      sent.method = .init(rawValue: request.method.rawValue)
      for field in request.headerFields { sent.headers.add(name: field.name.rawName, value: field.value) }
      if let body { sent.body = .bytes(ByteBuffer(bytes: body)) }
      let response = try await HTTPClient.shared.execute(sent, timeout: .seconds(30))
      var fields = HTTPFields()
      for (name, value) in response.headers { fields.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
      let bytes = try await response.body.collect(upTo: 1 << 20)
      return (
        HTTPResponse(status: .init(code: Int(response.status.code)), headerFields: fields),
        Data(bytes.readableBytesView)
      )
    }
  }

  /// Any other transport, through `exchange`.
  static func exchange(_ request: HTTPRequest, requestBody: Data?, player: CassettePlayer) async throws -> (
    HTTPResponse, Data
  ) {
    let myTransport = MyTransport()
    // snippet: exchange
    let (response, body) = try await player.exchange(request, body: requestBody) { request, body in
      try await myTransport.send(request, body: body)  // (HTTPResponse, Data)
    }
    // snippet: end
    return (response, body)
  }

  @Test("exchange with a transport of one's own records against the sandbox and replays offline")
  func exchangeSnippetRuns() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("exchange-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let sandbox = try await GraphSandbox.start(SandboxConfiguration(seed: 4))
    var request = HTTPRequest(
      method: .post, url: sandbox.authorityURL.appendingPathComponent("\(Self.fake.tenantID)/oauth2/v2.0/token"))
    request.headerFields[.contentType] = "application/x-www-form-urlencoded"
    let form = Data(
      "grant_type=client_credentials&client_id=\(Self.fake.clientID)&client_secret=\(Self.fake.clientSecret)&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"
        .utf8)
    for mode in [RecordMode.once, .never] {
      if mode == .never { await sandbox.stop() }
      let player = try AsyncHTTPClientFrontDoorTests.player("exchange", in: folder, mode: mode)
      let (response, body) = try await Self.exchange(request, requestBody: form, player: player)
      try player.finish()
      #expect(response.status == .ok)
      #expect(try JSONParser.parse(body)["token_type"] == "Bearer")
    }
    let recorded = try String(contentsOf: folder.appendingPathComponent("exchange.json"), encoding: .utf8)
    #expect(!recorded.contains(Self.fake.clientSecret))
  }

  @Test("The URLSession and AsyncHTTPClient snippets record against the sandbox and replay offline")
  func snippetsRun() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clients-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let sandbox = try await GraphSandbox.start(SandboxConfiguration(seed: 4))
    var tokenRequest = URLRequest(
      url: sandbox.authorityURL.appendingPathComponent("\(Self.fake.tenantID)/oauth2/v2.0/token"))
    tokenRequest.httpMethod = "POST"
    tokenRequest.httpBody = Data(
      "grant_type=client_credentials&client_id=\(Self.fake.clientID)&client_secret=\(Self.fake.clientSecret)&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"
        .utf8)
    let (tokenData, _) = try await URLSession(configuration: .ephemeral).data(for: tokenRequest)
    let token = try #require(try JSONParser.parse(tokenData)["access_token"]?.stringValue)
    for mode in [RecordMode.once, .never] {
      if mode == .never { await sandbox.stop() }
      let viaSession = try AsyncHTTPClientFrontDoorTests.player("urlsession", in: folder, mode: mode)
      #expect(try await Self.listConfigurations(graph: sandbox.graphURL, token: token, player: viaSession) == 15)
      try viaSession.finish()
      let viaAHC = try AsyncHTTPClientFrontDoorTests.player("asynchttpclient", in: folder, mode: mode)
      let http = CassetteHTTPClient(player: viaAHC)
      #expect(try await Self.listConfigurations(graph: sandbox.graphURL, token: token, http: http) == 15)
      try viaAHC.finish()
    }
    let recorded = try String(contentsOf: folder.appendingPathComponent("urlsession.json"), encoding: .utf8)
    #expect(!recorded.contains(token))
    #expect(recorded.contains(#""authorization": ["#))
  }

  @Test("The page shows each snippet verbatim", arguments: ["urlsession", "asynchttpclient", "exchange"])
  func verbatim(name: String) throws {
    let source = try String(contentsOfFile: #filePath, encoding: .utf8)
    let start = try #require(source.range(of: "// snippet: \(name)\n"))
    let end = try #require(source.range(of: "    // snippet: end", range: start.upperBound..<source.endIndex))
    let snippet = String(source[start.upperBound..<end.lowerBound]).split(
      separator: "\n", omittingEmptySubsequences: false
    )
    .map { $0.hasPrefix("    ") ? String($0.dropFirst(4)) : String($0) }.joined(separator: "\n")
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let page = try String(contentsOf: root.appendingPathComponent("Documentation/Clients.md"), encoding: .utf8)
    #expect(page.contains(snippet), "Documentation/Clients.md lacks:\n\(snippet)")
  }
}
