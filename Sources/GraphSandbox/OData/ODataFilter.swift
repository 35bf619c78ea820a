import Foundation
import TapedeckJSON

/// A parsed `$filter` expression, checked against a collection's ``ODataSchema`` and evaluated
/// per item: comparisons (`eq ne gt ge lt le`), `in`, `and`, `or`, `not`, parentheses, and the
/// string functions `startswith`, `endswith` and `contains`; literals as OData writes them
/// (`'text'` with `''` for a quote, numbers, `true`, `false`, `null`, unquoted DateTimeOffsets,
/// enum members as `'compliant'` or `microsoft.graph.complianceStatus'compliant'`).
struct ODataFilter: Sendable {
  indirect enum Expression: Sendable {
    case property(String)
    case literal(Literal)
    case compare(Operator, Expression, Expression)
    case member(Expression, [Expression])
    case and(Expression, Expression)
    case or(Expression, Expression)
    case not(Expression)
    case function(String, [Expression])
  }

  enum Literal: Sendable, Equatable {
    case string(String)
    case number(Double)
    case boolean(Bool)
    case dateTime(Date)
    case null
    case enumMember(type: String, member: String)
  }

  enum Operator: String, Sendable, CaseIterable {
    case eq, ne, gt, ge, lt, le

    /// The name the service's binder uses in messages.
    var kindName: String {
      switch self {
      case .eq: "Equal"
      case .ne: "NotEqual"
      case .gt: "GreaterThan"
      case .ge: "GreaterThanOrEqual"
      case .lt: "LessThan"
      case .le: "LessThanOrEqual"
      }
    }
  }

  let expression: Expression
  let schema: ODataSchema

  /// The string functions the sandbox evaluates.
  static let functions: Set<String> = ["startswith", "endswith", "contains"]

  /// Parses and type-checks `text`; throws the service's message for what it refuses.
  init(parsing text: String, schema: ODataSchema) throws(ODataQueryError) {
    var parser = ODataExpressionParser(text: text)
    let expression = try parser.parseWhole()
    try Self.check(expression, schema: schema, text: text)
    self.expression = expression
    self.schema = schema
  }

  /// Whether an item (a JSON object's members) satisfies the filter.
  func matches(_ item: [String: JSONValue]) -> Bool { truth(expression, item) }

  // MARK: - Checking

  /// The type an operand has: a property's kind, or a literal's.
  private static func typeName(of expression: ODataFilter.Expression, schema: ODataSchema) -> String? {
    switch expression {
    case .property(let name): schema.kind(of: name)?.edmName
    case .literal(.string): "Edm.String"
    case .literal(.number(let value)): value == value.rounded() ? "Edm.Int32" : "Edm.Double"
    case .literal(.boolean): "Edm.Boolean"
    case .literal(.dateTime): "Edm.DateTimeOffset"
    case .literal(.enumMember(let type, _)): type
    case .literal(.null): nil
    default: "Edm.Boolean"
    }
  }

  private static func check(_ expression: Expression, schema: ODataSchema, text: String) throws(ODataQueryError) {
    switch expression {
    case .property(let name):
      guard schema.kind(of: name) != nil else { throw .unknownProperty(name, type: schema.typeName) }
    case .literal: break
    case .and(let left, let right), .or(let left, let right):
      try check(left, schema: schema, text: text)
      try check(right, schema: schema, text: text)
    case .not(let inner): try check(inner, schema: schema, text: text)
    case .compare(let op, let left, let right):
      try check(left, schema: schema, text: text)
      try check(right, schema: schema, text: text)
      try checkOperands(left, right, kindName: op.kindName, schema: schema)
    case .member(let left, let values):
      try check(left, schema: schema, text: text)
      for value in values { try checkOperands(left, value, kindName: "In", schema: schema) }
    case .function(let name, let arguments):
      guard functions.contains(name) else { throw .unknownFunction(name) }
      guard arguments.count == 2 else {
        throw .filter("No function signature for the function with name '\(name)' matches the specified arguments.")
      }
      for argument in arguments {
        try check(argument, schema: schema, text: text)
        guard typeName(of: argument, schema: schema) == "Edm.String" else {
          throw .filter(
            "No function signature for the function with name '\(name)' matches the specified arguments. "
              + "The function signatures considered are: \(name)(Edm.String Nullable=true, Edm.String Nullable=true).")
        }
      }
    }
  }

  /// Enum properties accept a member as text or as a qualified enum literal; other types must agree.
  private static func checkOperands(_ left: Expression, _ right: Expression, kindName: String, schema: ODataSchema)
    throws(ODataQueryError)
  {
    let leftType = typeName(of: left, schema: schema)
    let rightType = typeName(of: right, schema: schema)
    guard let leftType, let rightType, leftType != rightType else { return }
    for (side, other) in [(left, right), (right, left)] {
      guard case .property(let name) = side, case .enumeration(let enumName, let members)? = schema.kind(of: name)
      else { continue }
      switch other {
      case .literal(.string(let member)), .literal(.enumMember(enumName, let member)):
        guard members.contains(member) else {
          throw .filter("The string '\(member)' is not a valid enumeration type constant.")
        }
        return
      default: break
      }
    }
    if Set([leftType, rightType]).isSubset(of: ["Edm.Int32", "Edm.Double"]) { return }
    throw .filter(
      "A binary operator with incompatible types was detected. Found operand types '\(leftType)' and "
        + "'\(rightType)' for operator kind '\(kindName)'.")
  }

  // MARK: - Evaluation

  private enum Value: Equatable {
    case text(String)
    case number(Double)
    case boolean(Bool)
    case instant(Date)
    case enumMember(Int)
    case null
  }

  private func value(_ expression: Expression, _ item: [String: JSONValue], as kind: ODataSchema.Kind?) -> Value {
    switch expression {
    case .property(let name): return value(of: item[name] ?? .null, kind: schema.kind(of: name))
    case .literal(.string(let text)), .literal(.enumMember(_, let text)):
      if case .enumeration(_, let members)? = kind, let index = members.firstIndex(of: text) {
        return .enumMember(index)
      }
      return .text(text)
    case .literal(.number(let number)): return .number(number)
    case .literal(.boolean(let flag)): return .boolean(flag)
    case .literal(.dateTime(let date)): return .instant(date)
    case .literal(.null): return .null
    default: return .boolean(truth(expression, item))
    }
  }

  private func value(of json: JSONValue, kind: ODataSchema.Kind?) -> Value {
    switch (json, kind) {
    case (.null, _): return .null
    case (.string(let text), .dateTimeOffset?): return ODataDate.parse(text).map(Value.instant) ?? .text(text)
    case (.string(let text), .enumeration(_, let members)?):
      return members.firstIndex(of: text).map(Value.enumMember) ?? .text(text)
    case (.string(let text), _): return .text(text)
    case (.number(let number), _): return .number(number.doubleValue)
    case (.bool(let flag), _): return .boolean(flag)
    default: return .null
    }
  }

  private func kind(of expression: Expression) -> ODataSchema.Kind? {
    if case .property(let name) = expression { return schema.kind(of: name) }
    return nil
  }

  private func truth(_ expression: Expression, _ item: [String: JSONValue]) -> Bool {
    switch expression {
    case .and(let left, let right): return truth(left, item) && truth(right, item)
    case .or(let left, let right): return truth(left, item) || truth(right, item)
    case .not(let inner): return !truth(inner, item)
    case .compare(let op, let left, let right):
      let kind = kind(of: left) ?? kind(of: right)
      return Self.compare(op, value(left, item, as: kind), value(right, item, as: kind))
    case .member(let left, let values):
      let kind = kind(of: left)
      let subject = value(left, item, as: kind)
      return values.contains { Self.compare(.eq, subject, value($0, item, as: kind)) }
    case .function(let name, let arguments):
      guard case .text(let haystack) = value(arguments[0], item, as: nil),
        case .text(let needle) = value(arguments[1], item, as: nil)
      else { return false }
      let (subject, part) = (haystack.lowercased(), needle.lowercased())
      switch name {
      case "startswith": return subject.hasPrefix(part)
      case "endswith": return subject.hasSuffix(part)
      default: return part.isEmpty || subject.contains(part)
      }
    case .literal(.boolean(let flag)): return flag
    case .property(let name): return item[name] == .bool(true)
    case .literal: return false
    }
  }

  /// OData comparison: `null` equals only `null` and orders against nothing; text compares
  /// without regard to case, as the service's store does.
  private static func compare(_ op: Operator, _ left: Value, _ right: Value) -> Bool {
    let order: ComparisonResult?
    switch (left, right) {
    case (.null, .null): order = .orderedSame
    case (.null, _), (_, .null): order = nil
    case (.text(let a), .text(let b)): order = a.lowercased().compare(b.lowercased())
    case (.number(let a), .number(let b)): order = a < b ? .orderedAscending : a > b ? .orderedDescending : .orderedSame
    case (.instant(let a), .instant(let b)): order = a.compare(b)
    case (.enumMember(let a), .enumMember(let b)):
      order = a < b ? .orderedAscending : a > b ? .orderedDescending : .orderedSame
    case (.boolean(let a), .boolean(let b)):
      order = a == b ? .orderedSame : (a ? .orderedDescending : .orderedAscending)
    default: order = nil
    }
    guard let order else { return op == .ne }
    switch op {
    case .eq: return order == .orderedSame
    case .ne: return order != .orderedSame
    case .gt: return order == .orderedDescending
    case .ge: return order != .orderedAscending
    case .lt: return order == .orderedAscending
    case .le: return order != .orderedDescending
    }
  }
}
