public import Foundation

/// The largest request or response body Tapedeck records, replays or loads: 64 MiB unless
/// changed, through ``CassettePlayer``'s `bodySizeLimit:` or `TAPEDECK_MAX_BODY_BYTES`.
///
/// A body above the limit fails its request with ``BodyTooLargeError`` instead of filling memory
/// or writing a cassette nobody can review.
///
/// ```swift
/// let player = try CassettePlayer(cassette: "exports/large", bodySizeLimit: BodySizeLimit(bytes: 256 << 20))
/// ```
public struct BodySizeLimit: Sendable, Hashable, CustomStringConvertible {
  /// The limit in bytes.
  public let bytes: Int

  /// 64 MiB.
  public static let `default` = BodySizeLimit(bytes: 64 << 20)

  /// The environment variable that sets the limit: bytes, or a number with `KiB`, `MiB` or `GiB`.
  public static let environmentVariable = "TAPEDECK_MAX_BODY_BYTES"

  /// A limit of `bytes` (at least 1).
  public init(bytes: Int) { self.bytes = max(1, bytes) }

  /// The limit set by `TAPEDECK_MAX_BODY_BYTES`, or ``default`` when it is unset.
  ///
  /// - Throws: ``BodySizeLimitError`` when the variable is set but is not a positive size.
  public static func fromEnvironment(
    _ environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(BodySizeLimitError) -> BodySizeLimit {
    guard let text = environment[environmentVariable], !text.isEmpty else { return .default }
    guard let bytes = parse(text) else { throw BodySizeLimitError(value: text) }
    return BodySizeLimit(bytes: bytes)
  }

  static func parse(_ text: String) -> Int? {
    let units: [(suffix: String, shift: Int)] = [("GiB", 30), ("MiB", 20), ("KiB", 10), ("B", 0), ("", 0)]
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    for unit in units where trimmed.hasSuffix(unit.suffix) {
      let number = trimmed.dropLast(unit.suffix.count).trimmingCharacters(in: .whitespaces)
      guard let value = Int(number), value > 0, value <= (Int.max >> unit.shift) else { return nil }
      return value << unit.shift
    }
    return nil
  }

  /// Whether `count` bytes are more than the limit allows.
  public func isExceeded(by count: Int) -> Bool { count > bytes }

  public var description: String { Self.format(bytes) }

  /// `64 MiB`, `1.5 KiB`, `12 bytes`.
  static func format(_ count: Int) -> String {
    let units: [(name: String, size: Double)] = [("GiB", 1_073_741_824), ("MiB", 1_048_576), ("KiB", 1024)]
    for unit in units where Double(count) >= unit.size {
      let value = Double(count) / unit.size
      let rounded = (value * 10).rounded() / 10
      return rounded == rounded.rounded() ? "\(Int(rounded)) \(unit.name)" : "\(rounded) \(unit.name)"
    }
    return count == 1 ? "1 byte" : "\(count) bytes"
  }
}

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
