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
