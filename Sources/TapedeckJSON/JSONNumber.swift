/// A JSON number that keeps its literal, so a re-encoded cassette keeps the digits it had.
///
/// Two numbers are equal when their literals are equal or their values are.
///
/// ```swift
/// JSONNumber(42).literal  // "42"
/// ```
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
  /// The number as written in JSON.
  public let literal: String
  /// The number's value as a `Double` (large integers lose precision here, never in `literal`).
  public let doubleValue: Double

  /// Wraps a literal that is already valid JSON number syntax.
  package init(validLiteral literal: String) {
    self.literal = literal
    self.doubleValue = Double(literal) ?? .nan
  }

  /// A number from JSON number text (`"8.5"`, `"2147483648"`, `"1e3"`); `nil` when the text is
  /// not a JSON number. The literal is kept as written.
  ///
  /// ```swift
  /// JSONNumber(literal: "8.5")?.doubleValue  // 8.5
  /// ```
  public init?(literal: String) {
    guard case .number(let number)? = try? JSONParser.parse(literal) else { return nil }
    self = number
  }

  /// An integer number.
  public init(_ value: Int) {
    self.literal = String(value)
    self.doubleValue = Double(value)
  }

  /// A floating-point number; non-finite values are not JSON and become `0`.
  public init(_ value: Double) {
    if !value.isFinite {
      self.init(0)
    } else if value == value.rounded(), abs(value) < 1e15 {
      self.init(Int(value))
    } else {
      self.init(validLiteral: "\(value)")
    }
  }

  public var description: String { literal }

  public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
    lhs.literal == rhs.literal || lhs.doubleValue == rhs.doubleValue
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(doubleValue)
  }
}
