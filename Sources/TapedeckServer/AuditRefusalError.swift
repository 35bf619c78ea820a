/// A recording the server refused to save because the audit still finds secrets or personal
/// values in it after the Graph preset scrubbed it. Nothing was written: an older cassette at
/// the same path is unchanged.
///
/// ```swift
/// // Refused to write cassettes/Suite/test.json: the recording fails the audit (1 finding) …
/// ```
public struct AuditRefusalError: Error, Sendable, CustomStringConvertible {
  /// The cassette file that was not written.
  public let path: String
  /// What the audit found, each scrubbed (a JSON path and a problem, never the value).
  public let findings: [String]

  /// Creates the error.
  ///
  /// ```swift
  /// let error = AuditRefusalError(path: "cassettes/x.json", findings: ["$.interactions[0]…: a JWT"])
  /// ```
  public init(path: String, findings: [String]) {
    self.path = path
    self.findings = findings
  }

  public var description: String {
    let count = "\(findings.count) finding\(findings.count == 1 ? "" : "s")"
    return
      "Refused to write \(path): the recording fails the audit (\(count)): \(findings.joined(separator: "; ")). "
      + "Nothing was written. Scrub the value before it is recorded (GRAPH_TENANT_ID and GRAPH_CLIENT_ID name the "
      + "app's own ids; other fields need a rule in the Graph preset), then record again."
  }
}
