/// `TAPEDECK_RECORD` holds a value that is not a record mode.
///
/// ```swift
/// // TAPEDECK_RECORD=sometimes → "TAPEDECK_RECORD=sometimes is not a record mode; use one of …"
/// ```
public struct RecordModeError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The value found.
  public let value: String

  public var description: String {
    "TAPEDECK_RECORD=\(value) is not a record mode; use one of \(RecordMode.allModes.map(\.name).joined(separator: ", ")) (or unset it)."
  }
}
