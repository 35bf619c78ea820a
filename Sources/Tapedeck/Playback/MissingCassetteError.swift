public import Foundation
import HTTPTypes

/// A cassette that does not exist while the record mode forbids recording.
///
/// ```swift
/// // "Cassette cassettes/a.json does not exist and record mode .never (from the default under CI) …"
/// ```
public struct MissingCassetteError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
  /// The file that was looked for.
  public let cassettePath: String
  /// The record mode.
  public let mode: RecordMode
  /// Where the mode came from.
  public let modeOrigin: String

  public var errorDescription: String? { description }

  public var description: String {
    """
    Tapedeck: cassette \(cassettePath) does not exist, and record mode \(mode) (from \(modeOrigin)) does not record.
    What to do:
      1. Run the test once with `TAPEDECK_RECORD=once` against a live service (or the sandbox) to record it, then commit the file.
      2. If the file should exist, check the cassette name and TAPEDECK_CASSETTES.
    """
  }
}
