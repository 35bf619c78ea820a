import Foundation
import HTTPTypes
import Tapedeck
import Testing

@Suite("Cassettes recorded under older, narrower rules still replay")
struct OlderRulesTests {
  @Test("A request the old rules left unscrubbed matches the same request scrubbed by today's rules")
  func rescrubbedOnMiss() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-older-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    // Written by an older Tapedeck: `ClientSecret` was not a secret name then.
    let old = RecordedRequest(
      method: .post, url: "https://graph.microsoft.com/beta/x", headers: [.contentType: "application/json"],
      body: .json(["ClientSecret": "FAKE-left-by-old-rules", "n": 1]))
    let cassette = Cassette(
      name: "older",
      interactions: [
        Interaction(
          recordedAt: Date(), request: old,
          response: RecordedResponse(
            status: .ok, headers: [.contentType: "application/json"], body: .json(["ok": true])))
      ])
    try CassetteFile.save(cassette, to: folder.appendingPathComponent("older.json"))
    let player = try CassettePlayer(
      cassette: "older", record: .never, directory: CassetteDirectory(url: folder), environment: [:])
    let answer = try await player.response(for: old) { _ in throw URLError(.notConnectedToInternet) }
    #expect(answer.body?.jsonValue?["ok"] == .bool(true))
    #expect(player.unmatchedRequests.isEmpty)
  }
}
