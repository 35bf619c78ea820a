public import Foundation

/// `TAPEDECK_RECORDING_VIEW` holds a value that is not a recording view.
///
/// ```swift
/// // TAPEDECK_RECORDING_VIEW=raw → "TAPEDECK_RECORDING_VIEW=raw is not a recording view; use as-replayed or live (or unset it)."
/// ```
public struct RecordingViewError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
  /// The value found.
  public let value: String

  public var description: String {
    "TAPEDECK_RECORDING_VIEW=\(value) is not a recording view; use as-replayed or live (or unset it)."
  }
  public var errorDescription: String? { description }
}
