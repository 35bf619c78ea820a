import Foundation
import HTTPTypes
import Testing

@testable import Tapedeck

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

@Suite("The write guard resolves before it decides, and every player applies it")
struct WriteGuardTests {
  let guardian = WriteGuard(allowedPrefixes: ["https://graph.microsoft.com/beta/deviceManagement/allowed"])

  func refused(_ method: HTTPRequest.Method, _ url: String) -> Bool {
    guardian.refusal(for: RecordedRequest(method: method, url: url)) != nil
  }

  @Test("Whole segments, dot segments resolved, encoded dots too, origin compared")
  func allowList() {
    #expect(!refused(.patch, "https://graph.microsoft.com/beta/deviceManagement/allowed/deviceStatuses/1"))
    #expect(!refused(.patch, "https://GRAPH.microsoft.com:443/beta/deviceManagement/allowed"))
    #expect(refused(.patch, "https://graph.microsoft.com/beta/deviceManagement/allowedX/deviceStatuses/1"))
    #expect(refused(.patch, "https://graph.microsoft.com/beta/deviceManagement/allowed/../../beta/other"))
    #expect(refused(.patch, "https://graph.microsoft.com/beta/deviceManagement/allowed/%2E%2E/other"))
    #expect(refused(.patch, "http://graph.microsoft.com/beta/deviceManagement/allowed/x"))
    #expect(refused(.patch, "https://graph.microsoft.com:8443/beta/deviceManagement/allowed/x"))
    #expect(refused(.delete, "https://graph.microsoft.com/beta/x"))
    #expect(!refused(.get, "https://graph.microsoft.com/beta/x"))
  }

  @Test("Token requests pass on the configured authority only; loopback is never live")
  func exemptions() {
    #expect(!refused(.post, "https://login.microsoftonline.com/tenant/oauth2/v2.0/token"))
    #expect(refused(.post, "https://evil.example/tenant/oauth2/v2.0/token"))
    #expect(refused(.post, "https://graph.microsoft.com/beta/x/oauth2/v2.0/token"))
    #expect(!refused(.patch, "http://127.0.0.1:48080/beta/x"))
    #expect(!refused(.patch, "http://localhost:1/beta/x"))
    #expect(!refused(.patch, "http://[::1]:1/beta/x"))
    let sandboxAuthority = WriteGuard.fromEnvironment(["GRAPH_AUTHORITY": "https://login.example"])
    #expect(
      sandboxAuthority.refusal(for: .init(method: .post, url: "https://login.example/t/oauth2/v2.0/token")) == nil)
  }

  @Test("A player guards by default: a recording PATCH to a live host fails before it is sent")
  func playersGuardByDefault() async throws {
    try await withTemporaryFolder { folder in
      let player = try CassettePlayer(cassette: "guarded", record: .once, directory: folder.cassettes, environment: [:])
      var patch = URLRequest(url: URL(string: "https://graph.invalid/beta/deviceManagement/x/deviceStatuses/y")!)
      patch.httpMethod = "PATCH"
      let error = await #expect(throws: WriteRefusedError.self) {
        _ = try await player.makeURLSession().data(for: patch)
      }
      #expect(error?.description.contains("TAPEDECK_ALLOW_WRITES") == true)
      #expect(error?.description.contains("Nothing was sent") == true)
      let allowed = try CassettePlayer(
        cassette: "allowed", record: .once, directory: folder.cassettes,
        environment: ["TAPEDECK_ALLOW_WRITES": "https://graph.invalid/beta"])
      #expect(
        allowed.liveRequestGuard.refusal(for: .init(method: .patch, url: "https://graph.invalid/beta/x")) == nil)
    }
  }
}

@Suite("The write guard follows a write's redirect only where it allows the target")
struct WriteRedirectTests {
  /// Writes may go to `/redirect` and `/landing/allowed`, nothing else (loopback included).
  static let strict = LiveRequestGuard("test guard") { request in
    guard request.method != .get else { return nil }
    let path = URLComponents(string: request.url)?.path ?? ""
    return path == "/redirect" || path == "/landing/allowed"
      ? nil : WriteRefusedError(method: "PATCH", url: request.url)
  }

  static func patch(_ server: LoopbackServer, to target: String) async throws -> (Int, String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-redirect-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let player = try CassettePlayer(
      cassette: "redirect", record: .once, redactor: .none, directory: CassetteDirectory(url: folder),
      liveRequestGuard: strict, environment: [:])
    var request = URLRequest(url: URL(string: "\(server.baseURL)/redirect?to=\(target)")!)
    request.httpMethod = "PATCH"
    request.httpBody = Data(#"{"status":"compliant"}"#.utf8)
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    let (data, response) = try await player.makeURLSession().data(for: request)
    try player.finish()
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
  }

  @Test("A 307 to a URL the guard refuses is not followed: the client gets the 307, the target gets nothing")
  func refusedRedirect() async throws {
    try await LoopbackServer.with { server in
      let (status, _) = try await Self.patch(server, to: "/landing/forbidden")
      #expect(status == 307)
      #expect(!server.received.contains { $0.path == "/landing/forbidden" })
    }
  }

  @Test("A 307 to a URL the guard allows is followed, method and body kept")
  func allowedRedirect() async throws {
    try await LoopbackServer.with { server in
      let (status, body) = try await Self.patch(server, to: "/landing/allowed")
      #expect(status == 200 && body.contains("allowed"))
      #expect(server.received.contains { $0.path == "/landing/allowed" && $0.method == "PATCH" })
    }
  }
}

@Suite("The write guard refuses URLs it cannot read the way every server would")
struct WriteGuardEncodingTests {
  @Test(
    "Encoded slashes, backslashes, undecodable escapes, non-ASCII and spaces are refused under an allowed prefix",
    arguments: [
      "x%2F..%2F..%2Fother", "x%5C..%5Cother", "x\\..\\other", "%2e%Ae/%1e%2e/other", "caf\u{e9}", "a b",
      "%2e/9/09%A92e", "x%2", "%cc%bc.",
    ])
  func refused(_ suffix: String) {
    let allowed = "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/allowed"
    let guardian = WriteGuard(allowedPrefixes: [allowed + "/"])
    #expect(guardian.refusal(for: RecordedRequest(method: .patch, url: allowed + "/" + suffix)) != nil)
    #expect(guardian.refusal(for: RecordedRequest(method: .patch, url: allowed + "/x/deviceStatuses")) == nil)
  }
}
