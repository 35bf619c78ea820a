import Foundation

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
