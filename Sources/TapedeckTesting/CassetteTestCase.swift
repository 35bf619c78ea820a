import Foundation
import GraphTenant
public import Tapedeck
public import XCTest

#if canImport(FoundationNetworking)
  public import FoundationNetworking
#endif

/// An XCTest base class that puts every test on its own cassette,
/// `cassettes/<Class>/<test>.json`, and hands it a session with ``cassetteSession(fileID:filePath:line:column:)``.
///
/// ```swift
/// final class DeviceStatusTests: CassetteTestCase {
///   func testPatch() async throws {
///     let (data, _) = try await cassetteSession().data(for: request)
///   }
/// }
/// ```
///
/// Defaults are Graph-safe: the Graph redaction preset and the write guard. Failures (requests
/// with no recording, a failed save) are reported at the line that called
/// ``cassetteSession(fileID:filePath:line:column:)``, in your test file.
///
/// The cassettes folder is `TAPEDECK_CASSETTES`, else `cassettes/` next to the `Package.swift`
/// in the working directory (`swift test` runs in the package root: XCTest does not say which
/// file a test is in); override ``cassetteDirectory`` to choose another.
open class CassetteTestCase: XCTestCase {
  /// The current test's player.
  public private(set) var cassettePlayer: CassettePlayer?
  private var session: URLSession?
  private var reportSite: CallSite?

  /// The current test's session on its cassette (one per test). Failures are reported at the
  /// line that first asked for it.
  ///
  /// ```swift
  /// let (data, response) = try await cassetteSession().data(for: request)
  /// ```
  public func cassetteSession(
    fileID: String = #fileID, filePath: StaticString = #filePath, line: UInt = #line, column: UInt = #column
  ) -> URLSession {
    guard let cassettePlayer else {
      fatalError("cassetteSession() is only available while a CassetteTestCase test runs")
    }
    if reportSite == nil { reportSite = CallSite(fileID: fileID, filePath: filePath, line: line, column: column) }
    if let session { return session }
    let made = cassettePlayer.makeURLSession()
    session = made
    return made
  }

  /// The record mode for this class's tests (default: the enclosing scope, `TAPEDECK_RECORD`, then
  /// `.never` under CI and `.once` elsewhere).
  open var cassetteRecordMode: RecordMode? { nil }
  /// How requests match (default: the enclosing scope's, else `RequestMatching.default`).
  open var cassetteMatching: RequestMatching? { nil }
  /// What is scrubbed (default: `Redactor.graph()`).
  open var cassetteRedactor: Redactor? { nil }
  /// The `source` of a new cassette (default: `sandbox` when every live request went to loopback).
  open var cassetteSource: Cassette.Source? { nil }
  /// The check on live requests while recording (default: the write guard).
  open var cassetteLiveRequestGuard: LiveRequestGuard? { nil }
  /// What the test sees while recording (default: what replay will give it; see `RecordingView`).
  open var cassetteRecordingView: RecordingView? { nil }
  /// Where cassettes live (default: the enclosing scope's, else `TAPEDECK_CASSETTES`, else
  /// `cassettes/` next to the `Package.swift` in the working directory).
  open var cassetteDirectory: CassetteDirectory? {
    get throws { nil }
  }
  /// Whether a recording may answer more than once (default: the enclosing scope's, else `false`).
  open var cassetteAllowsPlaybackRepeats: Bool? { nil }

  /// `<Class>/<test>` from XCTest's `Class.test` name.
  open var cassetteName: String {
    let (classname, method) = JUnitTestObserver.names(self)
    return "\(classname.split(separator: ".").last ?? "Tests")/\(method)"
  }

  #if canImport(Darwin)
    /// Every failure the test records is scrubbed of the secrets and personal values its
    /// cassette's player saw (and of tokens and secret fields anywhere) before XCTest prints it.
    open override func record(_ issue: XCTIssue) {
      var scrubbed = issue
      let scrub = cassettePlayer?.scrub ?? Redactor.graph().scrubbing
      scrubbed.compactDescription = scrub(issue.compactDescription)
      if let detailed = issue.detailedDescription { scrubbed.detailedDescription = scrub(detailed) }
      super.record(scrubbed)
    }
  #else
    /// Every failure the test records is scrubbed of the secrets and personal values its
    /// cassette's player saw (and of tokens and secret fields anywhere) before XCTest prints it.
    open override func recordFailure(
      withDescription description: String, inFile filePath: String, atLine lineNumber: Int, expected: Bool
    ) {
      let scrub = cassettePlayer?.scrub ?? Redactor.graph().scrubbing
      super.recordFailure(
        withDescription: scrub(description), inFile: filePath, atLine: lineNumber, expected: expected)
    }
  #endif

  open override func invokeTest() {
    let player: CassettePlayer
    let configuration: CassetteConfiguration
    do {
      configuration = CassetteConfiguration(
        record: cassetteRecordMode, matching: cassetteMatching, redactor: cassetteRedactor,
        directory: try cassetteDirectory, allowPlaybackRepeats: cassetteAllowsPlaybackRepeats, source: cassetteSource,
        liveRequestGuard: cassetteLiveRequestGuard, recordingView: cassetteRecordingView)
      player = try CassetteScope.open(cassetteName, configuration) {
        try CassetteDirectory.containing(sourceFile: FileManager.default.currentDirectoryPath + "/Package.swift")
      }
    } catch {
      XCTFail(Redactor.graph().scrubbing("\(error)"))
      return
    }
    cassettePlayer = player
    CassetteConfiguration.withMerged(CassetteConfiguration(record: cassetteRecordMode)) {
      ActiveCassette.$player.withValue(player) { super.invokeTest() }
    }
    let site = reportSite
    _ = CassetteScope.close(player, configuration, thrown: nil) { message in
      if let site { XCTFail(message, file: site.filePath, line: site.line) } else { XCTFail(message) }
    }
    cassettePlayer = nil
    session = nil
    reportSite = nil
  }
}
