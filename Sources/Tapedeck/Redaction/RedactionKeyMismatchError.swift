/// A cassette was pseudonymized under one redaction key and this run has another, so new
/// recordings would mix two keys in one file.
///
/// ```swift
/// // Tapedeck: cassettes/x.json was pseudonymized under key hmac-sha256:1a2b…, but TAPEDECK_REDACTION_KEY gives …
/// ```
public struct RedactionKeyMismatchError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The cassette file.
  public let cassettePath: String
  /// The fingerprint stored in the cassette.
  public let recordedFingerprint: String
  /// The fingerprint of this run's key.
  public let currentFingerprint: String

  public var description: String {
    """
    Tapedeck: \(cassettePath) was pseudonymized under redaction key \(recordedFingerprint), but this run's TAPEDECK_REDACTION_KEY has fingerprint \(currentFingerprint) (or is unset). Recording more into it would mix pseudonyms of two keys.
    What to do:
      1. Set TAPEDECK_REDACTION_KEY to the key the cassette was recorded with (your team's secret store has it).
      2. Or re-record the whole cassette under the current key with `TAPEDECK_RECORD=all`.
    """
  }
}
