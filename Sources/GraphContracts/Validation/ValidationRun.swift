import Foundation
import Tapedeck

/// One validation pass: walks a JSON value along its declared type, keeping the JSON path as
/// a stack (turned into text only when a violation is found).
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

  var path: String {
    var text = "$"
    for step in steps {
      switch step {
      case .key(let key): text += JSONPathText.member(key)
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

  /// Checks a value against a type reference (collection or single).
  mutating func check(_ value: JSONValue, reference: EDMTypeReference) {
    if value == .null {
      if !reference.isNullable {
        report(.nullNotAllowed, expected: "a \(reference) value (not nullable)", actual: "null")
      }
      return
    }
    guard reference.isCollection else {
      check(value, against: reference.typeName, nullable: reference.isNullable)
      return
    }
    guard case .array(let elements) = value else {
      report(.wrongType, expected: "an array (\(reference))", actual: Self.show(value))
      return
    }
    for (index, element) in elements.enumerated() {
      steps.append(.index(index))
      check(element, against: reference.typeName, nullable: true)
      steps.removeLast()
    }
  }

  /// Checks a single value against a named type.
  mutating func check(_ value: JSONValue, against typeName: String, nullable: Bool) {
    if value == .null {
      if !nullable { report(.nullNotAllowed, expected: "a \(typeName) value (not nullable)", actual: "null") }
      return
    }
    let model = validator.model
    if let primitive = model.primitive(named: typeName) {
      checkPrimitive(value, primitive)
    } else if let enumeration = model.enumType(named: typeName) {
      checkEnum(value, enumeration)
    } else if validator.cache.flat(typeName) != nil {
      checkStructured(value, typeName: typeName)
    } else {
      report(.unknownType, expected: "a type the contract knows", actual: typeName)
    }
  }

  mutating func checkStructured(_ value: JSONValue, typeName: String) {
    guard case .object(let members) = value, var flat = validator.cache.flat(typeName) else {
      report(.wrongType, expected: "an object (\(QualifiedName.last(typeName)))", actual: Self.show(value))
      return
    }
    if let annotated = members["@odata.type"] {
      steps.append(.key("@odata.type"))
      if let derived = resolveODataType(annotated, expected: flat.type) { flat = derived }
      steps.removeLast()
    }
    for key in members.keys.sorted() {
      let member = members[key]!
      if key.contains("@") { continue }  // instance and property annotations
      steps.append(.key(key))
      if let property = flat.properties[key] {
        check(member, reference: property.type)
      } else if let navigation = flat.navigations[key] {
        check(member, reference: navigation.target)
      } else if !flat.acceptsUndeclared {
        let severity: Violation.Severity = kind == .request ? .error : validator.unknownPropertiesInResponses
        report(
          .unknownProperty, expected: "a property of \(flat.type.name)",
          actual: "\"\(key)\" (The property '\(key)' does not exist on type '\(flat.type.qualifiedName)')",
          severity: severity)
      }
      steps.removeLast()
    }
  }

  /// The type an `@odata.type` annotation names, when it is the expected type or derives from it.
  mutating func resolveODataType(_ annotation: JSONValue, expected: EDMStructuredType) -> FlattenedTypes.Flat? {
    guard case .string(let text) = annotation else {
      report(
        .wrongType, expected: "a type name such as \"#microsoft.graph.\(expected.name)\"", actual: Self.show(annotation)
      )
      return nil
    }
    let name = text.hasPrefix("#") ? String(text.dropFirst()) : text
    guard let flat = validator.cache.flat(name) else {
      report(
        .odataTypeMismatch, expected: "#\(expected.qualifiedName) or a type derived from it",
        actual: "\"\(text)\" (no such type)")
      return nil
    }
    guard validator.model.isType(flat.type, derivedFrom: expected.qualifiedName) else {
      report(
        .odataTypeMismatch, expected: "#\(expected.qualifiedName) or a type derived from it",
        actual: "\"\(text)\", which is not")
      return nil
    }
    return flat
  }

  mutating func checkEnum(_ value: JSONValue, _ enumeration: EDMEnumType) {
    let names = enumeration.members.map(\.name)
    let expected = "a \(enumeration.name) member (\(names.joined(separator: ", ")))"
    guard case .string(let text) = value else {
      report(.wrongType, expected: expected, actual: Self.show(value))
      return
    }
    let parts =
      enumeration.isFlags ? text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } : [text]
    if parts.isEmpty || !parts.allSatisfy({ part in names.contains(part) }) {
      report(.notEnumMember, expected: expected, actual: Self.show(value))
    }
  }

  mutating func checkCollectionAnswer(_ value: JSONValue, of typeName: String) {
    guard case .object(let members) = value else {
      report(.wrongType, expected: "an object with a \"value\" array", actual: Self.show(value))
      return
    }
    for key in members.keys.sorted() {
      steps.append(.key(key))
      let member = members[key]!
      switch key {
      case "value":
        check(member, reference: EDMTypeReference(typeName: typeName, isCollection: true, isNullable: false))
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
enum JSONPathText {
  static func member(_ key: String) -> String {
    let plain =
      !key.isEmpty
      && key.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
    return plain ? ".\(key)" : "['\(key)']"
  }
}
