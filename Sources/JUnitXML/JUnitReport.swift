public import Foundation

/// A JUnit report: test suites of test cases, written by ``JUnitWriter`` in a ``JUnitProfile``.
///
/// ```swift
/// var suite = TestSuite(name: "DeviceStatusTests")
/// suite.cases.append(TestCase(name: "patchCompliance", classname: "DeviceStatusTests", time: 0.012))
/// let report = JUnitReport(suites: [suite])
/// ```
public struct JUnitReport: Sendable, Hashable {
  /// The run's name (rich profile only).
  public var name: String?
  /// The suites, in order.
  public var suites: [TestSuite]

  /// Creates a report.
  public init(name: String? = nil, suites: [TestSuite] = []) {
    self.name = name
    self.suites = suites
  }

  /// Totals over every suite.
  public var totals: TestCounts { suites.reduce(TestCounts()) { $0 + $1.counts } }
}

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

/// How a test case ended.
public enum TestOutcome: Sendable, Hashable {
  /// It passed.
  case passed
  /// It failed, with one or more failures (issues).
  case failed([TestFailure])
  /// It could not run or crashed.
  case error(TestFailure)
  /// It was skipped, with an optional reason.
  case skipped(reason: String?)
  /// It failed, then passed on a retry; the failures are those of the failing runs.
  case flaky([TestFailure])
}

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

/// A name–value property.
public struct TestProperty: Sendable, Hashable {
  /// The name.
  public var name: String
  /// The value.
  public var value: String

  /// Creates a property.
  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}

/// Test counts as JUnit reports them: `failures` and `errors` count test cases, not issues.
public struct TestCounts: Sendable, Hashable {
  /// Test cases.
  public var tests = 0
  /// Cases that failed.
  public var failures = 0
  /// Cases that errored (crashed, could not run).
  public var errors = 0
  /// Cases that were skipped.
  public var skipped = 0
  /// Cases that failed, then passed on retry (counted as passed).
  public var flaky = 0

  /// Zero counts.
  public init() {}

  /// The counts of one case.
  public init(_ testCase: TestCase) {
    tests = 1
    switch testCase.outcome {
    case .passed: break
    case .failed: failures = 1
    case .error: errors = 1
    case .skipped: skipped = 1
    case .flaky: flaky = 1
    }
  }

  /// Sums two counts.
  public static func + (lhs: TestCounts, rhs: TestCounts) -> TestCounts {
    var sum = lhs
    sum.tests += rhs.tests
    sum.failures += rhs.failures
    sum.errors += rhs.errors
    sum.skipped += rhs.skipped
    sum.flaky += rhs.flaky
    return sum
  }
}
