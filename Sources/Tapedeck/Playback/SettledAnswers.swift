import Foundation
import HTTPTypes
import TapedeckSupport

/// Replayed answers that can no longer change, by the request as it arrived. With repeats
/// allowed, once every recording for a request has been played the player answers that request
/// with the last one, always; remembering it lets a repeated request (a load generator, a
/// polling client, `tapedeck serve --allow-repeats`) skip redaction and matching. Keyed on the
/// raw method, URL, body and the headers the matching compares, so a request that differs in
/// any of them goes the whole way. Bounded by the cassette's size: it starts over when full.
final class SettledAnswers: Sendable {
  struct Key: Hashable, Sendable {
    let method: String
    let url: String
    let body: Data
    let headers: [String]

    init(_ request: RecordedRequest, headers names: [HTTPField.Name]) {
      method = request.method.rawValue
      url = request.url
      body = request.body?.data ?? Data()
      headers = names.map { request.headers[values: $0].joined(separator: "\u{0}") }
    }
  }

  /// At least 4,096 answers, and two per recording (a request may arrive on two origins).
  let capacity: Int
  private let answers = Locked<[Key: PlaybackAnswer]>([:])

  init(recordings: Int) { capacity = max(4096, 2 * recordings) }

  func answer(for key: Key) -> PlaybackAnswer? { answers.withLock { $0[key] } }

  func remember(_ answer: PlaybackAnswer, for key: Key) {
    answers.withLock { table in
      if table.count >= capacity { table.removeAll(keepingCapacity: true) }
      table[key] = answer
    }
  }
}
