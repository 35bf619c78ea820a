public import HTTPTypes

/// While recording, a request carried a pseudonym that this recording never handed out, so
/// its real value is unknown; Tapedeck refused to send a pseudonym to the live service.
///
/// ```swift
/// // Tapedeck did not send PATCH https://graph.microsoft.com/beta/…/user-1f…: …
/// ```
public struct UnmappedPseudonymError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The request's method.
  public let method: HTTPRequest.Method
  /// The request's URL, as the client sent it.
  public let url: String
  /// The pseudonym that has no real value in this recording.
  public let pseudonym: String
  /// Where it was: `URL`, `URL query`, `header <name>` or `body`.
  public let place: String
  /// The cassette being recorded.
  public let cassettePath: String

  public var description: String {
    """
    Tapedeck did not send \(method.rawValue) \(url): its \(place) carries the pseudonym \(pseudonym), which this \
    recording never handed out, so its real value is unknown and a pseudonym must not reach the live service.
      Read the value from an answer earlier in the same test (list, then act on an item), or pass the real \
    value from your configuration. To hand the test live values instead, record with recordingView: .live \
    (TAPEDECK_RECORDING_VIEW=live); its assertions on scrubbed values will then differ on replay.
      Cassette: \(cassettePath)
    """
  }
}
