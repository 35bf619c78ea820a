import Foundation
import TapedeckJSON

/// One validation pass: walks a JSON value along its compiled type, keeping the JSON path as
/// a stack that becomes text only when a violation is found.
struct ValidationRun {
  enum Step {
    case key(String)
    case index(Int)
  }

  let validator: ContractValidator
  let kind: ContractValidator.BodyKind
  var violations: [Violation] = []
  var steps: [Step] = []

  init(validator: ContractValidator, kind: ContractValidator.BodyKind) {
    self.validator = validator
    self.kind = kind
  }

  /// The violations in path order (object members are visited in hash order).
  var finished: [Violation] { violations.count > 1 ? violations.sorted { $0.path < $1.path } : violations }

  var path: String {
    var text = "$"
    for step in steps {
      switch step {
      case .key(let key): text += JSONPath.member(key)
      case .index(let index): text += "[\(index)]"
      }
    }
    return text
  }

  mutating func report(_ rule: Violation.Rule, expected: String, actual: String, severity: Violation.Severity = .error)
  {
    violations.append(Violation(path: path, rule: rule, expected: expected, actual: actual, severity: severity))
  }

  static func show(_ value: JSONValue) -> String {
    let text = JSONWriter.compactString(value)
    return text.count > 120 ? String(text.prefix(120)) + "…" : text
  }

  /// Checks a value against a declared member (collection or single).
  mutating func check(_ value: JSONValue, member: CompiledTypes.Member) {
    let reference = member.reference
    if case .null = value {
      if !reference.isNullable {
        report(.nullNotAllowed, expected: "a \(reference) value (not nullable)", actual: "null")
      }
      return
    }
    guard reference.isCollection else { return checkSingle(value, member.target) }
    guard case .array(let elements) = value else {
      return report(.wrongType, expected: "an array (\(reference))", actual: Self.show(value))
    }
    for (index, element) in elements.enumerated() {
      steps.append(.index(index))
      if case .null = element {} else { checkSingle(element, member.target) }
      steps.removeLast()
    }
  }

  mutating func checkSingle(_ value: JSONValue, _ target: CompiledTypes.Target) {
    switch target {
    case .primitive(let primitive): checkPrimitive(value, primitive)
    case .enumeration(let enumeration): checkEnum(value, enumeration)
    case .structured(let name): checkStructured(value, typeName: name)
    case .unknown(let name): report(.unknownType, expected: "a type the contract knows", actual: name)
    }
  }

  mutating func checkStructured(_ value: JSONValue, typeName: String) {
    guard case .object(let members) = value, var compiled = validator.compiled.compiled(typeName) else {
      return report(.wrongType, expected: "an object (\(QualifiedName.last(typeName)))", actual: Self.show(value))
    }
    if let annotation = members["@odata.type"] {
      steps.append(.key("@odata.type"))
      if let cast = checkODataType(annotation, expected: compiled.type) { compiled = cast }
      steps.removeLast()
    }
    for (key, member) in members {
      if let declared = compiled.members[key] {
        steps.append(.key(key))
        check(member, member: declared)
        steps.removeLast()
      } else if !compiled.acceptsUndeclared, !key.utf8.contains(UInt8(ascii: "@")) {
        steps.append(.key(key))
        let severity: Violation.Severity = kind == .request ? .error : validator.unknownPropertiesInResponses
        report(
          .unknownProperty, expected: "a property of \(compiled.type.name)",
          actual: "\"\(key)\" (The property '\(key)' does not exist on type '\(compiled.type.qualifiedName)')",
          severity: severity)
        steps.removeLast()
      }
    }
  }

  /// The type an `@odata.type` annotation names, when it is the expected type or derives from it.
  mutating func checkODataType(_ annotation: JSONValue, expected: EDMStructuredType) -> CompiledTypes.Compiled? {
    let wanted = "#\(expected.qualifiedName) or a type derived from it"
    guard case .string(let text) = annotation else {
      report(.wrongType, expected: wanted, actual: Self.show(annotation))
      return nil
    }
    switch validator.compiled.cast(text, expected: expected.qualifiedName) {
    case .none: report(.odataTypeMismatch, expected: wanted, actual: "\"\(text)\" (no such type)")
    case .some(.none): report(.odataTypeMismatch, expected: wanted, actual: "\"\(text)\", which is not")
    case .some(.some(let cast)): return cast
    }
    return nil
  }

  mutating func checkEnum(_ value: JSONValue, _ enumeration: CompiledTypes.CompiledEnum) {
    if case .string(let text) = value {
      if enumeration.names.contains(text) { return }
      if enumeration.type.isFlags {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if !parts.isEmpty, parts.allSatisfy(enumeration.names.contains) { return }
      }
    }
    let expected = "a \(enumeration.type.name) member (\(enumeration.type.members.map(\.name).joined(separator: ", ")))"
    if case .string = value {
      report(.notEnumMember, expected: expected, actual: Self.show(value))
    } else {
      report(.wrongType, expected: expected, actual: Self.show(value))
    }
  }

  mutating func checkCollectionAnswer(_ value: JSONValue, of typeName: String) {
    guard case .object(let members) = value else {
      return report(.wrongType, expected: "an object with a \"value\" array", actual: Self.show(value))
    }
    let items = CompiledTypes.Member(
      reference: EDMTypeReference(typeName: typeName, isCollection: true, isNullable: false),
      target: validator.compiled.target(of: typeName))
    for (key, member) in members {
      steps.append(.key(key))
      switch key {
      case "value": check(member, member: items)
      case "@odata.count": checkPrimitive(member, .int64)
      case "@odata.nextLink", "@odata.deltaLink", "@odata.context":
        if case .string = member {} else { report(.wrongType, expected: "a URL string", actual: Self.show(member)) }
      default:
        if !key.contains("@") {
          report(.unknownProperty, expected: "\"value\" and annotations", actual: "\"\(key)\"", severity: .warning)
        }
      }
      steps.removeLast()
    }
    if members["value"] == nil { report(.wrongType, expected: "a \"value\" array", actual: "no \"value\" member") }
  }
}

/// Formats one JSON path member: `.name` when plain, `['odd key']` otherwise.
