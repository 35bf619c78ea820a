public import Foundation

/// One suite: a class, a Swift Testing suite, or a cassette.
///
/// ```swift
/// TestSuite(name: "DeviceStatusTests", properties: [TestProperty(name: "cassette.dir", value: "cassettes")])
/// ```
public struct TestSuite: Sendable, Hashable {
  /// The suite's name.
  public var name: String
  /// When the suite started (written as UTC `YYYY-MM-DDThh:mm:ss`).
  public var timestamp: Date?
  /// The machine that ran it.
  public var hostname: String?
  /// Suite properties.
  public var properties: [TestProperty]
  /// The cases, in order.
  public var cases: [TestCase]
  /// Suite-level standard output.
  public var systemOut: String?
  /// Suite-level standard error.
  public var systemErr: String?
  /// The source file the suite lives in, when known (rich profile).
  public var file: String?

  /// Creates a suite.
  public init(
    name: String, timestamp: Date? = nil, hostname: String? = nil, properties: [TestProperty] = [],
    cases: [TestCase] = [], systemOut: String? = nil, systemErr: String? = nil, file: String? = nil
  ) {
    self.name = name
    self.timestamp = timestamp
    self.hostname = hostname
    self.properties = properties
    self.cases = cases
    self.systemOut = systemOut
    self.systemErr = systemErr
    self.file = file
  }

  /// Counts over the cases.
  public var counts: TestCounts { cases.reduce(TestCounts()) { $0 + TestCounts($1) } }
  /// The suite's time: the sum of its cases' times.
  public var time: Double { cases.reduce(0) { $0 + $1.time } }
}
