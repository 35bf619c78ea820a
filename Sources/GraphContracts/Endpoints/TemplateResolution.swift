/// What a template (or a concrete path) addresses in a model: the entity type it updates, or
/// why it does not resolve.
///
/// ```swift
/// let resolution = TemplateResolution.resolve(template.segments, in: BuiltInContracts.model(for: .beta))
/// resolution.targetType  // "microsoft.graph.deviceConfigurationDeviceStatus"
/// ```
public struct TemplateResolution: Sendable, Hashable {
  /// The type the path ends on (entity or collection element).
  public let targetType: String?
  /// Whether the path addresses a single entity (so a PATCH updates it).
  public let isEntity: Bool
  /// Why the path does not resolve, or does not address an entity; `nil` when it is a valid entity path.
  public let problem: String?

  /// Whether the path is a valid single-entity address.
  public var resolves: Bool { problem == nil }

  /// Walks the segments through the model: singletons and entity sets, navigation properties
  /// (inherited ones included), keys, and type-cast segments.
  public static func resolve(_ segments: [EndpointTemplate.Segment], in model: EDMModel) -> TemplateResolution {
    func failure(_ text: String, type: String? = nil) -> TemplateResolution {
      TemplateResolution(targetType: type, isEntity: false, problem: text)
    }
    guard case .literal(let root)? = segments.first else {
      return failure("the path does not start with a singleton or entity set")
    }
    var typeName: String
    var isCollection: Bool
    if let singleton = model.container?.singletons[root] {
      typeName = singleton
      isCollection = false
    } else if let entitySet = model.container?.entitySets[root] {
      typeName = entitySet
      isCollection = true
    } else {
      return failure("`\(root)` is neither a singleton nor an entity set")
    }
    for segment in segments.dropFirst() {
      switch segment {
      case .parameter(let name):
        guard isCollection else {
          return failure(
            "the key `{\(name)}` follows `\(QualifiedName.last(typeName))`, which is not a collection", type: typeName)
        }
        isCollection = false
      case .literal(let name) where name.contains("."):
        guard let cast = model.structuredType(named: name) else {
          return failure("the type-cast segment `\(name)` names no type")
        }
        guard let current = model.structuredType(named: typeName),
          model.isType(cast, derivedFrom: current.qualifiedName)
        else {
          return failure("`\(name)` does not derive from \(QualifiedName.last(typeName)), so it cannot cast it")
        }
        typeName = cast.qualifiedName
      case .literal(let name):
        guard !isCollection else {
          return failure(
            "`\(name)` follows a collection of \(QualifiedName.last(typeName)) without a key", type: typeName)
        }
        guard let current = model.structuredType(named: typeName) else { return failure("no type \(typeName)") }
        guard let navigation = model.allNavigationProperties(of: current)[name] else {
          let declaring = model.derivedTypes(of: current.qualifiedName).filter { type in
            type.navigationProperties.contains { $0.name == name }
          }
          if declaring.isEmpty {
            return failure("\(current.name) has no navigation property `\(name)`", type: typeName)
          }
          let names = declaring.map(\.name).joined(separator: ", ")
          return failure(
            "`\(name)` is declared only on types derived from \(current.name) (\(names)): the path needs a type-cast segment such as `microsoft.graph.\(declaring[0].name)/\(name)`",
            type: typeName)
        }
        typeName = navigation.target.typeName
        isCollection = navigation.target.isCollection
      }
    }
    if isCollection {
      return TemplateResolution(
        targetType: typeName, isEntity: false,
        problem:
          "the path addresses a collection of \(QualifiedName.last(typeName)); a PATCH on a collection is not an entity update"
      )
    }
    return TemplateResolution(targetType: typeName, isEntity: true, problem: nil)
  }
}
