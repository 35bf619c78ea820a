import Foundation

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
