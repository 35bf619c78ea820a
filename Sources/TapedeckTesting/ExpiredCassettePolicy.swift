public import Foundation

/// What a test does with a cassette older than its `maxAge`.
///
/// ```swift
/// CassetteConfiguration(maxAge: CassetteAge(days: 90), expiredCassettes: .fail)
/// ```
public enum ExpiredCassettePolicy: String, Sendable, Hashable, CaseIterable {
  /// Fail the test with `ExpiredCassetteError`.
  case fail
  /// Re-record the whole cassette (`.all`) when the record mode can record (`.once`,
  /// `.missing`); fail where it cannot (`.never`, as under CI).
  case reRecord = "rerecord"

  /// The policy `TAPEDECK_EXPIRED` names (`fail` or `rerecord`), or `nil`.
  ///
  /// ```swift
  /// ExpiredCassettePolicy.fromEnvironment(["TAPEDECK_EXPIRED": "fail"])  // .fail
  /// ```
  public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
    -> ExpiredCassettePolicy?
  {
    environment["TAPEDECK_EXPIRED"].flatMap { ExpiredCassettePolicy(rawValue: $0.lowercased()) }
  }
}
