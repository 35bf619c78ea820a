import AsyncHTTPClient
import Foundation
import GraphSandbox
import GraphTenant
import HTTPTypes
import NIOCore
import NIOHTTP1
import Tapedeck
import TapedeckAsyncHTTPClient
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// AsyncHTTPClient through a cassette: the same exchange as URLSession records the same
/// interactions, replays offline with the sandbox stopped, and keeps secrets off the disk.
@Suite("AsyncHTTPClient front door")
struct AsyncHTTPClientFrontDoorTests {
  /// One step of the scenario: a method, a URL and a body, sent as each front door sends it.
  struct Step {
    let method: String
    let url: String
    let contentType: String?
    let body: String?
  }

  /// Token, list the configurations, PATCH a status, GET it back.
  static func steps(_ sandbox: GraphSandbox, token: String?) -> [Step] {
    let app = SandboxConfiguration.defaultApp
    let base = sandbox.graphURL.absoluteString
    let path = sandbox.samplePaths()[0]
    return [
      Step(
        method: "POST", url: "\(base)/\(app.tenantID)/oauth2/v2.0/token",
        contentType: "application/x-www-form-urlencoded",
        body:
          "grant_type=client_credentials&client_id=\(app.clientID)&client_secret=\(app.clientSecret)&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"
      ),
      Step(
        method: "GET", url: "\(base)/beta/deviceManagement/deviceConfigurations?$top=3", contentType: nil, body: nil),
      Step(method: "PATCH", url: base + path, contentType: "application/json", body: #"{"status":"remediated"}"#),
      Step(method: "GET", url: base + path, contentType: nil, body: nil),
    ]
  }

  static func player(_ name: String, in folder: URL, mode: RecordMode) throws -> CassettePlayer {
    try CassettePlayer(
      cassette: name, record: mode, redactor: .graph(pseudonymizer: Pseudonymizer(key: "FAKE-ahc-test-key")),
      directory: CassetteDirectory(url: folder), liveRequestGuard: WriteGuard().liveRequestGuard, environment: [:])
  }

  /// Runs the scenario through AsyncHTTPClient; returns each answer's status and body.
  static func runAHC(_ http: any HTTPClientExecutor, sandbox: GraphSandbox) async throws -> [(Int, String)] {
    var token = ""
    var answers: [(Int, String)] = []
    for step in steps(sandbox, token: nil) {
      var request = HTTPClientRequest(url: step.url)
      request.method = .init(rawValue: step.method)
      if !step.url.contains("/oauth2/") { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
      if let type = step.contentType { request.headers.add(name: "Content-Type", value: type) }
      if let body = step.body { request.body = .bytes(ByteBuffer(string: body)) }
      let response = try await http.execute(request, timeout: .seconds(30), logger: nil)
      let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
      if step.url.contains("/oauth2/") { token = try JSONParser.parse(text)["access_token"]?.stringValue ?? "" }
      answers.append((Int(response.status.code), text))
    }
    return answers
  }

  /// The same scenario through a URLSession.
  static func runURLSession(_ session: URLSession, sandbox: GraphSandbox) async throws -> [(Int, String)] {
    var token = ""
    var answers: [(Int, String)] = []
    for step in steps(sandbox, token: nil) {
      var request = URLRequest(url: URL(string: step.url)!)
      request.httpMethod = step.method
      if !step.url.contains("/oauth2/") { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
      if let type = step.contentType { request.setValue(type, forHTTPHeaderField: "Content-Type") }
      request.httpBody = step.body.map { Data($0.utf8) }
      let (data, response) = try await session.data(for: request)
      let text = String(decoding: data, as: UTF8.self)
      if step.url.contains("/oauth2/") { token = try JSONParser.parse(text)["access_token"]?.stringValue ?? "" }
      answers.append(((response as! HTTPURLResponse).statusCode, text))
    }
    return answers
  }

  /// What both front doors must agree on: each request whole, each answer's status and body.
  static func comparable(_ file: URL) throws -> [JSONValue] {
    let cassette = try CassetteFile.load(from: file)
    return try cassette.interactions.map { interaction in
      let request = try JSONParser.parse(
        JSONWriter.compactData(
          [
            "method": .string(interaction.request.method.rawValue), "url": .string(interaction.request.url),
            "body": .string(interaction.request.body.map { String(decoding: $0.data, as: UTF8.self) } ?? ""),
            "status": .number(JSONNumber(interaction.response.status.code)),
            "answer": .string(interaction.response.body.map { String(decoding: $0.data, as: UTF8.self) } ?? ""),
          ]))
      return request
    }
  }

  @Test("Records the same interactions as URLSession, replays offline, and writes no secret")
  func recordsLikeURLSession() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ahc-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    // Two sandboxes from one seed: the same tenant, so the two recordings meet the same data.
    let first = try await GraphSandbox.start(SandboxConfiguration(seed: 9))
    let viaAHC = try Self.player("ahc", in: folder, mode: .once)
    let live = try await Self.runAHC(CassetteHTTPClient(player: viaAHC), sandbox: first)
    try viaAHC.finish()
    let port = first.port
    await first.stop()
    let second = try await GraphSandbox.start(SandboxConfiguration(seed: 9))
    let viaSession = try Self.player("session", in: folder, mode: .once)
    let sessionAnswers = try await Self.runURLSession(viaSession.makeURLSession(), sandbox: second)
    try viaSession.finish()
    await second.stop()
    #expect(live.map(\.0) == [200, 200, 200, 200])
    #expect(sessionAnswers.map(\.0) == live.map(\.0))
    let ahcFile = folder.appendingPathComponent("ahc.json")
    #expect(try Self.comparable(ahcFile) == Self.comparable(folder.appendingPathComponent("session.json")))
    let text = try String(contentsOf: ahcFile, encoding: .utf8)
    #expect(!text.contains(SandboxConfiguration.defaultApp.clientSecret))
    #expect(!text.contains(SandboxConfiguration.defaultApp.tenantID))
    #expect(!text.contains("eyJ"))

    // Offline: a new player, no sandbox on that port, the same requests; the live client is never used.
    let replayer = try Self.player("ahc", in: folder, mode: .never)
    // Another port (cassettes store canonical origins); it only names the URLs, nothing reaches it.
    let stand = try await GraphSandbox.start(SandboxConfiguration(seed: 9))
    #expect(stand.port != port)
    let replayed = try await Self.runAHC(CassetteHTTPClient(player: replayer), sandbox: stand)
    await stand.stop()
    #expect(replayed.map(\.0) == live.map(\.0))
    // Links point at the origin the client used, each run's own port.
    let relinked = replayed.dropFirst().map { $0.1.replacingOccurrences(of: ":\(stand.port)/", with: ":\(port)/") }
    #expect(relinked == live.dropFirst().map(\.1))
    #expect(stand.appliedPatches.isEmpty)
    #expect(replayer.unmatchedRequests.isEmpty)
  }

  @Test("A request body over the player's limit is refused before anything is sent")
  func bodyLimit() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ahc-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let player = try CassettePlayer(
      cassette: "limit", record: .once, directory: CassetteDirectory(url: folder),
      bodySizeLimit: BodySizeLimit(bytes: 64), environment: [:])
    var request = HTTPClientRequest(url: "http://127.0.0.1:9/beta/deviceManagement")
    request.method = .PATCH
    request.body = .bytes(ByteBuffer(string: String(repeating: "x", count: 65)))
    await #expect(throws: BodyTooLargeError.self) {
      _ = try await CassetteHTTPClient(player: player).execute(request, timeout: .seconds(5), logger: nil)
    }
    let relative = HTTPClientRequest(url: "/beta/deviceManagement")
    let refused = await #expect(throws: UnsupportedRequestURLError.self) {
      _ = try await CassetteHTTPClient(player: player).execute(relative, timeout: .seconds(5), logger: nil)
    }
    #expect(refused?.description.hasPrefix("Tapedeck cannot answer a request to '/beta/deviceManagement'") == true)
  }
}
