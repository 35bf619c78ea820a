internal import CLibXML2
import Foundation

/// The files a schema is made of, checked before libxml2's schema parser reads them: all local,
/// none with a DTD. libxml2 2.9 reads included and imported schemas with entity substitution
/// on and network access allowed, so nothing may reach it that could make it fetch.
enum LocalSchemaFiles {
  static let schemaNamespace = "http://www.w3.org/2001/XMLSchema"
  static let referencing: Set<String> = ["include", "import", "redefine", "override"]

  /// Checks `url` and every schema it references, transitively; returns the parsed root schema
  /// (the caller frees it).
  static func check(_ url: URL) throws(JUnitXMLError) -> xmlDocPtr {
    let rootPath = url.standardizedFileURL.path
    let root = try parse(rootPath, referencedBy: nil)
    var pending: [(path: String, document: xmlDocPtr)] = [(rootPath, root)]
    var seen: Set<String> = [rootPath]
    do {
      while !pending.isEmpty {
        let (path, document) = pending.removeFirst()
        defer { if document != root { xmlFreeDoc(document) } }
        for (location, line) in try references(in: document, path: path) where seen.insert(location).inserted {
          pending.append((location, try parse(location, referencedBy: "\(path), line \(line)")))
        }
      }
    } catch {
      for (_, document) in pending where document != root { xmlFreeDoc(document) }
      xmlFreeDoc(root)
      throw error
    }
    return root
  }

  /// Parses one schema file with the network off and no entity substitution; refuses a DTD.
  static func parse(_ path: String, referencedBy: String?) throws(JUnitXMLError) -> xmlDocPtr {
    let origin = referencedBy.map { " (referenced at \($0))" } ?? ""
    guard let data = FileManager.default.contents(atPath: path) else {
      throw JUnitXMLError(
        path: path, problem: "the schema file cannot be read\(origin)",
        advice: "Check the path to the .xsd file and that it is readable.")
    }
    guard let context = xmlNewParserCtxt() else {
      throw JUnitXMLError(path: path, problem: "libxml2 could not start reading the schema", advice: "Try again.")
    }
    defer { xmlFreeParserCtxt(context) }
    let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
    let parsed = data.withUnsafeBytes { raw in
      xmlCtxtReadMemory(
        context, raw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(clamping: raw.count), path, nil, options)
    }
    guard let document = parsed, context.pointee.wellFormed != 0 else {
      if let parsed { xmlFreeDoc(parsed) }
      let error = xmlCtxtGetLastError(context)
      let message = error?.pointee.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) }
      throw JUnitXMLError(
        path: path,
        problem:
          "the schema is not well-formed XML (line \(error?.pointee.line ?? 0): \(message ?? "parse error"))\(origin)",
        advice: "Give a valid XML Schema (.xsd) file.")
    }
    if document.pointee.intSubset != nil || document.pointee.extSubset != nil {
      xmlFreeDoc(document)
      throw JUnitXMLError(
        path: path,
        problem:
          "the schema declares a DTD (<!DOCTYPE …>)\(origin); it is refused so no entity can be expanded or "
          + "loaded from a file or the network",
        advice: "Remove the <!DOCTYPE …> declaration; XML Schemas do not need one.")
    }
    return document
  }

  /// The `schemaLocation` of every `xs:include`, `xs:import`, `xs:redefine` and `xs:override`,
  /// resolved as libxml2 resolves it: against the element's base (`xml:base`, else the file).
  static func references(in document: xmlDocPtr, path: String) throws(JUnitXMLError) -> [(
    location: String, line: Int
  )] {
    var result: [(String, Int)] = []
    var stack: [xmlNodePtr] = xmlDocGetRootElement(document).map { [$0] } ?? []
    while let node = stack.popLast() {
      if node.pointee.type == XML_ENTITY_REF_NODE {
        throw JUnitXMLError(
          path: path, problem: "line \(xmlGetLineNo(node)): the schema uses an entity reference",
          advice: "Write the text out; schemas are read without entities.")
      }
      if node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name.map({ String(cString: $0) }),
        referencing.contains(name),
        node.pointee.ns?.pointee.href.map({ String(cString: $0) }) == schemaNamespace,
        let value = xmlGetNoNsProp(node, "schemaLocation")
      {
        let line = Int(xmlGetLineNo(node))
        let location = String(cString: value).trimmingCharacters(in: .whitespacesAndNewlines)
        tapedeck_xml_free(value)
        let base = xmlNodeGetBase(document, node)
        defer { if let base { tapedeck_xml_free(base) } }
        guard let built = xmlBuildURI(location, base.map { UnsafePointer($0) } ?? document.pointee.URL) else {
          throw JUnitXMLError(
            path: path, problem: "line \(line): schemaLocation \"\(location)\" is not a valid URI reference",
            advice: "Give the path of a local .xsd file.")
        }
        defer { tapedeck_xml_free(built) }
        result.append((try localPath(String(cString: built), written: location, in: path, line: line), line))
      }
      var child = node.pointee.children
      var children: [xmlNodePtr] = []
      while let current = child {
        children.append(current)
        child = current.pointee.next
      }
      stack.append(contentsOf: children.reversed())
    }
    return result
  }

  /// The local file a resolved `schemaLocation` names; an error for anything on the network.
  static func localPath(_ resolved: String, written: String, in path: String, line: Int) throws(JUnitXMLError)
    -> String
  {
    let refuse = JUnitXMLError(
      path: path,
      problem:
        "line \(line): schemaLocation \"\(written)\" is not a local file (it resolves to \(resolved)); "
        + "schemas are never fetched from the network",
      advice: "Download that schema, save it beside this one and point schemaLocation at the local copy.")
    let scheme = resolved.prefix { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    if let first = scheme.first, first.isLetter, resolved.dropFirst(scheme.count).first == ":" {
      guard scheme.lowercased() == "file", let url = URL(string: resolved),
        (url.host ?? "").isEmpty || url.host == "localhost"
      else { throw refuse }
      return url.standardizedFileURL.path
    }
    guard resolved.hasPrefix("/"), !resolved.hasPrefix("//") else { throw refuse }
    if !FileManager.default.fileExists(atPath: resolved), let decoded = resolved.removingPercentEncoding {
      return URL(fileURLWithPath: decoded).standardizedFileURL.path
    }
    return URL(fileURLWithPath: resolved).standardizedFileURL.path
  }
}
