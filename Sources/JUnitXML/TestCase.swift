import Foundation

/// One test case and how it ended.
///
/// ```swift
/// TestCase(name: "patch", classname: "DeviceStatusTests", time: 0.1,
///          outcome: .failed([TestFailure(message: "status was 400", details: "…")]))
/// ```
public struct TestCase: Sendable, Hashable {
  /// The case's name.
  public var name: String
  /// Its class or suite name.
  public var classname: String
  /// Seconds it took.
  public var time: Double
  /// How it ended.
  public var outcome: TestOutcome
  /// Where it is declared (rich profile).
  public var file: String?
  /// The line it is declared on (rich profile).
  public var line: Int?
  /// Per-case properties (rich profile; other profiles fold them into the suite's output).
  public var properties: [TestProperty]
  /// Files to attach (cassettes, logs), written as `[[ATTACHMENT|path]]` lines.
  public var attachments: [String]
  /// The case's standard output.
  public var systemOut: String?
  /// The case's standard error.
  public var systemErr: String?

  /// Creates a case.
  public init(
    name: String, classname: String, time: Double = 0, outcome: TestOutcome = .passed, file: String? = nil,
    line: Int? = nil, properties: [TestProperty] = [], attachments: [String] = [], systemOut: String? = nil,
    systemErr: String? = nil
  ) {
    self.name = name
    self.classname = classname
    self.time = time
    self.outcome = outcome
    self.file = file
    self.line = line
    self.properties = properties
    self.attachments = attachments
    self.systemOut = systemOut
    self.systemErr = systemErr
  }
}
