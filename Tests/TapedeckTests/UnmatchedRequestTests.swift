import Foundation
import HTTPTypes
import Testing

@testable import Tapedeck

@Suite("The unmatched-request error tells the whole story")
struct UnmatchedRequestTests {
  static let base = "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/cfg-1/deviceStatuses"

  func player(_ folder: TemporaryFolder, matching: RequestMatching = .default) throws -> CassettePlayer {
    var cassette = Cassette(name: "story", source: .handWritten)
    let bodies: [JSONValue] = [
      ["status": "compliant", "lastReportedDateTime": "2026-11-22T10:00:00Z"],
      ["status": "error"],
      ["status": "conflict"],
      ["status": "notAssigned"],
    ]
    for (index, body) in bodies.enumerated() {
      cassette.interactions.append(
        Interaction(
          recordedAt: Date(timeIntervalSince1970: 0),
          request: RecordedRequest(
            method: .patch, url: "\(Self.base)/st-\(index == 0 ? 1 : 9)?$select=status", body: .json(body)),
          response: RecordedResponse(status: .ok)))
    }
    try CassetteFile.save(cassette, to: folder.file("story.json"))
    return try CassettePlayer.testing("story", in: folder, record: .never, matching: matching)
  }

  @Test("A body difference names the JSON path, both values and the ignore advice")
  func bodyDifference() async throws {
    try await withTemporaryFolder { folder in
      let player = try player(folder)
      let request = RecordedRequest(
        method: .patch, url: "\(Self.base)/st-1?%24select=status",
        body: .json(["status": "compliant", "lastReportedDateTime": "2026-11-23T08:00:00Z"]))
      guard case .failure(let failure) = player.decide(request), let error = failure as? UnmatchedRequestError else {
        Issue.record("expected a miss")
        return
      }
      let text = error.description
      #expect(text.contains("PATCH \(Self.base)/st-1?%24select=status"))
      #expect(text.contains(folder.file("story.json").path))
      #expect(text.contains("Record mode: .never (from the call's argument)"))
      #expect(text.contains("Matching on: method, URL, body"))
      #expect(error.closest.first?.index == 0)
      #expect(
        text.contains(#"body $.lastReportedDateTime: recorded "2026-11-22T10:00:00Z", request "2026-11-23T08:00:00Z""#))
      #expect(text.contains("1. If the request is new or changed on purpose, re-record with `TAPEDECK_RECORD=missing`"))
      #expect(
        text.contains(
          #"2. If `$.lastReportedDateTime` may change from run to run, ignore it: `matching: .default.ignoringJSONPaths("$.lastReportedDateTime")`."#
        ))
      #expect(error.closest.count == 3)
      // The order of the story: request, cassette, closest, advice.
      let order = ["Request:", "Cassette:", "Closest recorded interactions:", "What to do:"].map {
        text.range(of: $0)!.lowerBound
      }
      #expect(order == order.sorted())
    }
  }

  @Test("URL segment and query differences are named with both values")
  func urlDifference() async throws {
    try await withTemporaryFolder { folder in
      let player = try player(folder)
      let request = RecordedRequest(
        method: .patch, url: "\(Self.base)/st-7?$select=id", body: .json(["status": "error"]))
      guard case .failure(let error as UnmatchedRequestError) = player.decide(request) else {
        Issue.record("expected a miss")
        return
      }
      let text = error.description
      #expect(text.contains(#"URL path segment 6: recorded "st-9", request "st-7""#))
      #expect(text.contains(#"query parameter $select: recorded "status", request "id""#))
      // `$select` is chosen on purpose, not volatile: ignoring it is not suggested.
      #expect(!text.contains(#"ignoringQueryParameters("$select")"#))
    }
  }

  @Test("Ignored JSON paths and query parameters make the request match")
  func ignoringMakesItMatch() async throws {
    try await withTemporaryFolder { folder in
      let player = try player(
        folder,
        matching: RequestMatching.default.ignoringJSONPaths("$.lastReportedDateTime").ignoringQueryParameters("$select")
      )
      let request = RecordedRequest(
        method: .patch, url: "\(Self.base)/st-1?$select=other",
        body: .json(["status": "compliant", "lastReportedDateTime": "2030-01-01T00:00:00Z"]))
      guard case .replay = player.decide(request) else {
        Issue.record("expected a replay")
        return
      }
    }
  }

  @Test("A matched header that differs is named, and a custom predicate can refuse")
  func headersAndPredicate() async throws {
    try await withTemporaryFolder { folder in
      let headerPlayer = try player(folder, matching: RequestMatching.default.matchingHeaders(.accept))
      var request = RecordedRequest(
        method: .patch, url: "\(Self.base)/st-9?$select=status", body: .json(["status": "error"]))
      request.headers[.accept] = "application/json"
      guard case .failure(let error as UnmatchedRequestError) = headerPlayer.decide(request) else {
        Issue.record("expected a miss")
        return
      }
      #expect(error.description.contains(#"header Accept: recorded (absent), request "application/json""#))

      let picky = try player(folder, matching: RequestMatching.default.where("tenant check") { _, _ in false })
      guard case .failure(let refused as UnmatchedRequestError) = picky.decide(request) else {
        Issue.record("expected a miss")
        return
      }
      #expect(refused.description.contains("tenant check rejected it"))
    }
  }
}
