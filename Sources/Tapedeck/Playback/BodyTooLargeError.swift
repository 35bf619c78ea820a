public import Foundation

/// A body above the ``BodySizeLimit``: the request fails, nothing is recorded, the cassette on
/// disk is untouched.
///
/// ```swift
/// // PATCH https://graph.microsoft.com/beta/… request body: 80 MiB is above Tapedeck's body limit of 64 MiB. …
/// ```
public struct BodyTooLargeError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
  /// Which body: `PATCH <url> request body`, `response body of GET <url>`, or a cassette place.
  public let place: String
  /// The body's size in bytes, or the bytes read before the limit was passed.
  public let size: Int
  /// Whether reading stopped at the limit, so `size` is a lower bound.
  public let isLowerBound: Bool
  /// The limit in force.
  public let limit: BodySizeLimit

  /// Creates the error.
  public init(place: String, size: Int, isLowerBound: Bool = false, limit: BodySizeLimit) {
    self.place = place
    self.size = size
    self.isLowerBound = isLowerBound
    self.limit = limit
  }

  public var description: String {
    let measured = isLowerBound ? "more than \(limit)" : BodySizeLimit.format(size)
    return
      "\(place): \(measured) is above Tapedeck's body limit of \(limit). Raise the limit with `CassettePlayer(bodySizeLimit:)` or \(BodySizeLimit.environmentVariable) (for example 256MiB) if the body is meant to be this large; otherwise check what the code sends."
  }
  public var errorDescription: String? { description }
}
