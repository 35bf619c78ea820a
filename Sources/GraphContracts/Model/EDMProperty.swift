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
