import Foundation
import GraphTenant
public import Tapedeck
import XCTest

#if canImport(FoundationNetworking)
  public import FoundationNetworking
#endif

/// Runs `body` with a session on a cassette, then reports every unmatched request once, as a
/// failure at the call site (in XCTest or Swift Testing), and saves what was recorded.
///
/// Defaults are Graph-safe: the Graph redaction preset and the write guard. The cassettes
/// folder is `TAPEDECK_CASSETTES`, else `cassettes/` next to the `Package.swift` above the
/// calling file.
///
/// ```swift
/// func testPatch() throws {
///   try withCassette("DeviceStatusTests/patch") { session in … }
/// }
/// ```
public func withCassette<Result>(
  _ name: String, record: RecordMode? = nil, matching: RequestMatching? = nil, redactor: Redactor? = nil,
  allowPlaybackRepeats: Bool? = nil, source: Cassette.Source? = nil, liveRequestGuard: LiveRequestGuard? = nil,
  recordingView: RecordingView? = nil, directory: CassetteDirectory? = nil, fileID: String = #fileID,
  filePath: StaticString = #filePath,
  line: UInt = #line, column: UInt = #column, _ body: (URLSession) throws -> Result
) throws -> Result {
  let site = CallSite(fileID: fileID, filePath: filePath, line: line, column: column)
  let configuration = CassetteConfiguration(
    record: record, matching: matching, redactor: redactor, directory: directory,
    allowPlaybackRepeats: allowPlaybackRepeats, source: source, liveRequestGuard: liveRequestGuard,
    recordingView: recordingView)
  let player = try CallSiteCassette.open(name, configuration, site)
  let result: Result
  do {
    result = try ActiveCassette.$player.withValue(player) { try body(player.makeURLSession()) }
  } catch {
    throw CallSiteCassette.close(player, configuration, thrown: error, site) ?? error
  }
  if let error = CallSiteCassette.close(player, configuration, thrown: nil, site) { throw error }
  return result
}

/// The async form of ``withCassette(_:record:matching:redactor:allowPlaybackRepeats:source:liveRequestGuard:recordingView:directory:fileID:filePath:line:column:_:)-8exji``.
///
/// ```swift
/// func testPatch() async throws {
///   try await withCassette("DeviceStatusTests/patch") { session in try await client(session).patch() }
/// }
/// ```
public func withCassette<Result>(
  _ name: String, record: RecordMode? = nil, matching: RequestMatching? = nil, redactor: Redactor? = nil,
  allowPlaybackRepeats: Bool? = nil, source: Cassette.Source? = nil, liveRequestGuard: LiveRequestGuard? = nil,
  recordingView: RecordingView? = nil, directory: CassetteDirectory? = nil, fileID: String = #fileID,
  filePath: StaticString = #filePath,
  line: UInt = #line, column: UInt = #column, _ body: (URLSession) async throws -> Result
) async throws -> Result {
  let site = CallSite(fileID: fileID, filePath: filePath, line: line, column: column)
  let configuration = CassetteConfiguration(
    record: record, matching: matching, redactor: redactor, directory: directory,
    allowPlaybackRepeats: allowPlaybackRepeats, source: source, liveRequestGuard: liveRequestGuard,
    recordingView: recordingView)
  let player = try CallSiteCassette.open(name, configuration, site)
  let result: Result
  do {
    result = try await ActiveCassette.$player.withValue(player) {
      try await ScrubbedIssue.scrubbingIssues(with: player) { try await body(player.makeURLSession()) }
    }
  } catch {
    throw CallSiteCassette.close(player, configuration, thrown: error, site) ?? error
  }
  if let error = CallSiteCassette.close(player, configuration, thrown: nil, site) { throw error }
  return result
}

/// `withCassette`'s opening and closing, reporting at the call site.
enum CallSiteCassette {
  static func open(_ name: String, _ configuration: CassetteConfiguration, _ site: CallSite) throws
    -> CassettePlayer
  {
    do {
      return try CassetteScope.open(name, configuration) {
        try CassetteDirectory.containing(sourceFile: "\(site.filePath)")
      }
    } catch {
      FailureReporter.fail(Redactor.graph().scrubbing("\(error)"), at: site)
      throw error
    }
  }

  /// Reports and saves; returns the error to throw (`nil` when the body succeeded and all is well).
  static func close(
    _ player: CassettePlayer, _ configuration: CassetteConfiguration, thrown: (any Error)?, _ site: CallSite
  ) -> (any Error)? {
    CassetteScope.close(player, configuration, thrown: thrown) { FailureReporter.fail($0, at: site) }
  }
}
