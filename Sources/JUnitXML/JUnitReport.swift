import Foundation

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
