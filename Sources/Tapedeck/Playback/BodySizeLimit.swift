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
