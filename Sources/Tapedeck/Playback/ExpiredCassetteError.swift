public import Foundation

/// A cassette is older than the limit (`maxAge`, `TAPEDECK_MAX_AGE`) and the record mode does
/// not let it be re-recorded here.
///
/// ```swift
/// // Tapedeck: cassettes/StatusTests/patch.json is 120 days old (oldest interaction recorded 2026-08-03T10:00:00Z); …
/// ```
public struct ExpiredCassetteError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The cassette file.
  public let cassettePath: String
  /// When its oldest interaction was recorded.
  public let oldestRecording: Date
  /// The limit it passed.
  public let limit: CassetteAge
  /// The record mode of the test.
  public let mode: RecordMode
  /// When the check ran.
  public let now: Date

  /// An error for a cassette whose oldest interaction was recorded at `oldestRecording`.
  public init(cassettePath: String, oldestRecording: Date, limit: CassetteAge, mode: RecordMode, now: Date = Date()) {
    self.cassettePath = cassettePath
    self.oldestRecording = oldestRecording
    self.limit = limit
    self.mode = mode
    self.now = now
  }

  public var description: String {
    let days = CassetteAge.days(since: oldestRecording, now: now)
    return """
      Tapedeck: \(cassettePath) is \(days) day\(days == 1 ? "" : "s") old (oldest interaction recorded \(Timestamp.format(oldestRecording))); the limit is \(limit) (maxAge or TAPEDECK_MAX_AGE), and record mode \(mode) does not re-record it.
        What to do:
          1. Re-record it against a tenant or the sandbox: run the test with TAPEDECK_RECORD=all (or TAPEDECK_RECORD=once with TAPEDECK_EXPIRED=rerecord), then commit the file.
          2. Or check it for drift first: tapedeck drift \(cassettePath) --against URL.
          3. Or raise the limit.
      """
  }
}
