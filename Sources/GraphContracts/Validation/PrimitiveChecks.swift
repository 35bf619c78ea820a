import Tapedeck

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
    if let exact = Int64(literal) {
      if !range.contains(exact) { report(.integerOutOfRange, expected: expected, actual: literal) }
      return
    }
    guard let double = Double(literal), double == double.rounded(.towardZero) else {
      return report(.notAnInteger, expected: expected, actual: literal)
    }
    if double < Double(range.lowerBound) || double > Double(range.upperBound) {
      report(.integerOutOfRange, expected: expected, actual: literal)
    }
  }
}
