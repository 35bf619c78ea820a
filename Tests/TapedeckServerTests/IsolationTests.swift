import Foundation
import GraphSandbox
import Tapedeck
import TapedeckServer
import Testing

/// Many recordings at once, each isolated by its recording id; unmatched requests, escaping
/// cassette names and forwarded writes refused with the messages the core gives.
@Suite("tapedeck serve: isolation, refusals and the protocol's edges")
struct IsolationTests {
  @Test("8 parallel recordings, each into its own cassette; each replays only its own requests")
  func parallelRecordings() async throws {
    let fixture = try ServeFixture()
    defer { fixture.remove() }
    let sandbox = try await GraphSandbox.start(SandboxConfiguration(seed: 7))
    let configurations = try await withServer(fixture.configuration(upstream: sandbox.graphURL)) { client in
      // The listing, through a recording of its own that names its upstream per request.
      let listing = try await client.start("Record", "Parallel/listing")
      let token = try await client.token(id: listing, upstream: sandbox.authorityURL.absoluteString)
      let list = try await client.send(
        "GET", "/beta/deviceManagement/deviceConfigurations", id: listing, upstream: sandbox.graphURL.absoluteString,
        token: token)
      try await client.stop("Record", listing)
      let ids = try #require(list.json?["value"].flatMap(RecordPlaybackTests.ids))
      try #require(ids.count >= 8)
      try await withThrowingTaskGroup(of: Void.self) { group in
        for index in 0..<8 {
          group.addTask {
            let id = try await client.start("Record", "Parallel/test\(index)")
            let token = try await client.token(id: id)
            let answer = try await client.send(
              "GET", "/beta/deviceManagement/deviceConfigurations/\(ids[index])", id: id, mode: "record", token: token)
            #expect(answer.status == 200)
            let stop = try await client.stop("Record", id)
            #expect(stop.header("x-tapedeck-interactions") == "2")
          }
        }
        try await group.waitForAll()
      }
      #expect(client.server.activeRecordings == 0)
      return Array(ids.prefix(8))
    }
    await sandbox.stop()
    for (index, configuration) in configurations.enumerated() {
      let text = try fixture.text(of: "Parallel/test\(index)")
      #expect(text.contains(configuration))
      for other in configurations where other != configuration { #expect(!text.contains(other)) }
    }
    try await withServer(fixture.configuration()) { client in
      try await withThrowingTaskGroup(of: Void.self) { group in
        for index in 0..<8 {
          group.addTask {
            let id = try await client.start("Playback", "Parallel/test\(index)")
            let own = try await client.send(
              "GET", "/beta/deviceManagement/deviceConfigurations/\(configurations[index])", id: id, mode: "playback")
            #expect(own.status == 200)
            #expect(own.json?["id"]?.stringValue == configurations[index])
            let other = try await client.send(
              "GET", "/beta/deviceManagement/deviceConfigurations/\(configurations[(index + 1) % 8])", id: id)
            #expect(other.status == 404)
            #expect(try await client.stop("Playback", id).status == 200)
          }
        }
        try await group.waitForAll()
      }
    }
  }

  @Test("An unmatched request answers 404 with a Graph error carrying the player's story")
  func unmatched() async throws {
    let fixture = try ServeFixture()
    defer { fixture.remove() }
    let sandbox = try await GraphSandbox.start(SandboxConfiguration(seed: 7))
    try await withServer(fixture.configuration(upstream: sandbox.graphURL)) { client in
      let id = try await client.start("Record", "Unmatched/one")
      _ = try await client.token(id: id)
      try await client.stop("Record", id)
    }
    await sandbox.stop()
    try await withServer(fixture.configuration()) { client in
      let id = try await client.start("Playback", "Unmatched/one")
      let answer = try await client.send(
        "GET", "/beta/deviceManagement/deviceConfigurations?$filter=x", id: id, token: "eyJhbGciOiJub25lIn0.e30.FAKE")
      #expect(answer.status == 404)
      #expect(answer.json?["error"]?["code"]?.stringValue == ServerRequestError.unmatchedCode)
      let message = try #require(answer.json?["error"]?["message"]?.stringValue)
      #expect(message.hasPrefix(UnmatchedRequestError.headline))
      #expect(message.contains("GET https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations"))
      #expect(message.contains("Unmatched/one.json"))
      #expect(!message.contains("eyJhbGciOiJub25lIn0"))
      #expect(answer.header("x-request-mismatch") == "true")
      let encoded = try #require(answer.header("x-request-mismatch-error"))
      #expect(
        String(decoding: Data(base64Encoded: encoded) ?? Data(), as: UTF8.self).hasPrefix(
          UnmatchedRequestError.headline))
    }
  }

  @Test(
    "An x-recording-file that would leave the cassettes folder is refused, and nothing is written",
    arguments: ["../escape", "/tmp/tapedeck-absolute", "Suite/../../escape", "..\\\\escape", "Suite//x", "~/x"])
  func escapingFile(_ file: String) async throws {
    let fixture = try ServeFixture()
    defer { fixture.remove() }
    try await withServer(fixture.configuration()) { client in
      for kind in ["Record", "Playback"] {
        let answer = try await client.send("POST", "/\(kind)/Start", body: #"{"x-recording-file": "\#(file)"}"#)
        #expect(answer.status == 400)
        #expect(answer.json?["Message"]?.stringValue?.contains("Refused cassette name") == true)
        #expect(answer.header("x-recording-id") == nil)
      }
    }
    let parent = fixture.folder.deletingLastPathComponent()
    #expect(!FileManager.default.fileExists(atPath: parent.appendingPathComponent("escape.json").path))
    #expect(!FileManager.default.fileExists(atPath: "/tmp/tapedeck-absolute.json"))
  }

  @Test("A forwarded write to a live tenant goes through the write guard: refused before it leaves")
  func writeGuard() async throws {
    let fixture = try ServeFixture()
    defer { fixture.remove() }
    try await withServer(fixture.configuration(upstream: URL(string: "https://graph.microsoft.com"))) { client in
      let id = try await client.start("Record", "Guard/patch")
      let answer = try await client.send(
        "PATCH", "/beta/deviceManagement/deviceConfigurations/x/deviceStatuses/y", id: id, token: "FAKE",
        body: #"{"status":"compliant"}"#)
      #expect(answer.status == 403)
      #expect(answer.json?["error"]?["code"]?.stringValue == "TapedeckWriteRefused")
      #expect(answer.json?["error"]?["message"]?.stringValue?.contains("TAPEDECK_ALLOW_WRITES") == true)
      let stop = try await client.stop("Record", id)
      #expect(stop.header("x-tapedeck-interactions") == "0")
    }
    #expect(!FileManager.default.fileExists(atPath: fixture.folder.appendingPathComponent("Guard/patch.json").path))
  }

  @Test("The protocol's edges: what is refused, and how")
  func protocolEdges() async throws {
    let fixture = try ServeFixture()
    defer { fixture.remove() }
    try await withServer(fixture.configuration()) { client in
      #expect(try await client.send("GET", "/Admin/IsAlive").status == 200)
      let sanitizer = try await client.send(
        "POST", "/Admin/AddSanitizer", body: #"{"value":"x","regex":"y"}"#,
        headers: ["x-abstraction-identifier": "GeneralRegexSanitizer"])
      #expect(sanitizer.status == 501)
      #expect(sanitizer.json?["Message"]?.stringValue?.contains("Graph preset") == true)
      #expect(try await client.send("POST", "/admin/setmatcher", body: "{}").status == 501)
      let inMemory = try await client.send("POST", "/Record/Start")
      #expect(inMemory.status == 501)
      #expect(inMemory.json?["Message"]?.stringValue?.contains("x-recording-file") == true)
      let missing = try await client.send("POST", "/Playback/Start", body: #"{"x-recording-file": "Nope/none"}"#)
      #expect(missing.status == 404)
      let noID = try await client.send("GET", "/v1.0/deviceManagement/deviceConfigurations")
      #expect(noID.status == 400)
      #expect(noID.json?["error"]?["code"]?.stringValue == "TapedeckNoRecording")
      let unknown = try await client.send("GET", "/v1.0/deviceManagement/deviceConfigurations", id: "not-an-id")
      #expect(unknown.json?["error"]?["code"]?.stringValue == "TapedeckUnknownRecording")
      let id = try await client.start("Record", "Edges/noUpstream")
      let noUpstream = try await client.send("GET", "/v1.0/deviceManagement/deviceConfigurations", id: id)
      #expect(noUpstream.status == 502)
      #expect(noUpstream.json?["error"]?["message"]?.stringValue?.contains("x-recording-upstream-base-uri") == true)
      let wrongMode = try await client.send("GET", "/v1.0/x", id: id, mode: "playback")
      #expect(wrongMode.status == 400)
      #expect(try await client.stop("Playback", id).status == 400)
      #expect(try await client.send("POST", "/Record/Stop").status == 400)
      let variables = try await client.send("POST", "/Record/Stop", id: id, body: #"{"seed":"1"}"#)
      #expect(variables.status == 501)
      #expect(variables.json?["Message"]?.stringValue?.contains("variables") == true)
    }
  }
}
