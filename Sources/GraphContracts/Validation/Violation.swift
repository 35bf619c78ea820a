/// One way a JSON body breaks its contract: where (a JSON path), which rule, and both values.
///
/// ```swift
/// violation.description  // $.status: notEnumMember: expected a complianceStatus member (unknown, …), found "String"
/// ```
public struct Violation: Sendable, Hashable, CustomStringConvertible {
  /// How serious a violation is.
  public enum Severity: String, Sendable, Hashable {
    /// The service would reject it, or a client would misread it.
    case error
    /// Worth a look (an undeclared property in a response, say).
    case warning
  }

  /// The rule broken.
  public struct Rule: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The rule's name.
    public let rawValue: String
    /// Creates a rule from its name.
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// A property the type does not declare.
    public static let unknownProperty = Rule(rawValue: "unknownProperty")
    /// A JSON type that does not fit (a string for an Int32, say).
    public static let wrongType = Rule(rawValue: "wrongType")
    /// An integer outside its type's range.
    public static let integerOutOfRange = Rule(rawValue: "integerOutOfRange")
    /// A number with a fraction where an integer is declared.
    public static let notAnInteger = Rule(rawValue: "notAnInteger")
    /// A DateTimeOffset not in OData form (offset required).
    public static let invalidDateTimeOffset = Rule(rawValue: "invalidDateTimeOffset")
    /// A Date not in `YYYY-MM-DD` form or not a real day.
    public static let invalidDate = Rule(rawValue: "invalidDate")
    /// A TimeOfDay not in `hh:mm[:ss[.f]]` form.
    public static let invalidTimeOfDay = Rule(rawValue: "invalidTimeOfDay")
    /// A Guid not in 8-4-4-4-12 hex form.
    public static let invalidGuid = Rule(rawValue: "invalidGuid")
    /// A Duration not in ISO 8601 `P…` form.
    public static let invalidDuration = Rule(rawValue: "invalidDuration")
    /// Binary data that is not base64url.
    public static let invalidBinary = Rule(rawValue: "invalidBinary")
    /// A string that names no member of the enum.
    public static let notEnumMember = Rule(rawValue: "notEnumMember")
    /// `null` where the property is not nullable.
    public static let nullNotAllowed = Rule(rawValue: "nullNotAllowed")
    /// `@odata.type` names a type that is not the expected one or derived from it.
    public static let odataTypeMismatch = Rule(rawValue: "odataTypeMismatch")
    /// The contract names a type the model does not have.
    public static let unknownType = Rule(rawValue: "unknownType")
    /// The service answered with a Graph error.
    public static let graphError = Rule(rawValue: "graphError")
    /// An HTTP answer that is neither a conforming 200 nor an empty 204.
    public static let unexpectedAnswer = Rule(rawValue: "unexpectedAnswer")
  }

  /// Where: a JSON path (`$`, `$.status`, `$.value[2].platform`).
  public let path: String
  /// The rule broken.
  public let rule: Rule
  /// What the contract expects.
  public let expected: String
  /// What the body has.
  public let actual: String
  /// Error or warning.
  public let severity: Severity

  /// Creates a violation.
  public init(path: String, rule: Rule, expected: String, actual: String, severity: Severity = .error) {
    self.path = path
    self.rule = rule
    self.expected = expected
    self.actual = actual
    self.severity = severity
  }

  public var description: String {
    "\(path): \(rule)\(severity == .warning ? " (warning)" : ""): expected \(expected), found \(actual)"
  }
}
