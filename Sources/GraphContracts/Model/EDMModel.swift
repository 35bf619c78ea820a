/// A resolved EDM model: types by qualified name, aliases, the entity container, and any
/// references that could not be resolved (listed, never a crash).
///
/// ```swift
/// let model = try CSDLLoader.load(contentsOf: url)
/// let status = model.structuredType(named: "graph.deviceConfigurationDeviceStatus")
/// ```
public struct EDMModel: Sendable {
  /// Structured types by qualified name.
  public private(set) var structuredTypes: [String: EDMStructuredType] = [:]
  /// Enum types by qualified name.
  public private(set) var enumTypes: [String: EDMEnumType] = [:]
  /// Alias → namespace (`graph` → `microsoft.graph`).
  public private(set) var aliases: [String: String] = [:]
  /// The namespaces declared.
  public private(set) var namespaces: [String] = []
  /// The entity container (Graph has one).
  public var container: EDMEntityContainer?
  /// Type references that name no known type, after loading.
  public private(set) var unresolvedReferences: [UnresolvedReference] = []
  /// Type definitions: qualified name → underlying primitive type.
  public private(set) var typeDefinitions: [String: String] = [:]
  /// Source lines of types and properties (`type` or `type/property`), when loaded from a file.
  var lines: [String: Int] = [:]
  /// Direct subtypes by qualified base type name, sorted: built by ``resolve()`` so finding the
  /// types derived from one costs the size of its subtree, not every type times its depth.
  /// `nil` after a type is added, until the next ``resolve()``.
  private var subtypes: [String: [String]]?

  /// A reference to a type that does not exist.
  public struct UnresolvedReference: Sendable, Hashable, CustomStringConvertible {
    /// Where it appears (`microsoft.graph.x/propertyName`).
    public var location: String
    /// The name that did not resolve.
    public var typeName: String
    /// The line in the CSDL file, when known.
    public var line: Int?
    public var description: String { "\(line.map { "line \($0): " } ?? "")\(location): no type \(typeName)" }
  }

  /// An empty model.
  public init() {}

  /// Declares a namespace and its optional alias.
  public mutating func addNamespace(_ namespace: String, alias: String?) {
    if !namespaces.contains(namespace) { namespaces.append(namespace) }
    if let alias { aliases[alias] = namespace }
  }

  /// Adds (or replaces) a structured type; type names inside are normalized when the model is resolved.
  public mutating func add(_ type: EDMStructuredType) {
    structuredTypes[type.qualifiedName] = type
    subtypes = nil
  }

  /// Adds (or replaces) an enum type.
  public mutating func add(_ type: EDMEnumType) { enumTypes[type.qualifiedName] = type }

  /// Declares a type definition (a named primitive type).
  public mutating func addTypeDefinition(_ qualifiedName: String, underlying: String) {
    typeDefinitions[qualifiedName] = underlying
  }

  mutating func recordLine(_ line: Int, for location: String) { lines[location] = line }

  /// The primitive type behind a name: `Edm.…` directly, or through a type definition.
  public func primitive(named name: String) -> EDMPrimitiveType? {
    EDMPrimitiveType(qualifiedName: name)
      ?? typeDefinitions[qualified(name)].flatMap(EDMPrimitiveType.init(qualifiedName:))
  }

  /// Replaces aliases by namespaces everywhere and lists references that do not resolve.
  public mutating func resolve() {
    var unresolved: [UnresolvedReference] = []
    let lines = self.lines
    func check(_ name: String, at location: String, lineKey: String) -> String {
      let full = qualified(name)
      if EDMPrimitiveType(qualifiedName: full) == nil, structuredTypes[full] == nil, enumTypes[full] == nil,
        typeDefinitions[full] == nil
      {
        unresolved.append(UnresolvedReference(location: location, typeName: name, line: lines[lineKey]))
      }
      return full
    }
    // Two passes: qualify names first, then check them against the qualified table.
    var normalized: [String: EDMStructuredType] = [:]
    for (_, var type) in structuredTypes {
      type.baseType = type.baseType.map(qualified)
      type.properties = type.properties.map { property in
        var copy = property
        copy.type.typeName = qualified(property.type.typeName)
        return copy
      }
      type.navigationProperties = type.navigationProperties.map { navigation in
        var copy = navigation
        copy.target.typeName = qualified(navigation.target.typeName)
        return copy
      }
      normalized[type.qualifiedName] = type
    }
    structuredTypes = normalized
    for type in structuredTypes.values.sorted(by: { $0.qualifiedName < $1.qualifiedName }) {
      if let base = type.baseType {
        _ = check(base, at: "\(type.qualifiedName) (base type)", lineKey: type.qualifiedName)
      }
      for property in type.properties {
        let location = "\(type.qualifiedName)/\(property.name)"
        _ = check(property.type.typeName, at: location, lineKey: location)
      }
      for navigation in type.navigationProperties {
        let location = "\(type.qualifiedName)/\(navigation.name)"
        _ = check(navigation.target.typeName, at: location, lineKey: location)
      }
    }
    if var container {
      container.entitySets = container.entitySets.mapValues {
        check($0, at: "\(container.name) entity set", lineKey: "")
      }
      container.singletons = container.singletons.mapValues {
        check($0, at: "\(container.name) singleton", lineKey: "")
      }
      self.container = container
    }
    unresolvedReferences = unresolved
    subtypes = Self.subtypeIndex(of: structuredTypes)
  }

  /// Direct subtypes of every base type, each list sorted by name.
  static func subtypeIndex(of types: [String: EDMStructuredType]) -> [String: [String]] {
    var index: [String: [String]] = [:]
    for type in types.values {
      if let base = type.baseType { index[base, default: []].append(type.qualifiedName) }
    }
    return index.mapValues { $0.sorted() }
  }

  /// The first `BaseType` cycle, as the types on it in order (`[a, b]` for a → b → a), or `nil`.
  /// Linear: every type is walked once.
  func baseTypeCycle() -> [String]? {
    var done: Set<String> = []
    for start in structuredTypes.keys.sorted() where !done.contains(start) {
      var path: [String] = []
      var onPath: [String: Int] = [:]
      var current: String? = start
      while let name = current, !done.contains(name), let type = structuredTypes[name] {
        if let index = onPath[name] { return Array(path[index...]) }
        onPath[name] = path.count
        path.append(name)
        current = type.baseType
      }
      done.formUnion(path)
    }
    return nil
  }

  /// A name with its alias replaced by the namespace (`graph.x` → `microsoft.graph.x`).
  public func qualified(_ name: String) -> String {
    guard let dot = name.lastIndex(of: ".") else { return name }
    let prefix = String(name[..<dot])
    guard let namespace = aliases[prefix] else { return name }
    return namespace + name[dot...]
  }

  /// The structured type with this name (qualified, aliased, or unqualified in a known namespace).
  public func structuredType(named name: String) -> EDMStructuredType? {
    let trimmed = name.hasPrefix("#") ? String(name.dropFirst()) : name
    if let type = structuredTypes[qualified(trimmed)] { return type }
    for namespace in namespaces { if let type = structuredTypes["\(namespace).\(trimmed)"] { return type } }
    return nil
  }

  /// The enum type with this name (qualified, aliased, or unqualified in a known namespace).
  public func enumType(named name: String) -> EDMEnumType? {
    if let type = enumTypes[qualified(name)] { return type }
    for namespace in namespaces { if let type = enumTypes["\(namespace).\(name)"] { return type } }
    return nil
  }

  /// The type and its base types, most derived first (stops on a cycle or a missing base).
  public func lineage(of type: EDMStructuredType) -> [EDMStructuredType] {
    var chain = [type]
    var seen: Set<String> = [type.qualifiedName]
    var current = type
    while let base = current.baseType, let next = structuredTypes[base], seen.insert(next.qualifiedName).inserted {
      chain.append(next)
      current = next
    }
    return chain
  }

  /// Every structural property, inherited ones included, by name.
  public func allProperties(of type: EDMStructuredType) -> [String: EDMProperty] {
    var result: [String: EDMProperty] = [:]
    for ancestor in lineage(of: type).reversed() {
      for property in ancestor.properties { result[property.name] = property }
    }
    return result
  }

  /// Every navigation property, inherited ones included, by name.
  public func allNavigationProperties(of type: EDMStructuredType) -> [String: EDMNavigationProperty] {
    var result: [String: EDMNavigationProperty] = [:]
    for ancestor in lineage(of: type).reversed() {
      for navigation in ancestor.navigationProperties { result[navigation.name] = navigation }
    }
    return result
  }

  /// Whether some type in the lineage of `type` is partial (an excerpt).
  public func isPartial(_ type: EDMStructuredType) -> Bool { lineage(of: type).contains { $0.isPartial } }

  /// Whether `type` is `ancestor` or derives from it.
  public func isType(_ type: EDMStructuredType, derivedFrom ancestor: String) -> Bool {
    let target = qualified(ancestor)
    return lineage(of: type).contains { $0.qualifiedName == target }
  }

  /// Types that derive (directly or not) from `ancestor`, sorted by name.
  ///
  /// Costs the size of the answer on a resolved model (one pass over all types otherwise),
  /// whatever the depth of inheritance.
  public func derivedTypes(of ancestor: String) -> [EDMStructuredType] {
    let index = subtypes ?? Self.subtypeIndex(of: structuredTypes)
    let root = qualified(ancestor)
    var found: Set<String> = []
    var pending = index[root] ?? []
    while let name = pending.popLast() {
      guard name != root, found.insert(name).inserted else { continue }
      pending.append(contentsOf: index[name] ?? [])
    }
    return found.sorted().compactMap { structuredTypes[$0] }
  }
}
