import Foundation
import HTTPTypes
import Testing

@testable import Tapedeck

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

@Suite("Recordings are portable: canonical origins in the file, any sandbox port at replay")
struct CanonicalOriginsTests {
  @Test("Loopback and configured base URLs map to Graph, token paths to the authority")
  func mapping() {
    let origins = CanonicalOrigins(aliases: ["https://graph.contoso-proxy.example:8443/"])
    #expect(
      origins.canonical("http://127.0.0.1:5123/beta/deviceManagement?$top=1")
        == "https://graph.microsoft.com/beta/deviceManagement?$top=1")
    #expect(
      origins.canonical("http://localhost:80/tenant/oauth2/v2.0/token")
        == "https://login.microsoftonline.com/tenant/oauth2/v2.0/token")
    #expect(
      origins.canonical("https://graph.contoso-proxy.example:8443/v1.0/x") == "https://graph.microsoft.com/v1.0/x")
    #expect(origins.canonical("https://example.com/beta/x") == "https://example.com/beta/x")
    #expect(CanonicalOrigins.identity.canonical("http://127.0.0.1:1/x") == "http://127.0.0.1:1/x")
  }

  @Test("Recorded on one port, replayed on another; links in answers follow the client's origin")
  func portable() async throws {
    try await withTemporaryFolder { folder in
      try await LoopbackServer.with { server in
        let recorder = try CassettePlayer.testing("portable", in: folder, record: .once)
        let recorded = try await HTTP.send(recorder.makeURLSession(), "GET", server.statusURL())
        #expect(recorded.status == 200)
        try recorder.finish()
        let cassette = try CassetteFile.load(from: folder.file("portable.json"))
        #expect(cassette.interactions[0].request.url.hasPrefix("https://graph.microsoft.com/beta/"))
        #expect(cassette.source == .sandbox)
      }
      // Replay on a port where nothing listens, then as if the client pointed at Graph itself.
      let replayer = try CassettePlayer.testing("portable", in: folder, record: .never, allowPlaybackRepeats: true)
      let elsewhere = URL(
        string: "http://127.0.0.1:9/beta/deviceManagement/deviceConfigurations/cfg-1/deviceStatuses/st-1")!
      #expect(try await HTTP.send(replayer.makeURLSession(), "GET", elsewhere).status == 200)
      let graph = URL(
        string: "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/cfg-1/deviceStatuses/st-1")!
      #expect(try await HTTP.send(replayer.makeURLSession(), "GET", graph).status == 200)
      #expect(replayer.unmatchedRequests.isEmpty)
    }
  }

  @Test("Absolute Graph links in a replayed answer point back at the client's base URL")
  func linksMapBack() throws {
    let payload = PlaybackAnswer(
      RecordedResponse(
        status: .ok, headers: [.contentType: "application/json", .location: "https://graph.microsoft.com/beta/x"],
        body: .json([
          "@odata.nextLink": "https://graph.microsoft.com/beta/list?$skiptoken=2", "other": "https://example.com/a",
        ])))
    let mapped = payload.mappingOrigins(from: ["https://graph.microsoft.com"], to: "http://127.0.0.1:5123")
    let body = try JSONParser.parse(mapped.body)
    #expect(body["@odata.nextLink"] == "http://127.0.0.1:5123/beta/list?$skiptoken=2")
    #expect(body["other"] == "https://example.com/a")
    #expect(mapped.headerFields[.location] == "http://127.0.0.1:5123/beta/x")
  }
}
