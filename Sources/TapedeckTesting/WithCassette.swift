import Foundation
public import Tapedeck
import XCTest

#if canImport(FoundationNetworking)
  public import FoundationNetworking
#endif

/// Runs `body` with a session on a cassette, then reports every unmatched request as a failure
/// at the call site (in XCTest or Swift Testing) and saves what was recorded.
///
/// ```swift
/// func testPatch() throws {
///   try withCassette("DeviceStatusTests/patch") { session in … }
/// }
/// ```
public func withCassette<Result>(
  _ name: String, record: RecordMode? = nil, matching: RequestMatching = .default, redactor: Redactor = .default,
  allowPlaybackRepeats: Bool = false, directory: CassetteDirectory? = nil, fileID: String = #fileID,
  filePath: StaticString = #filePath, line: UInt = #line, column: UInt = #column,
  _ body: (URLSession) throws -> Result
) throws -> Result {
  let site = CallSite(fileID: fileID, filePath: filePath, line: line, column: column)
  let player = try CassetteScope.open(name, record, matching, redactor, allowPlaybackRepeats, directory, site)
  do {
    let result = try ActiveCassette.$player.withValue(player) { try body(player.makeURLSession()) }
    CassetteScope.close(player, site)
    return result
  } catch {
    CassetteScope.close(player, site)
    throw error
  }
}

/// The async form of ``withCassette(_:record:matching:redactor:allowPlaybackRepeats:directory:fileID:filePath:line:column:_:)-(_,_,_,_,_,_,_,_,_,_,(URLSession)->Result)``.
///
/// ```swift
/// func testPatch() async throws {
///   try await withCassette("DeviceStatusTests/patch") { session in try await client(session).patch() }
/// }
/// ```
public func withCassette<Result>(
  _ name: String, record: RecordMode? = nil, matching: RequestMatching = .default, redactor: Redactor = .default,
  allowPlaybackRepeats: Bool = false, directory: CassetteDirectory? = nil, fileID: String = #fileID,
  filePath: StaticString = #filePath, line: UInt = #line, column: UInt = #column,
  _ body: (URLSession) async throws -> Result
) async throws -> Result {
  let site = CallSite(fileID: fileID, filePath: filePath, line: line, column: column)
  let player = try CassetteScope.open(name, record, matching, redactor, allowPlaybackRepeats, directory, site)
  do {
    let result = try await ActiveCassette.$player.withValue(player) { try await body(player.makeURLSession()) }
    CassetteScope.close(player, site)
    return result
  } catch {
    CassetteScope.close(player, site)
    throw error
  }
}

/// Opening and closing a cassette around a body, reporting problems at the call site.
enum CassetteScope {
  static func open(
    _ name: String, _ record: RecordMode?, _ matching: RequestMatching, _ redactor: Redactor, _ repeats: Bool,
    _ directory: CassetteDirectory?, _ site: CallSite
  ) throws -> CassettePlayer {
    do {
      let folder = try directory ?? CassetteDirectory.containing(sourceFile: "\(site.filePath)")
      return try CassettePlayer(
        cassette: name, record: record, matching: matching, redactor: redactor, allowPlaybackRepeats: repeats,
        directory: folder)
    } catch {
      FailureReporter.fail("\(error)", at: site)
      throw error
    }
  }

  static func close(_ player: CassettePlayer, _ site: CallSite) {
    for error in player.unmatchedRequests { FailureReporter.fail(error.description, at: site) }
    do {
      try player.finish()
    } catch {
      FailureReporter.fail("\(error)", at: site)
    }
    JUnitTestObserver.current?.noteCassette(player.fileURL.path)
  }
}
