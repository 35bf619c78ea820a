/// A test passed but left interactions of its cassette unplayed, and unused interactions fail
/// (`failsOnUnusedInteractions`, `TAPEDECK_UNUSED_INTERACTIONS=fail`).
///
/// ```swift
/// // Tapedeck: 2 of 3 interactions in cassettes/StatusTests/patch.json were never played by this test: …
/// ```
public struct UnusedInteractionsError: Error, Sendable, Hashable, CustomStringConvertible {
  /// One interaction that was never played.
  public struct Unplayed: Sendable, Hashable {
    /// Its index in the cassette file.
    public let index: Int
    /// Its request's method.
    public let method: String
    /// Its request's URL (as stored: scrubbed).
    public let url: String
  }

  /// The cassette file.
  public let cassettePath: String
  /// How many interactions the cassette held.
  public let interactionCount: Int
  /// The interactions the test never played, in file order.
  public let unplayed: [Unplayed]

  init(cassettePath: String, interactionCount: Int, unplayed: [(Int, String, String)]) {
    self.cassettePath = cassettePath
    self.interactionCount = interactionCount
    self.unplayed = unplayed.map { Unplayed(index: $0.0, method: $0.1, url: $0.2) }
  }

  public var description: String {
    var lines = [
      "Tapedeck: \(unplayed.count) of \(interactionCount) interaction\(interactionCount == 1 ? "" : "s") in \(cassettePath) \(unplayed.count == 1 ? "was" : "were") never played by this test:"
    ]
    for entry in unplayed.prefix(20) { lines.append("  #\(entry.index) \(entry.method) \(entry.url)") }
    if unplayed.count > 20 { lines.append("  … and \(unplayed.count - 20) more") }
    lines.append(
      "  Re-record the cassette so it holds only what the test sends (TAPEDECK_RECORD=all), or allow unused interactions (failsOnUnusedInteractions: false, or unset TAPEDECK_UNUSED_INTERACTIONS)."
    )
    return lines.joined(separator: "\n")
  }
}
