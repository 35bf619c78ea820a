public import Foundation
public import GraphContracts
import Tapedeck

#if canImport(FoundationNetworking)
  public import FoundationNetworking
#endif

/// Checks an HTTP answer against a Graph type's contract and reports every violation, with its
/// JSON path, as one failure at the caller's line (Swift Testing or XCTest). A list answer
/// (`{"value": […]}`) is checked item by item (`$.value[1].status`). A `204` with no body
/// conforms; a Graph error body is reported with its code and message.
///
/// ```swift
/// let (data, response) = try await session.data(for: request)
/// expectConforms(response, data, to: .deviceConfigurationDeviceStatus, version: .beta)
/// ```
@discardableResult
public func expectConforms(
  _ response: URLResponse?, _ body: Data, to type: GraphType, version: GraphVersion = .beta, fileID: String = #fileID,
  filePath: StaticString = #filePath, line: UInt = #line, column: UInt = #column
) -> [Violation] {
  let site = CallSite(fileID: fileID, filePath: filePath, line: line, column: column)
  let status = (response as? HTTPURLResponse)?.statusCode ?? 200
  if status == 204 && body.isEmpty { return [] }
  guard !body.isEmpty, let value = try? JSONParser.parse(body) else {
    let violation = Violation(
      path: "$", rule: .wrongType, expected: "a JSON body", actual: body.isEmpty ? "no body" : "bytes that are not JSON"
    )
    FailureReporter.fail("The \(status) answer does not conform to \(type): \(violation)", at: site)
    return [violation]
  }
  let validator = ContractValidator(version: version)
  let violations: [Violation]
  if (200..<300).contains(status) {
    violations =
      CollectionAnswer.isCollection(value)
      ? validator.validateCollection(value, of: type) : validator.validate(value, as: type)
  } else {
    violations = validator.checkPatchAnswer(status: status, body: value, as: type).violations
  }
  ConformanceReport.report(
    violations.filter { $0.severity == .error }, subject: "The \(status) answer", type: type, version: version,
    site: site)
  return violations
}

/// Checks a request body (a PATCH) against a Graph type's contract: undeclared properties are
/// errors, as the service rejects them.
///
/// ```swift
/// expectRequestConforms(request.httpBody!, to: .deviceConfigurationDeviceStatus, version: .v1_0)
/// ```
@discardableResult
public func expectRequestConforms(
  _ body: Data, to type: GraphType, version: GraphVersion = .beta, fileID: String = #fileID,
  filePath: StaticString = #filePath,
  line: UInt = #line, column: UInt = #column
) -> [Violation] {
  let site = CallSite(fileID: fileID, filePath: filePath, line: line, column: column)
  guard let value = try? JSONParser.parse(body) else {
    FailureReporter.fail("The request body is not JSON, so it cannot conform to \(type).", at: site)
    return [Violation(path: "$", rule: .wrongType, expected: "a JSON body", actual: "bytes that are not JSON")]
  }
  let violations = ContractValidator(version: version).validate(value, as: type, body: .request)
  ConformanceReport.report(violations, subject: "The request body", type: type, version: version, site: site)
  return violations
}

enum ConformanceReport {
  static func report(_ violations: [Violation], subject: String, type: GraphType, version: GraphVersion, site: CallSite)
  {
    guard !violations.isEmpty else { return }
    let lines = violations.map { "  \($0)" }.joined(separator: "\n")
    FailureReporter.fail(
      "\(subject) does not conform to \(type) (\(version)): \(violations.count) violation\(violations.count == 1 ? "" : "s")\n\(lines)",
      at: site)
  }
}

/// Tells a list answer (`{"value": [...], "@odata.context": …}`) from an entity.
enum CollectionAnswer {
  static func isCollection(_ value: JSONValue) -> Bool {
    guard case .object(let members) = value, case .array? = members["value"] else { return false }
    return members["id"] == nil
  }
}
