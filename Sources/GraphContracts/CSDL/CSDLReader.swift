internal import CLibXML2
import Foundation

/// One pass of libxml2's `xmlTextReader` over a CSDL document, building an ``EDMModel``.
final class CSDLReader {
  static let edmxNamespace = "http://docs.oasis-open.org/odata/ns/edmx"

  let path: String
  var model = EDMModel()
  var firstError: (message: String, line: Int)?
  private var namespace = ""
  private var structured: EDMStructuredType?
  private var enumeration: EDMEnumType?
  /// The value of the next member without a `Value`; `nil` past `Int64.max`.
  private var nextMemberValue: Int64? = 0
  private var container: EDMEntityContainer?
  private var sawRoot = false

  init(path: String) { self.path = path }

  func error(_ problem: String, line: Int?, advice: String = "Check the file is a complete CSDL ($metadata) document.")
    -> CSDLError
  {
    // libxml2 reports -1 or 0 for nodes it keeps no line for: omit the line then.
    CSDLError(path: path, line: line.flatMap { $0 > 0 ? $0 : nil }, problem: problem, advice: advice)
  }

  func read(_ bytes: UnsafeBufferPointer<CChar>) throws(CSDLError) -> EDMModel {
    guard bytes.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else {
      throw error("the document is empty", line: 1)
    }
    xmlInitParser()
    // BIG_LINES: lines past 65,535 (Graph's $metadata has more) are kept, not capped.
    let options = Int32(
      XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_NOBLANKS.rawValue
        | XML_PARSE_BIG_LINES.rawValue)
    guard let reader = xmlReaderForMemory(bytes.baseAddress, Int32(bytes.count), path, nil, options) else {
      throw error("libxml2 could not start reading", line: nil)
    }
    defer { xmlFreeTextReader(reader) }
    xmlTextReaderSetStructuredErrorHandler(
      reader,
      { context, error in
        guard let context, let error else { return }
        let sink = Unmanaged<CSDLReader>.fromOpaque(context).takeUnretainedValue()
        if sink.firstError == nil {
          let message = error.pointee.message.map { String(cString: $0) } ?? "unknown XML error"
          sink.firstError = (message.trimmingCharacters(in: .whitespacesAndNewlines), Int(error.pointee.line))
        }
      }, Unmanaged.passUnretained(self).toOpaque())
    var skipChildren = false
    while true {
      let status = skipChildren ? xmlTextReaderNext(reader) : xmlTextReaderRead(reader)
      skipChildren = false
      if status == 0 { break }
      if status < 0 {
        let line = firstError?.line ?? Int(xmlTextReaderGetParserLineNumber(reader))
        throw error("the XML is not well-formed (\(firstError?.message ?? "parse error"))", line: line)
      }
      let line =
        xmlTextReaderCurrentNode(reader).map { Int(xmlGetLineNo($0)) } ?? Int(xmlTextReaderGetParserLineNumber(reader))
      switch xmlTextReaderNodeType(reader) {
      case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue):
        // libxml2 keeps no line for the DTD node (xmlGetLineNo gives -1): find it in the prolog.
        throw error(
          "the document declares a DTD, which CSDL never has; it is refused so no entity can be expanded or loaded",
          line: Self.doctypeLine(in: bytes),
          advice: "Remove the <!DOCTYPE …> declaration; use the $metadata document as the service serves it.")
      case Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue):
        throw error("the document uses an entity reference, which CSDL never does", line: line)
      case Int32(XML_READER_TYPE_ELEMENT.rawValue):
        let name = String(cString: xmlTextReaderConstLocalName(reader))
        let attributes = Self.attributes(of: reader)
        let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
        skipChildren = try start(
          name, attributes: attributes, isEmpty: isEmpty, line: line,
          namespaceURI: xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) })
      case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
        end(String(cString: xmlTextReaderConstLocalName(reader)))
      default:
        break
      }
    }
    if let firstError { throw error("the XML is not well-formed (\(firstError.message))", line: firstError.line) }
    guard sawRoot else { throw error("the document is empty", line: 1) }
    model.container = container
    return model
  }

  /// The 1-based line of `<!DOCTYPE` in the prolog (past the XML declaration, comments,
  /// processing instructions and white space), or `nil` when the prolog has none.
  static func doctypeLine(in bytes: UnsafeBufferPointer<CChar>) -> Int? {
    func starts(with text: String, at index: Int) -> Bool {
      let pattern = Array(text.utf8)
      guard index + pattern.count <= bytes.count else { return false }
      return pattern.indices.allSatisfy { UInt8(bitPattern: bytes[index + $0]) == pattern[$0] }
    }
    var line = 1
    var index = 0
    func skip(past end: String) {
      while index < bytes.count, !starts(with: end, at: index) {
        if bytes[index] == 0x0A { line += 1 }
        index += 1
      }
      index += end.utf8.count
    }
    while index < bytes.count {
      switch bytes[index] {
      case 0x0A:
        line += 1
        index += 1
      case 0x20, 0x09, 0x0D:
        index += 1
      default:
        if starts(with: "<!DOCTYPE", at: index) { return line }
        if starts(with: "<!--", at: index) {
          skip(past: "-->")
        } else if starts(with: "<?", at: index) {
          skip(past: "?>")
        } else if index == 0, starts(with: "\u{FEFF}", at: 0) {
          index += 3
        } else {
          return nil
        }
      }
    }
    return nil
  }

  static func attributes(of reader: xmlTextReaderPtr) -> [String: String] {
    var result: [String: String] = [:]
    while xmlTextReaderMoveToNextAttribute(reader) == 1 {
      if let name = xmlTextReaderConstLocalName(reader), let value = xmlTextReaderConstValue(reader) {
        result[String(cString: name)] = String(cString: value)
      }
    }
    xmlTextReaderMoveToElement(reader)
    return result
  }

  /// Handles a start tag; returns whether to skip the element's children.
  func start(_ name: String, attributes: [String: String], isEmpty: Bool, line: Int, namespaceURI: String?)
    throws(CSDLError) -> Bool
  {
    if !sawRoot {
      sawRoot = true
      guard name == "Edmx", namespaceURI == Self.edmxNamespace else {
        throw error(
          "this is XML but not EDMX: the root element is <\(name)>, expected <edmx:Edmx> in \(Self.edmxNamespace)",
          line: line,
          advice: "Give a CSDL $metadata document (for Graph: https://graph.microsoft.com/v1.0/$metadata).")
      }
      return false
    }
    func required(_ attribute: String) throws(CSDLError) -> String {
      guard let value = attributes[attribute], !value.isEmpty else {
        throw error("<\(name)> has no \(attribute) attribute", line: line)
      }
      return value
    }
    switch name {
    case "Schema":
      namespace = try required("Namespace")
      model.addNamespace(namespace, alias: attributes["Alias"])
    case "EntityType", "ComplexType":
      let type = EDMStructuredType(
        kind: name == "EntityType" ? .entity : .complex, qualifiedName: "\(namespace).\(try required("Name"))",
        baseType: attributes["BaseType"], isAbstract: attributes["Abstract"] == "true",
        isOpen: attributes["OpenType"] == "true")
      model.recordLine(line, for: type.qualifiedName)
      if isEmpty { model.add(type) } else { structured = type }
    case "PropertyRef":
      structured?.key.append(try required("Name"))
    case "Property":
      guard structured != nil else { return true }
      let type = EDMTypeReference(parsing: try required("Type"), nullable: attributes["Nullable"] != "false")
      structured?.properties.append(EDMProperty(name: try required("Name"), type: type))
      model.recordLine(line, for: "\(structured!.qualifiedName)/\(attributes["Name"]!)")
      return !isEmpty
    case "NavigationProperty":
      guard structured != nil else { return true }
      let target = EDMTypeReference(parsing: try required("Type"), nullable: attributes["Nullable"] != "false")
      structured?.navigationProperties.append(
        EDMNavigationProperty(
          name: try required("Name"), target: target, containsTarget: attributes["ContainsTarget"] == "true"))
      model.recordLine(line, for: "\(structured!.qualifiedName)/\(attributes["Name"]!)")
      return !isEmpty
    case "EnumType":
      let type = EDMEnumType(
        qualifiedName: "\(namespace).\(try required("Name"))", members: [], isFlags: attributes["IsFlags"] == "true",
        underlyingType: attributes["UnderlyingType"] ?? "Edm.Int32")
      nextMemberValue = 0
      if isEmpty { model.add(type) } else { enumeration = type }
    case "Member":
      let memberName = try required("Name")
      let value: Int64
      if let text = attributes["Value"] {
        guard let parsed = Int64(text) else {
          throw error("member \(memberName) has a Value that is not a 64-bit integer", line: line)
        }
        value = parsed
      } else {
        guard let next = nextMemberValue else {
          throw error(
            "member \(memberName) has no Value and follows a member whose Value is the largest 64-bit integer",
            line: line, advice: "Give the member a Value.")
        }
        value = next
      }
      enumeration?.members.append(EDMEnumType.Member(name: memberName, value: value))
      nextMemberValue = value == Int64.max ? nil : value + 1
      return !isEmpty
    case "EntityContainer":
      container = EDMEntityContainer(name: try required("Name"))
    case "EntitySet":
      container?.entitySets[try required("Name")] = try required("EntityType")
      return !isEmpty
    case "Singleton":
      container?.singletons[try required("Name")] = try required("Type")
      return !isEmpty
    case "Annotations", "Annotation", "Action", "Function", "Term", "ActionImport", "FunctionImport", "TypeDefinition":
      if name == "TypeDefinition" {
        model.addTypeDefinition("\(namespace).\(try required("Name"))", underlying: try required("UnderlyingType"))
      }
      return !isEmpty
    default:
      break
    }
    return false
  }

  func end(_ name: String) {
    switch name {
    case "EntityType", "ComplexType":
      if let structured { model.add(structured) }
      structured = nil
    case "EnumType":
      if let enumeration { model.add(enumeration) }
      enumeration = nil
    default:
      break
    }
  }
}
