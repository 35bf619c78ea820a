import Foundation
import GraphSandbox
import Tapedeck
import TapedeckServer
import Testing

/// Record through the test-proxy protocol against the sandbox, then replay in a new server
/// with the sandbox stopped: the same answers, nothing planted on disk, canonical origins.
@Suite("tapedeck serve: record, then replay offline")
struct RecordPlaybackTests {
  /// The token, a listing, a status listing and a PATCH, through `client` under `id`.
  static func scenario(_ client: ServeClient, id: String, mode: String) async throws -> (
    token: String, answers: [ServeClient.Answer]
  ) {
    let token = try await client.token(id: id)
    let list = try await client.send(
      "GET", "/beta/deviceManagement/deviceConfigurations?$top=5", id: id, mode: mode, token: token)
    let configuration = try #require(list.json?["value"].flatMap(Self.ids)?.first)
    let statuses = "/beta/deviceManagement/deviceConfigurations/\(configuration)/deviceStatuses"
    let page = try await client.send("GET", statuses + "?$top=3", id: id, mode: mode, token: token)
    let status = try #require(page.json?["value"].flatMap(Self.ids)?.first)
    let patch = try await client.send(
      "PATCH", "\(statuses)/\(status)", id: id, mode: mode, token: token, body: #"{"status":"compliant"}"#)
    return (token, [list, page, patch])
  }

  static func ids(_ value: JSONValue) -> [String]? {
    guard case .array(let items) = value else { return nil }
    return items.compactMap { $0["id"]?.stringValue }
  }

  @Test("Recorded through /Record/Start and /Record/Stop, replayed through /Playback/Start in a new server")
  func recordThenReplay() async throws {
    let fixture = try ServeFixture()
    defer { fixture.remove() }
    let sandbox = try await GraphSandbox.start(SandboxConfiguration(seed: 7))
    let (token, recorded) = try await withServer(fixture.configuration(upstream: sandbox.graphURL)) { client in
      let id = try await client.start("Record", "Serve/recordThenReplay")
      let outcome = try await Self.scenario(client, id: id, mode: "record")
      let stop = try await client.stop("Record", id)
      #expect(stop.status == 200)
      #expect(stop.header("x-tapedeck-interactions") == "4")
      #expect(client.server.activeRecordings == 0)
      return outcome
    }
    await sandbox.stop()
    #expect(recorded.map(\.status) == [200, 200, 200])

    let text = try fixture.text(of: "Serve/recordThenReplay")
    #expect(!text.contains(SandboxConfiguration.defaultApp.clientSecret), "the client secret reached the cassette")
    #expect(!text.contains(token), "the access token reached the cassette")
    #expect(!text.contains("127.0.0.1"), "a loopback origin reached the cassette")
    #expect(text.contains("https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations"))
    #expect(text.contains("https://login.microsoftonline.com/"))
    #expect(!text.contains("x-recording"), "a test-proxy header was recorded")

    try await withServer(fixture.configuration()) { client in
      let id = try await client.start("Playback", "Serve/recordThenReplay")
      let (_, replayed) = try await Self.scenario(client, id: id, mode: "playback")
      #expect(replayed.map(\.status) == recorded.map(\.status))
      for (old, new) in zip(recorded, replayed) { #expect(old.json?["value"] == new.json?["value"]) }
      #expect(try await client.stop("Playback", id).status == 200)
    }
  }

  /// Follows `@odata.nextLink` from the last configuration's status listing; every link must
  /// point at the server.
  static func allStatuses(_ client: ServeClient, id: String, mode: String) async throws -> (ids: [String], pages: Int) {
    let token = try await client.token(id: id)
    let list = try await client.send(
      "GET", "/beta/deviceManagement/deviceConfigurations", id: id, mode: mode, token: token)
    let last = try #require(list.json?["value"].flatMap(Self.ids)?.last)
    var next: String? = client.base + "/beta/deviceManagement/deviceConfigurations/\(last)/deviceStatuses"
    var ids: [String] = []
    var pages = 0
    while let link = next, pages < 10 {
      #expect(link.hasPrefix(client.base + "/beta/"), "a link leaves the server: \(link)")
      guard link.hasPrefix(client.base) else { break }
      let page = try await client.send(
        "GET", String(link.dropFirst(client.base.count)), id: id, mode: mode, token: token)
      #expect(page.status == 200)
      ids += page.json?["value"].flatMap(Self.ids) ?? []
      next = page.json?["@odata.nextLink"]?.stringValue
      pages += 1
    }
    return (ids, pages)
  }

  @Test("Paging: @odata.nextLink points at the server while recording and at replay, across 250 statuses")
  func pagingAcrossRewrittenLinks() async throws {
    let fixture = try ServeFixture()
    defer { fixture.remove() }
    let sandbox = try await GraphSandbox.start(SandboxConfiguration(seed: 7))
    let recorded = try await withServer(fixture.configuration(upstream: sandbox.graphURL)) { client in
      let id = try await client.start("Record", "Serve/paging")
      let outcome = try await Self.allStatuses(client, id: id, mode: "record")
      #expect(try await client.stop("Record", id).status == 200)
      return outcome
    }
    await sandbox.stop()
    #expect(recorded.ids.count == 250)
    #expect(recorded.pages == 3)
    #expect(Set(recorded.ids).count == 250)
    let text = try fixture.text(of: "Serve/paging")
    #expect(text.contains("\"@odata.nextLink\": \"https://graph.microsoft.com/beta/deviceManagement/"))

    let replayed = try await withServer(fixture.configuration()) { client in
      let id = try await client.start("Playback", "Serve/paging")
      return try await Self.allStatuses(client, id: id, mode: "playback")
    }
    #expect(replayed.ids == recorded.ids)
    #expect(replayed.pages == 3)
  }

  @Test("The default cassette answers requests without a recording id; it is saved when the server stops")
  func defaultCassette() async throws {
    let fixture = try ServeFixture()
    defer { fixture.remove() }
    let sandbox = try await GraphSandbox.start(SandboxConfiguration(seed: 7))
    var configuration = fixture.configuration(upstream: sandbox.graphURL)
    configuration.defaultCassette = "Default/listing"
    configuration.defaultMode = .once
    let recorded = try await withServer(configuration) { client in
      let token = try await client.token(id: nil)
      return try await client.send("GET", "/v1.0/deviceManagement/deviceConfigurations?$top=2", token: token)
    }
    await sandbox.stop()
    #expect(recorded.status == 200)
    let text = try fixture.text(of: "Default/listing")
    #expect(text.contains("https://graph.microsoft.com/v1.0/deviceManagement/deviceConfigurations"))

    configuration.upstream = nil
    configuration.defaultMode = .never
    let replayed = try await withServer(configuration) { client in
      _ = try await client.token(id: nil)
      return try await client.send("GET", "/v1.0/deviceManagement/deviceConfigurations?$top=2", token: "REDACTED")
    }
    #expect(replayed.status == 200)
    #expect(replayed.json?["value"] == recorded.json?["value"])

    // Each recording answers once, unless repeats are allowed (load generators).
    for repeats in [false, true] {
      configuration.allowPlaybackRepeats = repeats
      let statuses = try await withServer(configuration) { client in
        var statuses: [Int] = []
        for _ in 0..<3 {
          statuses.append(try await client.send("GET", "/v1.0/deviceManagement/deviceConfigurations?$top=2").status)
        }
        return statuses
      }
      #expect(statuses == (repeats ? [200, 200, 200] : [200, 404, 404]))
    }
  }
}
