/// A disagreement between a docs page's property table and a CSDL type.
///
/// ```swift
/// ContractDifference.typeDisagreement(property: "platform", docs: "Int32", metadata: "Edm.String").description
/// ```
public enum ContractDifference: Sendable, Hashable, CustomStringConvertible {
  /// The page lists a property the metadata does not declare.
  case missingInMetadata(property: String, docsType: String)
  /// The metadata declares a property the page does not list.
  case missingInDocs(property: String, metadataType: String)
  /// Both have the property with different types.
  case typeDisagreement(property: String, docs: String, metadata: String)
  /// The page's possible values and the enum's members differ.
  case enumMembers(property: String, onlyInDocs: [String], onlyInMetadata: [String])
  /// The metadata has no type by the page's resource name.
  case unknownResource(String)

  public var description: String {
    switch self {
    case .missingInMetadata(let property, let type): "\(property) (\(type)) is on the page but not in the metadata"
    case .missingInDocs(let property, let type): "\(property) (\(type)) is in the metadata but not on the page"
    case .typeDisagreement(let property, let docs, let metadata):
      "\(property): the page says \(docs), the metadata \(metadata)"
    case .enumMembers(let property, let onlyInDocs, let onlyInMetadata):
      "\(property): values only on the page [\(onlyInDocs.joined(separator: ", "))], only in the metadata [\(onlyInMetadata.joined(separator: ", "))]"
    case .unknownResource(let name): "the metadata has no type \(name)"
    }
  }
}

extension DocsPage {
  /// How the page's property table differs from the metadata's type of the same name.
  public func differences(from model: EDMModel, resource: String? = nil) -> [ContractDifference] {
    guard let name = resource ?? resourceType else { return [] }
    guard let type = model.structuredType(named: name) else { return [.unknownResource(name)] }
    let declared = model.allProperties(of: type)
    var found: [ContractDifference] = []
    var listed: Set<String> = []
    for row in properties {
      listed.insert(row.name)
      guard let property = declared[row.name] else {
        found.append(.missingInMetadata(property: row.name, docsType: row.typeText))
        continue
      }
      let metadataType = property.type.typeName
      if let primitive = Self.primitive(row.typeText) {
        if primitive.rawValue != metadataType {
          found.append(.typeDisagreement(property: row.name, docs: row.typeText, metadata: metadataType))
        }
      } else if let enumeration = model.enumType(named: metadataType) {
        if enumeration.name != row.typeText {
          found.append(.typeDisagreement(property: row.name, docs: row.typeText, metadata: metadataType))
        } else if !row.possibleValues.isEmpty {
          let members = enumeration.members.map(\.name)
          let onlyDocs = row.possibleValues.filter { !members.contains($0) }
          let onlyMetadata = members.filter { !row.possibleValues.contains($0) }
          if !onlyDocs.isEmpty || !onlyMetadata.isEmpty {
            found.append(.enumMembers(property: row.name, onlyInDocs: onlyDocs, onlyInMetadata: onlyMetadata))
          }
        }
      } else if QualifiedName.last(metadataType) != row.typeText {
        found.append(.typeDisagreement(property: row.name, docs: row.typeText, metadata: metadataType))
      }
    }
    for name in declared.keys.sorted() where !listed.contains(name) {
      found.append(.missingInDocs(property: name, metadataType: declared[name]!.type.description))
    }
    return found
  }
}
