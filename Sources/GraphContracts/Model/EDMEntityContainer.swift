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
