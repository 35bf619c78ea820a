internal import CLibXML2
public import Foundation

/// One problem libxml2 found in a document: line and message.
///
/// ```swift
/// problem.description  // "line 3: Element 'testcase', attribute 'file': The attribute 'file' is not allowed."
/// ```
public struct XMLProblem: Sendable, Hashable, CustomStringConvertible {
  /// The 1-based line (0 when unknown).
  public let line: Int
  /// libxml2's message.
  public let message: String
  public var description: String { "line \(line): \(message)" }
}

/// Checks documents against an XML Schema with libxml2's schema API.
///
/// The parsed schema is immutable and each validation uses its own context, so one validator
/// can be shared across threads.
///
/// ```swift
/// let validator = try XSDValidator(schema: URL(fileURLWithPath: "junit-10.xsd"))
/// let problems = validator.validate(data)  // [] when valid
/// ```
public final class XSDValidator: @unchecked Sendable {
  private let schema: xmlSchemaPtr
  /// The schema file.
  public let schemaURL: URL

  /// Loads a schema; throws with libxml2's messages when it cannot.
  public init(schema url: URL) throws(JUnitXMLError) {
    xmlInitParser()
    schemaURL = url
    guard let context = xmlSchemaNewParserCtxt(url.path) else {
      throw JUnitXMLError(
        path: url.path, problem: "the schema file cannot be opened", advice: "Check the path to the .xsd file.")
    }
    defer { xmlSchemaFreeParserCtxt(context) }
    let sink = ProblemSink()
    xmlSchemaSetParserStructuredErrors(context, ProblemSink.handler, Unmanaged.passUnretained(sink).toOpaque())
    guard let parsed = xmlSchemaParse(context) else {
      throw JUnitXMLError(
        path: url.path, problem: "the schema does not load (\(sink.problems.first?.description ?? "unknown error"))",
        advice: "Give a valid XML Schema (.xsd) file.")
    }
    schema = parsed
  }

  deinit { xmlSchemaFree(schema) }

  /// The problems of a document under this schema: not well-formed, or invalid; `[]` when valid.
  public func validate(_ data: Data) -> [XMLProblem] {
    let sink = ProblemSink()
    guard let document = XMLDocument.parse(data, sink: sink) else { return sink.problems }
    defer { xmlFreeDoc(document) }
    guard let context = xmlSchemaNewValidCtxt(schema) else {
      return [XMLProblem(line: 0, message: "libxml2 could not create a validation context")]
    }
    defer { xmlSchemaFreeValidCtxt(context) }
    xmlSchemaSetValidStructuredErrors(context, ProblemSink.handler, Unmanaged.passUnretained(sink).toOpaque())
    let result = xmlSchemaValidateDoc(context, document)
    if result != 0 && sink.problems.isEmpty {
      sink.problems.append(XMLProblem(line: 0, message: "invalid (libxml2 code \(result))"))
    }
    return sink.problems
  }
}

/// Well-formedness checks.
public enum XMLDocument {
  /// The first problem that keeps `data` from being well-formed XML, or `nil`.
  ///
  /// ```swift
  /// XMLDocument.wellFormednessProblem(data)  // nil for a good report
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

/// Collects libxml2's structured errors.
final class ProblemSink {
  var problems: [XMLProblem] = []

  static let handler: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    let sink = Unmanaged<ProblemSink>.fromOpaque(context).takeUnretainedValue()
    let message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
    sink.problems.append(
      XMLProblem(line: Int(error.pointee.line), message: message.trimmingCharacters(in: .whitespacesAndNewlines)))
  }
}

/// A JUnit input or output problem, naming the file and what to do.
///
/// ```swift
/// // junit.xml: the report is not well-formed XML (line 3: …). …
/// ```
public struct JUnitXMLError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file.
  public let path: String
  /// What is wrong.
  public let problem: String
  /// What to do.
  public let advice: String
  public var description: String { "\(path): \(problem). \(advice)" }
}
