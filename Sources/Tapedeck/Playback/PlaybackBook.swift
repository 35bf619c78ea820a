import Foundation
import HTTPTypes

/// The player's mutable state: the recordings, the index over them, what has been played,
/// what was recorded, and the misses. Always used under the player's lock.
struct PlaybackBook {
  /// One index entry: recordings with the same key, in recorded order.
  struct Bucket {
    var indices: [Int]
    var firstUnplayed = 0
  }

  var interactions: [Interaction]
  /// The file's source, `nil` for a new cassette.
  var source: Cassette.Source?
  /// The file's redaction key fingerprint.
  var keyFingerprint: String?
  /// Whether every request recorded in this run was sent to a loopback host (the sandbox).
  var everyLiveRequestWasLoopback = true
  var buckets: [MatchKey: Bucket] = [:]
  var playCounts: [Int]
  var payloads: [PlaybackAnswer?]
  var recorded: [Interaction] = []
  var misses: [UnmatchedRequestError] = []
  /// Whether the recorded requests were re-scrubbed with the player's rules (see ``rescrub(with:matching:)``).
  var rescrubbed = false

  init(
    interactions: [Interaction], indexed: Bool, matching: RequestMatching, source: Cassette.Source?,
    keyFingerprint: String?
  ) {
    self.interactions = interactions
    self.source = source
    self.keyFingerprint = keyFingerprint
    playCounts = Array(repeating: 0, count: interactions.count)
    payloads = Array(repeating: nil, count: interactions.count)
    guard indexed else { return }
    buckets.reserveCapacity(interactions.count)
    for (index, interaction) in interactions.enumerated() {
      buckets[matching.key(for: interaction.request), default: Bucket(indices: [])].indices.append(index)
    }
  }

  /// Scrubs the recorded requests with today's rules and rebuilds the index, once, on the first
  /// miss: a recording made under older, narrower rules (a `client_id` left in a token request)
  /// then matches, and a cassette made under today's rules never pays for it. Returns whether any
  /// request changed.
  mutating func rescrub(with redactor: Redactor, matching: RequestMatching) -> Bool {
    guard !rescrubbed else { return false }
    rescrubbed = true
    var changed = false
    for index in interactions.indices {
      let scrubbed = redactor.redact(interactions[index].request)
      if scrubbed != interactions[index].request {
        interactions[index].request = scrubbed
        changed = true
      }
    }
    guard changed else { return false }
    var rebuilt: [MatchKey: Bucket] = [:]
    for (index, interaction) in interactions.enumerated() {
      rebuilt[matching.key(for: interaction.request), default: Bucket(indices: [])].indices.append(index)
    }
    for (key, var bucket) in rebuilt {
      while bucket.firstUnplayed < bucket.indices.count, playCounts[bucket.indices[bucket.firstUnplayed]] > 0 {
        bucket.firstUnplayed += 1
      }
      rebuilt[key] = bucket
    }
    buckets = rebuilt
    return true
  }

  /// The next recording for this key (in recorded order), or the last one again when repeats
  /// are allowed; `nil` on a miss.
  mutating func take(key: MatchKey, request: RecordedRequest, matching: RequestMatching, repeats: Bool)
    -> PlaybackAnswer?
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
    let payload = PlaybackAnswer(interactions[index].response)
    payloads[index] = payload
    return payload
  }

  /// Whether every recording with this key has been played, so that (with repeats allowed) the
  /// key's answer no longer changes: the last recording, again and again.
  func isSettled(_ key: MatchKey) -> Bool {
    guard let bucket = buckets[key] else { return false }
    return bucket.firstUnplayed >= bucket.indices.count
  }

  /// Recordings with this key that were all played already (for the miss message).
  func exhausted(for key: MatchKey) -> Set<Int> {
    guard let bucket = buckets[key] else { return [] }
    return Set(bucket.indices.filter { playCounts[$0] > 0 })
  }
}
