import Foundation
import HTTPTypes
import Tapedeck
import TapedeckSupport
import Testing

/// While recording, the client sees what replay will give it, and the pseudonyms it sends back
/// reach the live service as the real values they stand for.
@Suite("One view in both modes: scrubbed answers while recording, real values sent live")
struct RecordingViewTests {
  static let key = "FAKE-recording-view-key"
  static let realUser = "adele.vance@contoso.example"
  static let realDevice = "3f0e8a52-6b1d-4c7e-9a3b-5d2f1e4c8b7a"
  static let graph = "https://graph.microsoft.com/beta/users"

  static var redactor: Redactor {
    Redactor.default.adding(
      .jsonField("userPrincipalName", replacement: .pseudonym(prefix: "user")),
      .transforming("device GUIDs") { text, pseudonymizer in
        text == realDevice ? pseudonymizer.pseudonymGUID(for: text) : nil
      })
  }

  /// A fake live service: the list answer, then an echo of each request's URL and body.
  final class FakeService: Sendable {
    let received = Locked<[RecordedRequest]>([])

    func send(_ request: RecordedRequest) -> RecordedResponse {
      received.withLock { $0.append(request) }
      let body: String
      if request.url.hasSuffix("/users") {
        body = #"{"value":[{"id":"\#(realDevice)","userPrincipalName":"\#(realUser)"}]}"#
      } else {
        body = #"{"id":"\#(realDevice)","userPrincipalName":"\#(realUser)","echo":"ok"}"#
      }
      return RecordedResponse(
        status: .ok, headers: [.contentType: "application/json"],
        body: RecordedBody(data: Data(body.utf8), contentType: "application/json"))
    }
  }

  static func player(_ folder: URL, _ mode: RecordMode, view: RecordingView = .asReplayed) throws -> CassettePlayer {
    try CassettePlayer(
      cassette: "view", record: mode, redactor: redactor.withKey(key), directory: CassetteDirectory(url: folder),
      liveRequestGuard: .unrestricted, recordingView: view, environment: [:])
  }

  /// List, then PATCH the first item by the id and name the list gave; returns what the client saw.
  static func listThenPatch(_ player: CassettePlayer, _ service: FakeService?) async throws -> [JSONValue] {
    func call(_ request: RecordedRequest) async throws -> JSONValue {
      let answer = try await player.response(for: request) { outgoing in
        guard let service else { throw URLError(.notConnectedToInternet) }
        return service.send(outgoing)
      }
      return try #require(answer.body?.jsonValue)
    }
    let list = try await call(RecordedRequest(method: .get, url: graph))
    guard case .array(let items)? = list["value"], let first = items.first,
      let id = first["id"]?.stringValue, let user = first["userPrincipalName"]?.stringValue
    else { throw URLError(.cannotParseResponse) }
    let body = #"{"userPrincipalName":"\#(user)"}"#
    let patched = try await call(
      RecordedRequest(
        method: .patch, url: "\(graph)/\(id)?owner=\(user)",
        headers: [.contentType: "application/json", .init("X-Owner")!: user],
        body: RecordedBody(data: Data(body.utf8), contentType: "application/json")))
    return [list, patched]
  }

  @Test("Recording and replaying give the test identical observations; the live service got the real values")
  func identicalObservations() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-view-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let service = FakeService()
    let recorder = try Self.player(folder, .once)
    let recorded = try await Self.listThenPatch(recorder, service)
    try recorder.finish()
    let replayed = try await Self.listThenPatch(try Self.player(folder, .never), nil)
    #expect(recorded == replayed)
    let seen = JSONWriter.compactString(.array(recorded))
    #expect(!seen.contains(Self.realUser) && !seen.contains(Self.realDevice), "the test saw live values: \(seen)")
    // The PATCH went live with the real id in the path, query, header and body.
    let patch = try #require(service.received.withLock { $0.last })
    #expect(patch.url == "\(Self.graph)/\(Self.realDevice)?owner=adele.vance%40contoso.example")
    #expect(patch.headers[HTTPField.Name("X-Owner")!] == Self.realUser)
    #expect(patch.body?.jsonValue?["userPrincipalName"]?.stringValue == Self.realUser)
    // And the cassette holds the pseudonyms, never the real values.
    let file = try String(contentsOf: folder.appendingPathComponent("view.json"), encoding: .utf8)
    #expect(!file.contains(Self.realUser) && !file.contains(Self.realDevice))
  }

  @Test("A pseudonym the recording never handed out is refused, not sent live")
  func unmappedPseudonym() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-view-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let service = FakeService()
    let player = try Self.player(folder, .once)
    let stranger = Pseudonymizer(key: Self.key).pseudonymGUID(for: "a device this recording never saw")
    let error = await #expect(throws: UnmappedPseudonymError.self) {
      _ = try await player.response(for: RecordedRequest(method: .delete, url: "\(Self.graph)/\(stranger)")) {
        service.send($0)
      }
    }
    #expect(service.received.withLock { $0.isEmpty })
    #expect(
      error?.description == """
        Tapedeck did not send DELETE \(Self.graph)/\(stranger): its URL carries the pseudonym \(stranger), which this \
        recording never handed out, so its real value is unknown and a pseudonym must not reach the live service.
          Read the value from an answer earlier in the same test (list, then act on an item), or pass the real \
        value from your configuration. To hand the test live values instead, record with recordingView: .live \
        (TAPEDECK_RECORDING_VIEW=live); its assertions on scrubbed values will then differ on replay.
          Cassette: \(folder.appendingPathComponent("view.json").path)
        """)
    // A look-alike under another key is not ours: it is an ordinary value and goes as it is.
    let foreign = Pseudonymizer(key: "FAKE-some-other-key").pseudonymGUID(for: "x")
    _ = try await player.response(for: RecordedRequest(method: .get, url: "\(Self.graph)/\(foreign)")) {
      service.send($0)
    }
    #expect(service.received.withLock { $0.last?.url } == "\(Self.graph)/\(foreign)")
  }

  @Test("The write guard judges the request that goes live: an allowed real id passes when the test sent its pseudonym")
  func guardSeesRealValues() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-view-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let service = FakeService()
    let player = try CassettePlayer(
      cassette: "view", record: .once, redactor: Self.redactor.withKey(Self.key),
      directory: CassetteDirectory(url: folder),
      liveRequestGuard: WriteGuard(allowedPrefixes: ["\(Self.graph)/\(Self.realDevice)"]).liveRequestGuard,
      environment: [:])
    let seen = try await Self.listThenPatch(player, service)
    #expect(seen.count == 2)
    #expect(service.received.withLock { $0.count } == 2)
  }

  @Test("recordingView: .live hands the test live values; the cassette is scrubbed all the same")
  func liveView() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-view-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let player = try Self.player(folder, .once, view: .live)
    let seen = try await Self.listThenPatch(player, FakeService())
    try player.finish()
    #expect(JSONWriter.compactString(.array(seen)).contains(Self.realUser))
    // The rules still apply to what is written (the query and X-Owner header have no rule here).
    let cassette = try CassetteFile.load(from: folder.appendingPathComponent("view.json"))
    for interaction in cassette.interactions {
      #expect(!interaction.request.url.contains(Self.realDevice))
      let body = interaction.response.body.map { JSONWriter.compactString($0.jsonValue ?? .null) } ?? ""
      #expect(!body.contains(Self.realUser) && !body.contains(Self.realDevice))
    }
    #expect(throws: RecordingViewError.self) { try RecordingView.fromEnvironment(["TAPEDECK_RECORDING_VIEW": "raw"]) }
    #expect(try RecordingView.fromEnvironment(["TAPEDECK_RECORDING_VIEW": "live"]) == .live)
  }

  @Test("A token endpoint's answer reaches the client unchanged while recording; the cassette holds REDACTED")
  func tokenAnswerUnchanged() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-view-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let player = try Self.player(folder, .once)
    let token = "FAKE-opaque-access-token-0000"
    let answer = try await player.response(
      for: RecordedRequest(method: .post, url: "https://login.microsoftonline.com/common/oauth2/v2.0/token")
    ) { _ in
      RecordedResponse(
        status: .ok, headers: [.contentType: "application/json"],
        body: .json(.object(["access_token": .string(token), "token_type": .string("Bearer")])))
    }
    #expect(answer.body?.jsonValue?["access_token"]?.stringValue == token)
    try player.finish()
    let file = try String(contentsOf: folder.appendingPathComponent("view.json"), encoding: .utf8)
    #expect(!file.contains(token))
  }
}

extension Redactor {
  func withKey(_ key: String) -> Redactor {
    var copy = self
    copy.pseudonymizer = Pseudonymizer(key: key)
    return copy
  }
}
