/// An enum type: named members with integer values, optionally combinable as flags.
///
/// ```swift
/// let status = EDMEnumType(qualifiedName: "microsoft.graph.complianceStatus", members: [("unknown", 0), ("compliant", 2)])
/// ```
public struct EDMEnumType: Sendable, Hashable {
  /// One member.
  public struct Member: Sendable, Hashable {
    /// The member's name (what JSON carries).
    public var name: String
    /// Its value.
    public var value: Int64
  }

  /// `namespace.Name`.
  public var qualifiedName: String
  /// The members, in declaration order.
  public var members: [Member]
  /// Whether values combine (`"a,b"` in JSON).
  public var isFlags: Bool
  /// The underlying integer type (default `Edm.Int32`).
  public var underlyingType: String

  /// Creates an enum type.
  public init(
    qualifiedName: String, members: [(String, Int64)], isFlags: Bool = false, underlyingType: String = "Edm.Int32"
  ) {
    self.qualifiedName = qualifiedName
    self.members = members.map { Member(name: $0.0, value: $0.1) }
    self.isFlags = isFlags
    self.underlyingType = underlyingType
  }

  /// The unqualified name.
  public var name: String { QualifiedName.last(qualifiedName) }
}

/// An entity or complex type: properties, navigation properties, base type, abstractness.
///
/// ```swift
/// let entity = EDMStructuredType(kind: .entity, qualifiedName: "microsoft.graph.entity", isAbstract: true, key: ["id"])
/// ```
public struct EDMStructuredType: Sendable, Hashable {
  /// Entity or complex.
  public enum Kind: String, Sendable, Hashable {
    /// An entity type (has a key, addressable).
    case entity
    /// A complex type (a structured value).
    case complex
  }

  /// Entity or complex.
  public var kind: Kind
  /// `namespace.Name`.
  public var qualifiedName: String
  /// The base type's qualified name.
  public var baseType: String?
  /// Whether the type is abstract.
  public var isAbstract: Bool
  /// Whether the type is open (undeclared properties allowed).
  public var isOpen: Bool
  /// Key property names (entity types).
  public var key: [String]
  /// Declared structural properties (not inherited ones).
  public var properties: [EDMProperty]
  /// Declared navigation properties (not inherited ones).
  public var navigationProperties: [EDMNavigationProperty]
  /// Whether this definition is an excerpt: then undeclared properties are not reported.
  public var isPartial: Bool

  /// Creates a structured type.
  public init(
    kind: Kind, qualifiedName: String, baseType: String? = nil, isAbstract: Bool = false, isOpen: Bool = false,
    key: [String] = [], properties: [EDMProperty] = [], navigationProperties: [EDMNavigationProperty] = [],
    isPartial: Bool = false
  ) {
    self.kind = kind
    self.qualifiedName = qualifiedName
    self.baseType = baseType
    self.isAbstract = isAbstract
    self.isOpen = isOpen
    self.key = key
    self.properties = properties
    self.navigationProperties = navigationProperties
    self.isPartial = isPartial
  }

  /// The unqualified name.
  public var name: String { QualifiedName.last(qualifiedName) }
}

/// Entity sets and singletons: the roots of URLs.
///
/// ```swift
/// container.singletons["deviceManagement"]  // "microsoft.graph.deviceManagement"
/// ```
public struct EDMEntityContainer: Sendable, Hashable {
  /// The container's name.
  public var name: String
  /// Entity set name → entity type's qualified name.
  public var entitySets: [String: String]
  /// Singleton name → entity type's qualified name.
  public var singletons: [String: String]

  /// Creates a container.
  public init(name: String, entitySets: [String: String] = [:], singletons: [String: String] = [:]) {
    self.name = name
    self.entitySets = entitySets
    self.singletons = singletons
  }
}

/// Helpers for `namespace.Name` strings.
enum QualifiedName {
  static func last(_ name: String) -> String {
    name.lastIndex(of: ".").map { String(name[name.index(after: $0)...]) } ?? name
  }
}
