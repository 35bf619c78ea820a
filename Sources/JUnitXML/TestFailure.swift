import Foundation

/// One failure: a one-line message, a type, the whole story, and where.
///
/// ```swift
/// TestFailure(message: "$.status: notEnumMember", type: "ContractViolation", details: "…", file: "Tests/A.swift", line: 42)
/// ```
public struct TestFailure: Sendable, Hashable {
  /// A one-line summary (the `message` attribute).
  public var message: String
  /// The failure's kind (the `type` attribute).
  public var type: String
  /// The whole story (the element's text).
  public var details: String
  /// The source file, when known.
  public var file: String?
  /// The source line, when known.
  public var line: Int?

  /// Creates a failure.
  public init(
    message: String, type: String = "AssertionFailure", details: String = "", file: String? = nil, line: Int? = nil
  ) {
    self.message = message
    self.type = type
    self.details = details
    self.file = file
    self.line = line
  }
}
