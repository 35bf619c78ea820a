import Foundation

/// A Graph docs page in its markdown form: its URL templates and its property table, turned
/// into a contract that can be diffed against CSDL.
///
/// ```swift
/// let page = try DocsPage(markdown: text, path: "update.md")
/// let differences = page.differences(from: BuiltInContracts.model(for: .beta))
/// ```
public struct DocsPage: Sendable, Hashable {
  /// One row of the property table.
  public struct PropertyRow: Sendable, Hashable {
    /// The property's name.
    public let name: String
    /// The type as the page writes it (`String`, `Int32`, `complianceStatus`).
    public let typeText: String
    /// Enum members from "Possible values are: `a`, `b`." (empty when none).
    public let possibleValues: [String]
  }

  /// The page title.
  public let title: String
  /// The resource type the page documents (from the request-body sentence), e.g. `deviceConfigurationDeviceStatus`.
  public let resourceType: String?
  /// The URL templates in the "HTTP request" section.
  public let templates: [EndpointTemplate]
  /// The property table's rows.
  public let properties: [PropertyRow]

  /// Reads a page; throws when it has neither URL templates nor a property table.
  public init(markdown: String, path: String = "docs page") throws(DocsPageError) {
    let lines = markdown.components(separatedBy: .newlines)
    title =
      lines.first { $0.hasPrefix("title:") }.map { Self.unquote(String($0.dropFirst(6))) }
      ?? lines.first { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) } ?? path
    var templates: [EndpointTemplate] = []
    var inRequestSection = false
    for line in lines {
      if line.hasPrefix("## ") { inRequestSection = line.lowercased().hasPrefix("## http request") }
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if inRequestSection, let space = trimmed.firstIndex(of: " "),
        ["PATCH", "GET", "POST", "PUT", "DELETE"].contains(String(trimmed[..<space]))
      {
        let target = trimmed[trimmed.index(after: space)...].trimmingCharacters(in: .whitespaces)
        if target.hasPrefix("/") {
          templates.append(EndpointTemplate(method: String(trimmed[..<space]), path: target, source: title))
        }
      }
    }
    self.templates = templates
    properties = Self.propertyRows(lines)
    resourceType = Self.resourceType(lines)
    guard !templates.isEmpty || !properties.isEmpty else {
      throw DocsPageError(path: path, problem: "the page has no HTTP request templates and no property table")
    }
  }

  static func unquote(_ text: String) -> String {
    text.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
  }

  static func cells(_ line: String) -> [String] {
    line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
      .map { $0.trimmingCharacters(in: .whitespaces) }
  }

  static func propertyRows(_ lines: [String]) -> [PropertyRow] {
    guard
      let header = lines.firstIndex(where: { cells($0).map { $0.lowercased() }.starts(with: ["property", "type"]) })
    else {
      return []
    }
    var rows: [PropertyRow] = []
    for line in lines[(header + 2)...] {
      guard line.hasPrefix("|") else { break }
      let row = cells(line)
      guard row.count >= 2 else { continue }
      var typeText = row[1]
      if typeText.hasPrefix("["), let close = typeText.firstIndex(of: "]") {
        typeText = String(typeText[typeText.index(after: typeText.startIndex)..<close])
      }
      let description = row.count > 2 ? row[2] : ""
      rows.append(PropertyRow(name: row[0], typeText: typeText, possibleValues: possibleValues(description)))
    }
    return rows
  }

  static func possibleValues(_ description: String) -> [String] {
    guard let range = description.range(of: "Possible values are:") else { return [] }
    return description[range.upperBound...].split(separator: "`", omittingEmptySubsequences: false).enumerated()
      .compactMap { $0.offset % 2 == 1 ? String($0.element) : nil }
  }

  static func resourceType(_ lines: [String]) -> String? {
    for line in lines where line.contains("JSON representation") {
      if let open = line.firstIndex(of: "["), let close = line[open...].firstIndex(of: "]") {
        return String(line[line.index(after: open)..<close])
      }
    }
    return nil
  }

  /// The primitive type a docs type name stands for (`Int32` → `Edm.Int32`), or `nil` for a named type.
  static func primitive(_ typeText: String) -> EDMPrimitiveType? {
    let known: [String: EDMPrimitiveType] = [
      "String": .string, "Boolean": .boolean, "Int32": .int32, "Int64": .int64, "Int16": .int16, "Byte": .byte,
      "Double": .double, "Single": .single, "Decimal": .decimal, "DateTimeOffset": .dateTimeOffset, "Date": .date,
      "TimeOfDay": .timeOfDay, "Duration": .duration, "Guid": .guid, "Binary": .binary, "Stream": .stream,
    ]
    return known[typeText] ?? EDMPrimitiveType(qualifiedName: typeText)
  }
}

extension DocsPage {
  /// The page's property table as a model: one entity type named after the resource, and an
  /// enum type for each property whose description lists possible values.
  ///
  /// ```swift
  /// let validator = ContractValidator(model: page.contract())
  /// ```
  public func contract(namespace: String = "microsoft.graph") -> EDMModel {
    var model = EDMModel()
    model.addNamespace(namespace, alias: nil)
    var properties: [EDMProperty] = []
    for row in self.properties {
      if let primitive = Self.primitive(row.typeText) {
        properties.append(EDMProperty(name: row.name, type: EDMTypeReference(typeName: primitive.rawValue)))
      } else {
        let typeName = "\(namespace).\(row.typeText)"
        if !row.possibleValues.isEmpty {
          model.add(
            EDMEnumType(
              qualifiedName: typeName, members: row.possibleValues.enumerated().map { ($0.element, Int64($0.offset)) }))
        }
        properties.append(EDMProperty(name: row.name, type: EDMTypeReference(typeName: typeName)))
      }
    }
    let name = "\(namespace).\(resourceType ?? "documentedResource")"
    model.add(EDMStructuredType(kind: .entity, qualifiedName: name, properties: properties))
    model.resolve()
    return model
  }
}
