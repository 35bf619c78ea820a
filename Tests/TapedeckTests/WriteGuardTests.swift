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
