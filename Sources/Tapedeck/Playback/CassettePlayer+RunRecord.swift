public import Foundation
import TapedeckSupport

/// What a player's run saw and used: misses, new recordings, what the cassette held and which of
/// it was played (for unused-interaction checks, expiry and the usage log).
extension CassettePlayer {
  /// Unmatched requests seen so far, oldest first.
  public var unmatchedRequests: [UnmatchedRequestError] { book.withLock { $0.misses } }

  /// Returns the unmatched requests seen so far and forgets them, so the test glue does not
  /// report them: for a test that expects a request to have no recording.
  ///
  /// ```swift
  /// await #expect(throws: (any Error).self) { try await session.data(for: unknown) }
  /// #expect(currentCassette?.takeUnmatchedRequests().count == 1)
  /// ```
  public func takeUnmatchedRequests() -> [UnmatchedRequestError] {
    book.withLock { book in
      defer { book.misses = [] }
      return book.misses
    }
  }

  /// Exchanges recorded in this run and not yet saved.
  public var recordedInteractions: [Interaction] { book.withLock { $0.recorded } }

  /// How many interactions the cassette held when this player opened it.
  public var loadedInteractionCount: Int { book.withLock { $0.playCounts.count } }

  /// The interactions the cassette held when opened that no request has played yet, with
  /// their indices in the file (none in `.all` or `.passthrough`, which never replay).
  ///
  /// ```swift
  /// let unused = player.unplayedInteractions.map(\.index)  // [3, 4]
  /// ```
  public var unplayedInteractions: [(index: Int, interaction: Interaction)] {
    guard mode != .all && mode != .passthrough else { return [] }
    return book.withLock { book in
      book.playCounts.indices.filter { book.playCounts[$0] == 0 }.map { ($0, book.interactions[$0]) }
    }
  }

  /// When the oldest interaction the cassette held at opening was recorded (`nil` when empty).
  public var oldestRecording: Date? { book.withLock { $0.interactions.map(\.recordedAt).min() } }
}
