import Foundation
import GraphTenant
public import Tapedeck
public import Testing

#if canImport(FoundationNetworking)
  public import FoundationNetworking
#endif

/// Puts a Swift Testing test (or every test of a suite) on a cassette.
///
/// ```swift
/// @Test(.cassette) func patchCompliance() async throws {
///   let (data, _) = try await cassetteSession().data(for: request)
/// }
/// @Suite(.cassette(record: .never)) struct DeviceStatusTests { … }
/// ```
///
/// Without a name, the cassette is `cassettes/<Suite>/<Nested suite>/<test>.json` (a test
/// outside any suite: `cassettes/<test>.json`), in the `cassettes` folder next to the
/// `Package.swift` above the test's source file, or `TAPEDECK_CASSETTES`. Each argument set of
/// a parameterized test gets its own cassette named after its arguments,
/// `…/<test>/compliant.json` (values joined with `_`), or a readable slug and a stable hash,
/// `…/<test>/__x__1__y__2_-4f2a19c0.json`, when a value does not make a plain file name; see
/// <doc:GettingStarted>. Give an explicit name to share one cassette (and run the test
/// `.serialized`).
///
/// Defaults are Graph-safe: the Graph redaction preset (`Redactor.graph()`) and the write guard
/// (`TAPEDECK_ALLOW_WRITES`). After the test, every request that had no recording is reported
/// once, as a failure at the test, with the whole story; nothing reaches the network in `.never`.
public struct CassetteTrait: TestTrait, SuiteTrait, TestScoping {
  /// Tells this declaration from a suite's copy applied to its tests.
  let id = UUID()
  let name: String?
  let configuration: CassetteConfiguration

  /// A suite's cassette trait applies to each of its tests.
  public var isRecursive: Bool { true }

  public func provideScope(
    for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
  ) async throws {
    // A suite's trait reaches its tests too; a test's own `.cassette` wins over it.
    let mostSpecific = test.traits.compactMap { $0 as? CassetteTrait }.last
    if test.isSuite || mostSpecific.map({ $0.id != id }) == true {
      // A suite's choices are the scope of its tests, field by field; each test opens its own
      // cassette, and what the test's own `.cassette` sets wins.
      try await CassetteConfiguration.withMerged(configuration) { try await function() }
      return
    }
    let location = test.sourceLocation
    func report(_ message: String) { Issue.record(Comment(rawValue: message), sourceLocation: location) }
    guard let cassetteName = name ?? CassetteNaming.name(for: test, testCase: testCase) else {
      report(UnnamedCaseError(test: test.id.nameComponents.joined(separator: "/")).description)
      return
    }
    let player: CassettePlayer
    do {
      player = try CassetteScope.open(cassetteName, configuration) {
        try CassetteDirectory.containing(sourceFile: location.filePath)
      }
    } catch {
      report("\(error)")
      return
    }
    var thrown: (any Error)?
    // Every issue the test records (a failed expectation, a caught error) is scrubbed of the
    // secrets and personal values this cassette's player saw before Swift Testing prints it.
    let scrubbing = IssueHandlingTrait.compactMapIssues { issue in ScrubbedIssue.scrub(issue, with: player) }
    do {
      try await CassetteConfiguration.withMerged(configuration) {
        try await ActiveCassette.$player.withValue(player) {
          try await scrubbing.provideScope(for: test, testCase: testCase, performing: function)
        }
      }
    } catch {
      thrown = error
    }
    let passOn = CassetteScope.close(player, configuration, thrown: thrown, report: report)
    // A story already reported is not thrown again: Swift Testing would print it a second time.
    if let passOn, !(passOn is UnmatchedRequestsReportedError) { throw passOn }
  }
}

extension Trait where Self == CassetteTrait {
  /// A cassette named after the suite and test, with the Graph redaction preset and the write guard.
  public static var cassette: CassetteTrait { .cassette() }

  /// A cassette: name (default: from suite, test and arguments), record mode (default: scope,
  /// then `TAPEDECK_RECORD`, then `.never` under CI and `.once` elsewhere), matching (default:
  /// `.default`), redaction (default: `Redactor.graph()`), the `source` written into a new
  /// cassette (default: `sandbox` when every live request went to loopback, else `live`), the
  /// live-request guard (default: the write guard from `TAPEDECK_ALLOW_WRITES`), and what the
  /// test sees while recording (default: what replay will give it; see `RecordingView`).
  ///
  /// On a suite, every choice made here is the default of its tests (and nested suites): a
  /// test's own `.cassette` overrides only the fields it sets, as a ``CassetteConfiguration``
  /// scope does.
  ///
  /// ```swift
  /// @Test(.cassette("DeviceStatus/patch", record: .once, matching: .default.ignoringJSONPaths("$.lastReportedDateTime")))
  /// ```
  public static func cassette(
    _ name: String? = nil, record: RecordMode? = nil, matching: RequestMatching? = nil,
    redactor: Redactor? = nil, allowPlaybackRepeats: Bool? = nil, source: Cassette.Source? = nil,
    liveRequestGuard: LiveRequestGuard? = nil, recordingView: RecordingView? = nil
  ) -> CassetteTrait {
    .cassette(
      name,
      CassetteConfiguration(
        record: record, matching: matching, redactor: redactor, allowPlaybackRepeats: allowPlaybackRepeats,
        source: source, liveRequestGuard: liveRequestGuard, recordingView: recordingView))
  }

  /// A cassette with a whole ``CassetteConfiguration`` (its `directory` included), merged over
  /// the enclosing suite's and scope's.
  ///
  /// ```swift
  /// @Suite(.cassette(nil, CassetteConfiguration(record: .never, directory: fixtures))) struct StatusTests { … }
  /// ```
  public static func cassette(_ name: String?, _ configuration: CassetteConfiguration) -> CassetteTrait {
    CassetteTrait(name: name, configuration: configuration)
  }
}

/// The player of the cassette the current test runs on.
enum ActiveCassette {
  @TaskLocal static var player: CassettePlayer?
}

/// The `URLSession` of the current test's cassette (from `.cassette` or `withCassette`): the
/// same session on every call within one test.
///
/// ```swift
/// let (data, response) = try await cassetteSession().data(for: request)
/// ```
public func cassetteSession() throws -> URLSession {
  guard let player = ActiveCassette.player else { throw NoActiveCassetteError() }
  return player.sharedURLSession
}

/// The player of the current test's cassette, or `nil` outside one.
public var currentCassette: CassettePlayer? { ActiveCassette.player }
