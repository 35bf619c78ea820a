internal import CLibXML2
public import Foundation

/// Checks documents against an XML Schema with libxml2's schema API.
///
/// The parsed schema is immutable and each validation uses its own context, so one validator
/// can be shared across threads.
///
/// Loading never touches the network: the schema and every file it includes, imports or
/// redefines are read from local files only, and a schema with a DTD (which could declare
/// external entities) is refused. A `schemaLocation` that names the network (`http:`, `ftp:`,
/// `//host/…`) is an error naming the file and line, before anything is fetched.
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
    let root = try LocalSchemaFiles.check(url)
    defer { xmlFreeDoc(root) }
    guard let context = xmlSchemaNewDocParserCtxt(root) else {
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
    guard let document = XMLParsing.parse(data, sink: sink) else { return sink.problems }
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
