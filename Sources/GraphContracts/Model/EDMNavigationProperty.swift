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
