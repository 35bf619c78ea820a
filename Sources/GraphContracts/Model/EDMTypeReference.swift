/// A property's or navigation property's declared type: a qualified type name, whether it is
/// a collection, and whether `null` is allowed.
///
/// ```swift
/// EDMTypeReference(parsing: "Collection(graph.deviceConfiguration)", nullable: true)
/// ```
public struct EDMTypeReference: Sendable, Hashable, CustomStringConvertible {
  /// The element type's qualified name (`Edm.String`, `microsoft.graph.complianceStatus`).
  public var typeName: String
  /// Whether the value is `Collection(…)`.
  public var isCollection: Bool
  /// Whether `null` is allowed (for a collection: as the whole value).
  public var isNullable: Bool

  /// Creates a reference.
  public init(typeName: String, isCollection: Bool = false, isNullable: Bool = true) {
    self.typeName = typeName
    self.isCollection = isCollection
    self.isNullable = isNullable
  }

  /// Parses `Name` or `Collection(Name)`.
  public init(parsing text: String, nullable: Bool = true) {
    if text.hasPrefix("Collection("), text.hasSuffix(")") {
      self.init(typeName: String(text.dropFirst(11).dropLast()), isCollection: true, isNullable: nullable)
    } else {
      self.init(typeName: text, isCollection: false, isNullable: nullable)
    }
  }

  /// The primitive type, when the element type is one.
  public var primitive: EDMPrimitiveType? { EDMPrimitiveType(qualifiedName: typeName) }

  public var description: String { isCollection ? "Collection(\(typeName))" : typeName }
}

/// A structural property.
///
/// ```swift
/// EDMProperty(name: "platform", type: EDMTypeReference(typeName: "Edm.Int32", isNullable: false))
/// ```
public struct EDMProperty: Sendable, Hashable {
  /// The property's name.
  public var name: String
  /// Its type.
  public var type: EDMTypeReference

  /// Creates a property.
  public init(name: String, type: EDMTypeReference) {
    self.name = name
    self.type = type
  }
}

/// A navigation property: a link to other entities, contained or not.
///
/// ```swift
/// EDMNavigationProperty(name: "deviceStatuses", target: EDMTypeReference(parsing: "Collection(microsoft.graph.deviceConfigurationDeviceStatus)"), containsTarget: true)
/// ```
public struct EDMNavigationProperty: Sendable, Hashable {
  /// The property's name.
  public var name: String
  /// The target entity type (and whether it is a collection).
  public var target: EDMTypeReference
  /// Whether the targets are contained (addressable only through this property).
  public var containsTarget: Bool

  /// Creates a navigation property.
  public init(name: String, target: EDMTypeReference, containsTarget: Bool = false) {
    self.name = name
    self.target = target
    self.containsTarget = containsTarget
  }
}
