import AsyncHTTPClient
import Foundation
import GraphSandbox
import GraphTenant
import HTTPTypes
import NIOCore
import NIOHTTP1
import OpenAPIAsyncHTTPClient
import OpenAPIRuntime
import Tapedeck
import TapedeckAsyncHTTPClient
import TapedeckOpenAPI
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Every Swift front door records the same exchange against the sandbox into the same cassette
/// bytes (but for the clock: `recordedAt` and the `Date` header), because each is an adapter
/// over `CassettePlayer.exchange`.
@Suite("Every Swift front door writes the same cassette")
struct SameCassetteTests {
  typealias Send = @Sendable (String, String, [(String, String)], String?) async throws -> (Int, String)

  /// Token, a list, a PATCH and a GET through `send`.
  static func scenario(_ sandbox: GraphSandbox, send: Send) async throws -> [Int] {
    var statuses: [Int] = []
    var token = ""
    for step in AsyncHTTPClientFrontDoorTests.steps(sandbox, token: nil) {
      var headers: [(String, String)] = []
      if !step.url.contains("/oauth2/") { headers.append(("Authorization", "Bearer \(token)")) }
      if let type = step.contentType { headers.append(("Content-Type", type)) }
      let (status, text) = try await send(step.method, step.url, headers, step.body)
      if step.url.contains("/oauth2/") { token = try JSONParser.parse(text)["access_token"]?.stringValue ?? "" }
      statuses.append(status)
    }
    return statuses
  }

  /// Records the scenario against a fresh sandbox (seed 9) through the front door `make` builds.
  static func record(_ door: String, in root: URL, make: (CassettePlayer) -> Send) async throws -> String {
    let sandbox = try await GraphSandbox.start(SandboxConfiguration(seed: 9))
    // One cassette name, a folder per front door: the files themselves are compared.
    let folder = root.appendingPathComponent(door)
    let player = try AsyncHTTPClientFrontDoorTests.player("scenario", in: folder, mode: .once)
    let statuses = try await scenario(sandbox, send: make(player))
    try player.finish()
    await sandbox.stop()
    #expect(statuses == [200, 200, 200, 200], "\(door)")
    let text = try String(contentsOf: folder.appendingPathComponent("scenario.json"), encoding: .utf8)
    // The clock is the only thing allowed to differ.
    return
      text
      .replacing(/"recordedAt": "[^"]*"/, with: #""recordedAt": "…""#)
      .replacing(/"date": \[\s*"[^"]*"/, with: #""date": ["…""#)
  }

  @Test("URLSession, AsyncHTTPClient and the swift-openapi middleware on AsyncHTTPClient")
  func sameBytes() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("same-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let viaSession = try await Self.record("urlsession", in: folder) { player in
      let session = player.makeURLSession()
      return { method, url, headers, body in
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body.map { Data($0.utf8) }
        let (data, response) = try await session.data(for: request)
        return ((response as! HTTPURLResponse).statusCode, String(decoding: data, as: UTF8.self))
      }
    }
    let viaAHC = try await Self.record("asynchttpclient", in: folder) { player in
      let client = CassetteHTTPClient(player: player)
      return { method, url, headers, body in
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await client.execute(request, timeout: .seconds(30), logger: nil)
        return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
      }
    }
    let viaOpenAPI = try await Self.record("openapi", in: folder) { player in
      let middleware = CassetteMiddleware(player: player)
      let transport = AsyncHTTPClientTransport()
      return { method, url, headers, body in
        let parsed = URL(string: url)!
        var fields = HTTPFields()
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        var components = URLComponents(url: parsed, resolvingAgainstBaseURL: false)!
        let base = URL(string: "\(parsed.scheme!)://\(parsed.host!):\(parsed.port!)")!
        components.scheme = nil
        components.host = nil
        components.port = nil
        let request = HTTPRequest(
          method: HTTPRequest.Method(method)!, scheme: nil, authority: nil, path: components.string,
          headerFields: fields)
        let (response, responseBody) = try await middleware.intercept(
          request, body: body.map { HTTPBody($0) }, baseURL: base, operationID: "scenario"
        ) { request, body, baseURL in
          try await transport.send(request, body: body, baseURL: baseURL, operationID: "scenario")
        }
        var text = ""
        if let responseBody { text = try await String(collecting: responseBody, upTo: 1 << 20) }
        return (response.status.code, text)
      }
    }
    #expect(viaSession.contains(#""recordedAt": "…""#) && viaSession.contains(#""date": ["…""#))
    #expect(viaAHC == viaSession)
    #expect(viaOpenAPI == viaSession)
  }
}
