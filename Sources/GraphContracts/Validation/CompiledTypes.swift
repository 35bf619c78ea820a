import TapedeckSupport

/// Types compiled for validation: every property (inherited and navigation ones included)
/// with its target already resolved, so validating a body does no type-name lookups.
/// Compiled on first use, once per type.
final class CompiledTypes: Sendable {
  /// What a declared type reference points at.
  enum Target: Sendable {
    case primitive(EDMPrimitiveType)
    case enumeration(CompiledEnum)
    case structured(String)
    case unknown(String)
  }

  /// An enum with its member names in a set.
  struct CompiledEnum: Sendable {
    let type: EDMEnumType
    let names: Set<String>
  }

  /// A property (or navigation property) ready to check.
  struct Member: Sendable {
    let reference: EDMTypeReference
    let target: Target
  }

  /// A structured type ready to check.
  struct Compiled: Sendable {
    let type: EDMStructuredType
    let members: [String: Member]
    let acceptsUndeclared: Bool
  }

  let model: EDMModel
  private let types = Locked<[String: Compiled]>([:])
  private let casts = Locked<[CastKey: Compiled?]>([:])
  private let targets = Locked<[String: Target]>([:])

  struct CastKey: Hashable {
    let expected: String
    let annotation: String
  }

  init(model: EDMModel) { self.model = model }

  /// The target of a type name, cached.
  func target(of typeName: String) -> Target {
    if let hit = targets.withLock({ $0[typeName] }) { return hit }
    let target = resolveTarget(typeName)
    targets.withLock { $0[typeName] = target }
    return target
  }

  private func resolveTarget(_ typeName: String) -> Target {
    if let primitive = model.primitive(named: typeName) { return .primitive(primitive) }
    if let enumeration = model.enumType(named: typeName) {
      return .enumeration(CompiledEnum(type: enumeration, names: Set(enumeration.members.map(\.name))))
    }
    if let structured = model.structuredType(named: typeName) { return .structured(structured.qualifiedName) }
    return .unknown(typeName)
  }

  func compiled(_ name: String) -> Compiled? {
    if let hit = types.withLock({ $0[name] }) { return hit }
    guard let type = model.structuredType(named: name) else { return nil }
    var members: [String: Member] = [:]
    for (key, property) in model.allProperties(of: type) {
      members[key] = Member(reference: property.type, target: target(of: property.type.typeName))
    }
    for (key, navigation) in model.allNavigationProperties(of: type) {
      members[key] = Member(reference: navigation.target, target: target(of: navigation.target.typeName))
    }
    let compiled = Compiled(
      type: type, members: members, acceptsUndeclared: model.lineage(of: type).contains { $0.isOpen || $0.isPartial })
    types.withLock { $0[name] = compiled }
    return compiled
  }

  /// The type an `@odata.type` value names when it is `expected` or derives from it
  /// (`.some(nil)` when it does not; `nil` when it names no type).
  func cast(_ annotation: String, expected: String) -> Compiled?? {
    let key = CastKey(expected: expected, annotation: annotation)
    if let hit = casts.withLock({ $0[key] }) { return .some(hit) }
    let name = annotation.hasPrefix("#") ? String(annotation.dropFirst()) : annotation
    guard let type = model.structuredType(named: name) else { return nil }
    let result = model.isType(type, derivedFrom: expected) ? compiled(type.qualifiedName) : nil
    casts.withLock { $0[key] = .some(result) }
    return .some(result)
  }
}
