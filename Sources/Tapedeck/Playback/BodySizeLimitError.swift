public import Foundation

/// `TAPEDECK_MAX_BODY_BYTES` is set to something that is not a size.
///
/// ```swift
/// // TAPEDECK_MAX_BODY_BYTES="lots" is not a size: use bytes (67108864) or KiB, MiB, GiB (64MiB).
/// ```
public struct BodySizeLimitError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
  /// The value found.
  public let value: String

  public var description: String {
    "\(BodySizeLimit.environmentVariable)=\"\(value)\" is not a size: use a positive number of bytes (67108864) or one with KiB, MiB or GiB (64MiB), or unset it for the default of \(BodySizeLimit.default)."
  }
  public var errorDescription: String? { description }
}
