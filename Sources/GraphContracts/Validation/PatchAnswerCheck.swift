import TapedeckJSON

/// The verdict on a PATCH answer: a `200` with a conforming entity or a `204` with no body
/// conforms; a Graph error is recognized and reported with its code and message.
///
/// ```swift
/// let check = validator.checkPatchAnswer(status: 204, body: nil, as: .deviceConfigurationDeviceStatus)
/// check.conforms  // true
/// ```
public struct PatchAnswerCheck: Sendable, Hashable {
  /// Whether the answer is a conforming success.
  public let conforms: Bool
  /// The Graph error, when the answer is one.
  public let graphError: GraphError?
  /// Everything found.
  public let violations: [Violation]
}
