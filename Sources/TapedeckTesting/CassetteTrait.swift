import Foundation
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
/// Without a name, the cassette is `cassettes/<Suite>/<Nested suite>/<test>.json`. Each argument
/// set of a parameterized test gets its own cassette, `…/<test>/<hash of the arguments>.json`, so
/// cases can run in parallel; give an explicit name to share one cassette (and run the test
/// `.serialized`). After the test, every request that had no recording is reported as a
/// failure at the test, with the whole story; nothing reaches the network in `.never`.
public struct CassetteTrait: TestTrait, SuiteTrait, TestScoping {
  /// Tells this declaration from a suite's copy applied to its tests.
  let id = UUID()
  let name: String?
  let record: RecordMode?
  let matching: RequestMatching
  let redactor: Redactor
  let allowPlaybackRepeats: Bool
  let filePath: String

  /// A suite's cassette trait applies to each of its tests.
  public var isRecursive: Bool { true }

  public func provideScope(
    for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
  ) async throws {
    // A suite's trait reaches its tests too; a test's own `.cassette` wins over it.
    let mostSpecific = test.traits.compactMap { $0 as? CassetteTrait }.last
    if test.isSuite || mostSpecific.map({ $0.id != id }) == true {
      // A suite sets the record mode for its tests; each test opens its own cassette.
      if let record {
        try await RecordMode.$scoped.withValue(record) { try await function() }
      } else {
        try await function()
      }
      return
    }
    let cassetteName = name ?? CassetteNaming.name(for: test, testCase: testCase)
    let player: CassettePlayer
    do {
      player = try CassettePlayer(
        cassette: cassetteName, record: record, matching: matching, redactor: redactor,
        allowPlaybackRepeats: allowPlaybackRepeats,
        directory: try CassetteDirectory.containing(sourceFile: test.sourceLocation.filePath))
    } catch {
      Issue.record(Comment(rawValue: "\(error)"), sourceLocation: test.sourceLocation)
      return
    }
    try await RecordMode.$scoped.withValue(record ?? RecordMode.scoped) {
      try await ActiveCassette.$player.withValue(player) {
        do {
          try await function()
        } catch {
          CassetteFailures.report(player, at: test.sourceLocation)
          try? player.finish()
          throw error
        }
      }
    }
    CassetteFailures.report(player, at: test.sourceLocation)
    do {
      try player.finish()
    } catch {
      Issue.record(Comment(rawValue: "\(error)"), sourceLocation: test.sourceLocation)
    }
  }
}

extension Trait where Self == CassetteTrait {
  /// A cassette named after the suite and test.
  public static var cassette: CassetteTrait { .cassette() }

  /// A cassette: name (default: from suite and test), record mode (default: scope, then
  /// `TAPEDECK_RECORD`, then `.never` under CI and `.once` elsewhere), matching and redaction.
  ///
  /// ```swift
  /// @Test(.cassette("DeviceStatus/patch", record: .once, matching: .default.ignoringJSONPaths("$.lastReportedDateTime")))
  /// ```
  public static func cassette(
    _ name: String? = nil, record: RecordMode? = nil, matching: RequestMatching = .default,
    redactor: Redactor = .default, allowPlaybackRepeats: Bool = false, filePath: String = #filePath
  ) -> CassetteTrait {
    CassetteTrait(
      name: name, record: record, matching: matching, redactor: redactor, allowPlaybackRepeats: allowPlaybackRepeats,
      filePath: filePath)
  }
}

/// The player of the cassette the current test runs on.
enum ActiveCassette {
  @TaskLocal static var player: CassettePlayer?
}

/// The `URLSession` of the current test's cassette (from `.cassette` or `withCassette`).
///
/// ```swift
/// let (data, response) = try await cassetteSession().data(for: request)
/// ```
public func cassetteSession() throws -> URLSession {
  guard let player = ActiveCassette.player else { throw NoActiveCassetteError() }
  return player.makeURLSession()
}

/// The player of the current test's cassette, or `nil` outside one.
public var currentCassette: CassettePlayer? { ActiveCassette.player }

/// `cassetteSession()` was called outside a test on a cassette.
public struct NoActiveCassetteError: Error, CustomStringConvertible, Sendable {
  public var description: String {
    "No cassette is active: add `.cassette` to the @Test or @Suite (Swift Testing), or wrap the code in withCassette(…) (XCTest)."
  }
}
