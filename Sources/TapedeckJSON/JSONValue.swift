/// A JSON value as stored in a cassette: structure, not bytes, so diffs read well and
/// matching is semantic.
///
/// Equality is semantic: object keys are unordered and numbers compare by value
/// (`1` equals `1.0`).
///
/// ```swift
/// let body: JSONValue = ["status": "compliant", "platform": 0]
/// ```
public enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case number(JSONNumber)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  /// The value under `key` when this is an object, else `nil`.
  ///
  /// ```swift
  /// body["status"]  // .string("compliant")
  /// ```
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members[key]
  }

  /// The string payload when this is a string, else `nil`.
  public var stringValue: String? {
    guard case .string(let text) = self else { return nil }
    return text
  }

  /// A short name of the JSON type, as used in error messages ("object", "string", …).
  public var typeName: String {
    switch self {
    case .null: "null"
    case .bool: "boolean"
    case .number: "number"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    }
  }
}

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

extension JSONValue: ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
  ExpressibleByNilLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
  public init(floatLiteral value: Double) { self = .number(JSONNumber(value)) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(nilLiteral: ()) { self = .null }
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
  }
}

extension JSONValue: CustomStringConvertible {
  /// The value as compact JSON text.
  public var description: String { JSONWriter.compactString(self) }
}
