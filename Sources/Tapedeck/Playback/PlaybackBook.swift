import Foundation
import HTTPTypes

/// The answer to one replayed request, built once per recording and reused.
struct ReplayPayload: Sendable {
  let status: Int
  let headers: [String: String]
  let body: Data

  init(_ response: RecordedResponse) {
    status = response.status.code
    body = response.body?.data ?? Data()
    var merged: [String: String] = [:]
    for field in response.headers {
      switch field.name {
      case .contentLength, .contentEncoding, .transferEncoding: continue
      default:
        let key = field.name.rawName
        merged[key] = merged[key].map { "\($0), \(field.value)" } ?? field.value
      }
    }
    merged["Content-Length"] = String(body.count)
    headers = merged
  }
}

/// The player's mutable state: the recordings, the index over them, what has been played,
/// what was recorded, and the misses. Always used under the player's lock.
struct PlaybackBook {
  /// One index entry: recordings with the same key, in recorded order.
  struct Bucket {
    var indices: [Int]
    var firstUnplayed = 0
  }

  var interactions: [Interaction]
  var source: Cassette.Source
  var buckets: [MatchKey: Bucket] = [:]
  var playCounts: [Int]
  var payloads: [ReplayPayload?]
  var recorded: [Interaction] = []
  var misses: [UnmatchedRequestError] = []

  init(interactions: [Interaction], indexed: Bool, matching: RequestMatching, source: Cassette.Source) {
    self.interactions = interactions
    self.source = source
    playCounts = Array(repeating: 0, count: interactions.count)
    payloads = Array(repeating: nil, count: interactions.count)
    guard indexed else { return }
    buckets.reserveCapacity(interactions.count)
    for (index, interaction) in interactions.enumerated() {
      buckets[matching.key(for: interaction.request), default: Bucket(indices: [])].indices.append(index)
    }
  }

  /// The next recording for this key (in recorded order), or the last one again when repeats
  /// are allowed; `nil` on a miss.
  mutating func take(key: MatchKey, request: RecordedRequest, matching: RequestMatching, repeats: Bool)
    -> ReplayPayload?
  {
    guard var bucket = buckets[key] else { return nil }
    var chosen: Int?
    var position = bucket.firstUnplayed
    while position < bucket.indices.count {
      let index = bucket.indices[position]
      if playCounts[index] == 0, matching.predicate?(request, interactions[index].request) ?? true {
        chosen = index
        break
      }
      position += 1
    }
    if chosen == nil, repeats {
      chosen = bucket.indices.last { matching.predicate?(request, interactions[$0].request) ?? true }
    }
    guard let index = chosen else { return nil }
    playCounts[index] += 1
    while bucket.firstUnplayed < bucket.indices.count, playCounts[bucket.indices[bucket.firstUnplayed]] > 0 {
      bucket.firstUnplayed += 1
    }
    buckets[key] = bucket
    if let payload = payloads[index] { return payload }
    let payload = ReplayPayload(interactions[index].response)
    payloads[index] = payload
    return payload
  }

  /// Recordings with this key that were all played already (for the miss message).
  func exhausted(for key: MatchKey) -> Set<Int> {
    guard let bucket = buckets[key] else { return [] }
    return Set(bucket.indices.filter { playCounts[$0] > 0 })
  }
}
