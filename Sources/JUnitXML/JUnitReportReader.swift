internal import CLibXML2
public import Foundation

/// Reads JUnit XML (`<testsuites>` or a single `<testsuite>`) back into a ``JUnitReport``, for
/// merging reports from CI shards.
///
/// ```swift
/// let merged = try JUnitReportReader.merge([first, second].map(JUnitReportReader.read))
/// ```
public enum JUnitReportReader {
  /// Reads a report file.
  public static func read(contentsOf url: URL) throws(JUnitXMLError) -> JUnitReport {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw JUnitXMLError(path: url.path, problem: "the report cannot be read", advice: "Check the path.")
    }
    return try read(data, path: url.path)
  }

  /// Reads report bytes; `path` names them in errors.
  public static func read(_ data: Data, path: String) throws(JUnitXMLError) -> JUnitReport {
    let sink = ProblemSink()
    guard let document = XMLParsing.parse(data, sink: sink) else {
      throw JUnitXMLError(
        path: path, problem: "the report is not well-formed XML (\(sink.problems.first?.description ?? "parse error"))",
        advice: "Give a complete JUnit XML file.")
    }
    defer { xmlFreeDoc(document) }
    guard let root = xmlDocGetRootElement(document) else {
      throw JUnitXMLError(
        path: path, problem: "the report has no root element", advice: "Give a complete JUnit XML file.")
    }
    switch name(root) {
    case "testsuites":
      return JUnitReport(name: attribute(root, "name"), suites: children(root, "testsuite").flatMap(suites))
    case "testsuite":
      return JUnitReport(suites: suites(root))
    default:
      throw JUnitXMLError(
        path: path, problem: "the root element is <\(name(root))>, not <testsuites> or <testsuite>",
        advice: "Give a JUnit XML report.")
    }
  }

  /// Suites with the same name are joined; totals follow from the cases.
  public static func merge(_ reports: [JUnitReport], name: String? = nil) -> JUnitReport {
    var order: [String] = []
    var byName: [String: TestSuite] = [:]
    for suite in reports.flatMap(\.suites) {
      if var existing = byName[suite.name] {
        existing.cases += suite.cases
        existing.properties += suite.properties.filter { !existing.properties.contains($0) }
        existing.systemOut = [existing.systemOut, suite.systemOut].compactMap { $0 }.joined(separator: "\n")
        existing.systemErr = [existing.systemErr, suite.systemErr].compactMap { $0 }.joined(separator: "\n")
        byName[suite.name] = existing
      } else {
        order.append(suite.name)
        byName[suite.name] = suite
      }
    }
    return JUnitReport(name: name ?? reports.compactMap(\.name).first, suites: order.compactMap { byName[$0] })
  }

  // MARK: - DOM walking

  static func suites(_ node: xmlNodePtr) -> [TestSuite] {
    var suite = TestSuite(name: attribute(node, "name") ?? "unnamed", hostname: attribute(node, "hostname"))
    suite.file = attribute(node, "file")
    suite.properties = properties(node).filter { $0.name != "junit.profile" }
    suite.cases = children(node, "testcase").map(testCase)
    suite.systemOut = children(node, "system-out").first.map(text).flatMap { $0.isEmpty ? nil : $0 }
    suite.systemErr = children(node, "system-err").first.map(text).flatMap { $0.isEmpty ? nil : $0 }
    return [suite] + children(node, "testsuite").flatMap(suites)
  }

  static func testCase(_ node: xmlNodePtr) -> TestCase {
    var result = TestCase(
      name: attribute(node, "name") ?? "unnamed", classname: attribute(node, "classname") ?? "",
      time: attribute(node, "time").flatMap(Double.init) ?? 0, file: attribute(node, "file"),
      line: attribute(node, "line").flatMap(Int.init), properties: properties(node))
    let failures = children(node, "failure").map(failure)
    let flaky = children(node, "flakyFailure").map(failure)
    if let error = children(node, "error").first {
      result.outcome = .error(failure(error))
    } else if !failures.isEmpty {
      result.outcome = .failed(failures)
    } else if let skipped = children(node, "skipped").first {
      let reason = attribute(skipped, "message") ?? text(skipped)
      result.outcome = .skipped(reason: reason.isEmpty ? nil : reason)
    } else if !flaky.isEmpty {
      result.outcome = .flaky(flaky)
    }
    if let out = children(node, "system-out").first.map(text), !out.isEmpty {
      let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
      result.attachments = lines.compactMap { line in
        line.hasPrefix("[[ATTACHMENT|") && line.hasSuffix("]]") ? String(line.dropFirst(13).dropLast(2)) : nil
      }
      let rest = lines.filter { !($0.hasPrefix("[[ATTACHMENT|") && $0.hasSuffix("]]")) }.joined(separator: "\n")
      result.systemOut = rest.isEmpty ? nil : rest
    }
    result.systemErr = children(node, "system-err").first.map(text).flatMap { $0.isEmpty ? nil : $0 }
    return result
  }

  static func failure(_ node: xmlNodePtr) -> TestFailure {
    let stack = children(node, "stackTrace").first.map(text)
    return TestFailure(
      message: attribute(node, "message") ?? "", type: attribute(node, "type") ?? "Failure",
      details: stack ?? text(node))
  }

  static func properties(_ node: xmlNodePtr) -> [TestProperty] {
    children(node, "properties").flatMap { children($0, "property") }.compactMap { property in
      guard let name = attribute(property, "name") else { return nil }
      return TestProperty(name: name, value: attribute(property, "value") ?? text(property))
    }
  }

  static func name(_ node: xmlNodePtr) -> String { node.pointee.name.map { String(cString: $0) } ?? "" }

  static func children(_ node: xmlNodePtr, _ wanted: String) -> [xmlNodePtr] {
    var result: [xmlNodePtr] = []
    var child = node.pointee.children
    while let current = child {
      if current.pointee.type == XML_ELEMENT_NODE, name(current) == wanted { result.append(current) }
      child = current.pointee.next
    }
    return result
  }

  static func attribute(_ node: xmlNodePtr, _ attribute: String) -> String? {
    guard let value = xmlGetProp(node, attribute) else { return nil }
    defer { tapedeck_xml_free(value) }
    return String(cString: value)
  }

  static func text(_ node: xmlNodePtr) -> String {
    guard let content = xmlNodeGetContent(node) else { return "" }
    defer { tapedeck_xml_free(content) }
    return String(cString: content)
  }
}
