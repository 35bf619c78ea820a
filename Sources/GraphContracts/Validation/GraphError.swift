public import TapedeckJSON

/// A Graph error body: `{"error":{"code":"…","message":"…","innerError":{…}}}`.
///
/// ```swift
/// if let error = GraphError(body) { print(error.code, error.message) }
/// ```
public struct GraphError: Sendable, Hashable, CustomStringConvertible {
  /// The error code (`ModelValidationFailure`, `ResourceNotFound`, …).
  public let code: String
  /// The message.
  public let message: String
  /// `innerError.request-id`, when present.
  public let requestID: String?

  /// Recognizes a Graph error body; `nil` when the value is not one.
  public init?(_ body: JSONValue) {
    guard case .object(let error)? = body["error"], case .string(let code)? = error["code"],
      case .string(let message)? = error["message"]
    else { return nil }
    self.code = code
    self.message = message
    self.requestID = error["innerError"]?["request-id"]?.stringValue
  }

  public var description: String { "\(code): \(message)" }
}

extension ContractValidator {
  /// Checks the HTTP answer to a PATCH of an entity of `type`.
  public func checkPatchAnswer(status: Int, body: JSONValue?, as type: GraphType) -> PatchAnswerCheck {
    switch status {
    case 204:
      guard let body else { return PatchAnswerCheck(conforms: true, graphError: nil, violations: []) }
      let violation = Violation(
        path: "$", rule: .unexpectedAnswer, expected: "no body with 204 No Content", actual: ValidationRun.show(body))
      return PatchAnswerCheck(conforms: false, graphError: nil, violations: [violation])
    case 200:
      guard let body else {
        let violation = Violation(
          path: "$", rule: .unexpectedAnswer, expected: "the updated entity with 200 OK", actual: "no body")
        return PatchAnswerCheck(conforms: false, graphError: nil, violations: [violation])
      }
      let violations = validate(body, as: type)
      return PatchAnswerCheck(
        conforms: !violations.contains { $0.severity == .error }, graphError: nil, violations: violations)
    default:
      if let body, let error = GraphError(body) {
        let violation = Violation(
          path: "$.error", rule: .graphError, expected: "200 with the entity or 204", actual: "\(status) \(error)")
        return PatchAnswerCheck(conforms: false, graphError: error, violations: [violation])
      }
      let violation = Violation(
        path: "$", rule: .unexpectedAnswer, expected: "200 with the entity, 204, or a Graph error body",
        actual: "\(status) \(body.map(ValidationRun.show) ?? "with no body")")
      return PatchAnswerCheck(conforms: false, graphError: nil, violations: [violation])
    }
  }
}
