public import Foundation
public import Tapedeck

/// How tests use cassettes, set once for many: a scope (``withCassetteConfiguration(_:operation:)-5hp7t``),
/// a suite's `.cassette(…)` trait, a test's own, and a call's arguments, merged field by field
/// with the innermost winning. A field left `nil` takes the enclosing scope's value, then the
/// built-in default (Graph-safe: `Redactor.graph()` and the write guard).
///
/// ```swift
/// try await withCassetteConfiguration(CassetteConfiguration(record: .never, matching: .default.ignoringJSONPaths("$.lastReportedDateTime"))) {
///   try await runTheSuite()
/// }
/// ```
public struct CassetteConfiguration: Sendable {
  /// The record mode (default: `TAPEDECK_RECORD`, then `.never` under CI and `.once` elsewhere).
  public var record: RecordMode?
  /// How requests match recordings (default: `RequestMatching.default`).
  public var matching: RequestMatching?
  /// What is scrubbed before anything reaches disk (default: `Redactor.graph()`).
  public var redactor: Redactor?
  /// The cassettes folder (default: `TAPEDECK_CASSETTES`, else `cassettes/` next to the
  /// `Package.swift` above the test's file).
  public var directory: CassetteDirectory?
  /// Whether a recording may answer more than once (default: `false`).
  public var allowPlaybackRepeats: Bool?
  /// The `source` written into a new cassette (default: `sandbox` when every live request went
  /// to loopback, else `live`).
  public var source: Cassette.Source?
  /// The check on live requests while recording (default: the write guard from `TAPEDECK_ALLOW_WRITES`).
  public var liveRequestGuard: LiveRequestGuard?
  /// What the test sees while recording (default: what replay will give it).
  public var recordingView: RecordingView?
  /// How old a cassette may be (default: `TAPEDECK_MAX_AGE`, else no limit); see ``expiredCassettes``.
  public var maxAge: CassetteAge?
  /// What happens to a cassette older than ``maxAge`` (default: `TAPEDECK_EXPIRED`, else
  /// ``ExpiredCassettePolicy/reRecord``, which fails where the mode cannot record).
  public var expiredCassettes: ExpiredCassettePolicy?
  /// Whether a test fails when its cassette holds interactions it never played, listing them
  /// (default: `TAPEDECK_UNUSED_INTERACTIONS=fail`, else `false`).
  public var failsOnUnusedInteractions: Bool?
  /// A file each test appends the cassettes it opened and the interactions it played to, for
  /// `tapedeck verify --usage` (default: `TAPEDECK_USAGE_LOG`, else none).
  public var usageLog: URL?

  /// A configuration; every field left out takes the enclosing scope's value.
  ///
  /// ```swift
  /// CassetteConfiguration(record: .missing, allowPlaybackRepeats: true)
  /// ```
  public init(
    record: RecordMode? = nil, matching: RequestMatching? = nil, redactor: Redactor? = nil,
    directory: CassetteDirectory? = nil, allowPlaybackRepeats: Bool? = nil, source: Cassette.Source? = nil,
    liveRequestGuard: LiveRequestGuard? = nil, recordingView: RecordingView? = nil, maxAge: CassetteAge? = nil,
    expiredCassettes: ExpiredCassettePolicy? = nil, failsOnUnusedInteractions: Bool? = nil, usageLog: URL? = nil
  ) {
    self.record = record
    self.matching = matching
    self.redactor = redactor
    self.directory = directory
    self.allowPlaybackRepeats = allowPlaybackRepeats
    self.source = source
    self.liveRequestGuard = liveRequestGuard
    self.recordingView = recordingView
    self.maxAge = maxAge
    self.expiredCassettes = expiredCassettes
    self.failsOnUnusedInteractions = failsOnUnusedInteractions
    self.usageLog = usageLog
  }

  /// This configuration's fields, with `outer`'s wherever this one leaves a field `nil`.
  ///
  /// ```swift
  /// let effective = testsOwn.merged(over: suites)
  /// ```
  public func merged(over outer: CassetteConfiguration) -> CassetteConfiguration {
    CassetteConfiguration(
      record: record ?? outer.record, matching: matching ?? outer.matching, redactor: redactor ?? outer.redactor,
      directory: directory ?? outer.directory, allowPlaybackRepeats: allowPlaybackRepeats ?? outer.allowPlaybackRepeats,
      source: source ?? outer.source, liveRequestGuard: liveRequestGuard ?? outer.liveRequestGuard,
      recordingView: recordingView ?? outer.recordingView, maxAge: maxAge ?? outer.maxAge,
      expiredCassettes: expiredCassettes ?? outer.expiredCassettes,
      failsOnUnusedInteractions: failsOnUnusedInteractions ?? outer.failsOnUnusedInteractions,
      usageLog: usageLog ?? outer.usageLog)
  }

  /// The configuration of the innermost scope (all `nil` outside any).
  ///
  /// ```swift
  /// CassetteConfiguration.current.record  // .never inside withCassetteConfiguration(.init(record: .never))
  /// ```
  public static var current: CassetteConfiguration { scoped }

  @TaskLocal static var scoped = CassetteConfiguration()

  /// Runs `operation` with `configuration` merged over the enclosing scope; the record mode also
  /// reaches players made directly (`RecordMode.scoped`).
  static func withMerged<Result>(
    _ configuration: CassetteConfiguration, operation: () async throws -> Result
  ) async rethrows -> Result {
    let merged = configuration.merged(over: scoped)
    return try await $scoped.withValue(merged) {
      try await RecordMode.$scoped.withValue(merged.record ?? RecordMode.scoped, operation: operation)
    }
  }

  /// The synchronous form of ``withMerged(_:operation:)``.
  static func withMerged<Result>(_ configuration: CassetteConfiguration, operation: () throws -> Result) rethrows
    -> Result
  {
    let merged = configuration.merged(over: scoped)
    return try $scoped.withValue(merged) {
      try RecordMode.$scoped.withValue(merged.record ?? RecordMode.scoped, operation: operation)
    }
  }
}

/// Runs `operation` with `configuration` merged over the enclosing one: every `.cassette`
/// test, `withCassette` call and ``CassetteTestCase`` test inside uses its fields unless it sets
/// its own.
///
/// ```swift
/// try await withCassetteConfiguration(CassetteConfiguration(record: .never)) { try await body() }
/// ```
public func withCassetteConfiguration<Result>(
  _ configuration: CassetteConfiguration, operation: () async throws -> Result
) async rethrows -> Result {
  try await CassetteConfiguration.withMerged(configuration, operation: operation)
}

/// Runs `operation` with `configuration` merged over the enclosing one (for XCTest's
/// `invokeTest()` and other synchronous code).
///
/// ```swift
/// override func invokeTest() {
///   withCassetteConfiguration(CassetteConfiguration(record: .missing)) { super.invokeTest() }
/// }
/// ```
public func withCassetteConfiguration<Result>(
  _ configuration: CassetteConfiguration, operation: () throws -> Result
) rethrows -> Result {
  try CassetteConfiguration.withMerged(configuration, operation: operation)
}
