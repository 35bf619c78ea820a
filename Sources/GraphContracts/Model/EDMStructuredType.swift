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
