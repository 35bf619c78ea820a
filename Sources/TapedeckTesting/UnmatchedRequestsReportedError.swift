/// The test stopped because of requests with no recording, and each was already reported as a
/// failure with its whole story; this error only ends the test.
///
/// ```swift
/// // 1 request had no recording in cassettes/StatusTests/patch.json (reported above).
/// ```
public struct UnmatchedRequestsReportedError: Error, Sendable, CustomStringConvertible {
  /// How many requests had no recording.
  public let count: Int
  /// The cassette file.
  public let cassettePath: String

  public var description: String {
    "\(count) request\(count == 1 ? "" : "s") had no recording in \(cassettePath) (reported above)."
  }
}
