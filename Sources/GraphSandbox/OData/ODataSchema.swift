import GraphContracts

/// The properties of the entity type a collection holds, as `$filter`, `$select` and
/// `$orderby` see them: a name, and how its values compare.
struct ODataSchema: Sendable {
  /// How a property's values are typed and compared.
  enum Kind: Sendable, Hashable {
    case string
    case dateTimeOffset
    case int32
    case boolean
    case enumeration(String, members: [String])

    /// The EDM name the service's messages use (`Edm.String`, `microsoft.graph.complianceStatus`).
    var edmName: String {
      switch self {
      case .string: "Edm.String"
      case .dateTimeOffset: "Edm.DateTimeOffset"
      case .int32: "Edm.Int32"
      case .boolean: "Edm.Boolean"
      case .enumeration(let name, _): name
      }
    }
  }

  /// The qualified type name (`microsoft.graph.deviceConfigurationDeviceStatus`).
  let typeName: String
  let properties: [String: Kind]

  /// The property spelled `name` (OData property names are case-sensitive).
  func kind(of name: String) -> Kind? { properties[name] }

  /// The schema of a type in a version's built-in model, or `nil` when the model lacks it.
  static func of(_ typeName: String, in model: EDMModel) -> ODataSchema? {
    guard let type = model.structuredType(named: typeName) else { return nil }
    var properties: [String: Kind] = [:]
    for (name, property) in model.allProperties(of: type) where !property.type.isCollection {
      switch property.type.typeName {
      case "Edm.String", "Edm.Guid": properties[name] = .string
      case "Edm.DateTimeOffset": properties[name] = .dateTimeOffset
      case "Edm.Int32", "Edm.Int64", "Edm.Int16", "Edm.Byte": properties[name] = .int32
      case "Edm.Boolean": properties[name] = .boolean
      case let other:
        if let enumType = model.enumType(named: other) {
          properties[name] = .enumeration(other, members: enumType.members.map(\.name))
        }
      }
    }
    return ODataSchema(typeName: typeName, properties: properties)
  }

  /// The base properties every device configuration and compliance policy lists with.
  static func policy(_ typeName: String) -> ODataSchema {
    ODataSchema(
      typeName: typeName,
      properties: [
        "id": .string, "displayName": .string, "description": .string, "createdDateTime": .dateTimeOffset,
        "lastModifiedDateTime": .dateTimeOffset, "version": .int32,
      ])
  }
}
