import TapedeckJSON

extension ValidationRun {
  /// Checks a JSON value against an EDM primitive type in OData JSON form.
  mutating func checkPrimitive(_ value: JSONValue, _ primitive: EDMPrimitiveType) {
    let name = primitive.rawValue
    switch primitive {
    case .string:
      guard case .string = value else {
        return report(.wrongType, expected: "a string (\(name))", actual: Self.show(value))
      }
    case .boolean:
      guard case .bool = value else {
        return report(.wrongType, expected: "true or false (\(name))", actual: Self.show(value))
      }
    case .byte, .sbyte, .int16, .int32, .int64:
      checkInteger(value, primitive)
    case .single, .double, .decimal:
      switch value {
      case .number: break
      case .string(let text) where ["INF", "-INF", "NaN"].contains(text) && primitive != .decimal: break
      case .string(let text) where Double(text) != nil: break  // IEEE754Compatible=true
      default: report(.wrongType, expected: "a number (\(name))", actual: Self.show(value))
      }
    case .guid:
      checkString(value, name, .invalidGuid, "a GUID like 00000000-0000-0000-0000-000000000000", ODataLiterals.isGuid)
    case .date:
      checkString(value, name, .invalidDate, "a date YYYY-MM-DD", ODataLiterals.isDate)
    case .timeOfDay:
      checkString(value, name, .invalidTimeOfDay, "a time hh:mm[:ss[.fffffff]]", ODataLiterals.isTimeOfDay)
    case .dateTimeOffset:
      checkString(
        value, name, .invalidDateTimeOffset,
        "a DateTimeOffset YYYY-MM-DDThh:mm[:ss[.f{1,12}]] with Z or ±hh:mm", ODataLiterals.isDateTimeOffset)
    case .duration:
      checkString(value, name, .invalidDuration, "an ISO 8601 duration such as P1DT2H", ODataLiterals.isDuration)
    case .binary:
      checkString(value, name, .invalidBinary, "base64url data", ODataLiterals.isBinary)
    case .stream, .untyped, .primitiveType, .geography, .geographyPoint:
      break
    }
  }

  mutating func checkString(
    _ value: JSONValue, _ typeName: String, _ rule: Violation.Rule, _ expected: String, _ isValid: (String) -> Bool
  ) {
    guard case .string(let text) = value else {
      return report(.wrongType, expected: "a string (\(typeName))", actual: Self.show(value))
    }
    if !isValid(text) { report(rule, expected: expected, actual: Self.show(value)) }
  }

  mutating func checkInteger(_ value: JSONValue, _ primitive: EDMPrimitiveType) {
    let range = primitive.integerRange!
    let expected = "an integer in \(range.lowerBound)…\(range.upperBound) (\(primitive.rawValue))"
    let literal: String
    switch value {
    case .number(let number): literal = number.literal
    case .string(let text) where primitive == .int64 && Int64(text) != nil: literal = text  // IEEE754Compatible=true
    default: return report(.wrongType, expected: expected, actual: Self.show(value))
    }
    // The common case, a plain integer literal, is exact as it is.
    if let exact = Int64(literal) {
      if !range.contains(exact) { report(.integerOutOfRange, expected: expected, actual: literal) }
      return
    }
    switch Self.exactInteger(literal) {
    case .integer(let exact) where range.contains(exact): break
    case .integer, .beyondInt64: report(.integerOutOfRange, expected: expected, actual: literal)
    case .notAnInteger: report(.notAnInteger, expected: expected, actual: literal)
    }
  }

  /// What a JSON number literal is, decided on its decimal digits (never through `Double`, which
  /// turns `1e-400` into `0` and `2147483647.0000000001` into `2147483647`).
  enum ExactInteger: Equatable {
    case integer(Int64)
    /// A whole number, but outside the 64-bit range.
    case beyondInt64
    case notAnInteger
  }

  /// `1` → `.integer(1)`, `1.0` and `1e3` → integers, `1.5` and `1e-400` → `.notAnInteger`.
  static func exactInteger(_ literal: String) -> ExactInteger {
    var text = Substring(literal)
    let negative = text.first == "-"
    if negative { text = text.dropFirst() }
    let mantissaEnd = text.firstIndex { $0 == "e" || $0 == "E" } ?? text.endIndex
    var exponent = 0
    if mantissaEnd < text.endIndex {
      var exponentText = text[text.index(after: mantissaEnd)...]
      let exponentNegative = exponentText.first == "-"
      if exponentText.first == "-" || exponentText.first == "+" { exponentText = exponentText.dropFirst() }
      guard !exponentText.isEmpty, exponentText.allSatisfy(\.isASCIIDigit) else { return .notAnInteger }
      // Past a million digits either way the answer no longer depends on the exact exponent.
      let magnitude = Int(exponentText.drop { $0 == "0" }.prefix(8)) ?? 0
      exponent = exponentNegative ? -min(magnitude, 1_000_000) : min(magnitude, 1_000_000)
    }
    let mantissa = text[..<mantissaEnd]
    let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit) else { return .notAnInteger }
    let fraction = parts.count == 2 ? parts[1] : ""
    guard parts.count == 1 || (!fraction.isEmpty && fraction.allSatisfy(\.isASCIIDigit)) else { return .notAnInteger }
    // The value is digits × 10^scale.
    var digits = Substring(String(whole) + fraction).drop { $0 == "0" }
    var scale = exponent - fraction.count
    if digits.isEmpty { return .integer(0) }
    while digits.last == "0" {
      digits = digits.dropLast()
      scale += 1
    }
    guard scale >= 0 else { return .notAnInteger }
    guard digits.count + scale <= 19 else { return .beyondInt64 }
    let text19 = (negative ? "-" : "") + digits + String(repeating: "0", count: scale)
    return Int64(text19).map(ExactInteger.integer) ?? .beyondInt64
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
