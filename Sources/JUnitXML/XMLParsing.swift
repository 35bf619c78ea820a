internal import CLibXML2
public import Foundation

/// Parses XML with libxml2 (no network, no external entities) to check that it is well-formed.
///
/// Named so it does not shadow Foundation's `XMLDocument`.
public enum XMLParsing {
  /// The first problem that keeps `data` from being well-formed XML, or `nil`.
  ///
  /// ```swift
  /// XMLParsing.wellFormednessProblem(data)  // nil for a good report
  /// ```
  public static func wellFormednessProblem(_ data: Data) -> XMLProblem? {
    let sink = ProblemSink()
    guard let document = parse(data, sink: sink) else { return sink.problems.first }
    xmlFreeDoc(document)
    return nil
  }

  static func parse(_ data: Data, sink: ProblemSink) -> xmlDocPtr? {
    xmlInitParser()
    guard let context = xmlNewParserCtxt() else { return nil }
    defer { xmlFreeParserCtxt(context) }
    let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
    let document = data.withUnsafeBytes { raw in
      xmlCtxtReadMemory(
        context, raw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(raw.count), "report.xml", nil, options)
    }
    if document == nil || context.pointee.wellFormed == 0 {
      let error = xmlCtxtGetLastError(context)
      let message = error?.pointee.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) }
      sink.problems.append(XMLProblem(line: Int(error?.pointee.line ?? 0), message: message ?? "not well-formed"))
      if let document { xmlFreeDoc(document) }
      return nil
    }
    return document
  }
}
