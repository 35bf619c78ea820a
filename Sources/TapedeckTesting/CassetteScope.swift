import Foundation
import GraphTenant
import Tapedeck

/// Opening and closing a cassette around a test body, in one place for every entry point:
/// Graph-safe defaults going in, each failure reported once coming out.
enum CassetteScope {
  /// Opens a player with `own` merged over the enclosing ``CassetteConfiguration`` scope, then
  /// the test glue's defaults: the Graph redaction preset and the write guard unless chosen
  /// otherwise, and `defaultDirectory` when no level names a folder. The record mode left `nil`
  /// is resolved by the player (the enclosing scope, `TAPEDECK_RECORD`, CI), saying where it
  /// came from.
  static func open(
    _ name: String, _ own: CassetteConfiguration, defaultDirectory: () throws -> CassetteDirectory
  ) throws -> CassettePlayer {
    let effective = own.merged(over: .scoped)
    return try CassettePlayer(
      cassette: name, record: own.record, matching: effective.matching ?? .default,
      redactor: effective.redactor ?? .graph(), allowPlaybackRepeats: effective.allowPlaybackRepeats ?? false,
      source: effective.source, directory: try effective.directory ?? defaultDirectory(),
      liveRequestGuard: effective.liveRequestGuard, recordingView: effective.recordingView)
  }

  /// Reports every unmatched request (once each) and any save failure through `report`, saves
  /// what was recorded, and returns the error to pass on: the body's error (a ``ScrubbedError``
  /// when its text held a secret or personal value), or ``UnmatchedRequestsReportedError`` in
  /// place of one that only repeats a reported story. Everything reported is scrubbed.
  static func close(_ player: CassettePlayer, thrown: (any Error)?, report: (String) -> Void) -> (any Error)? {
    let misses = player.takeUnmatchedRequests()
    for miss in misses { report(player.scrub(miss.description)) }
    do {
      try player.finish()
    } catch {
      report(player.scrub("\(error)"))
    }
    JUnitTestObserver.current?.noteCassette(player.fileURL.path, scrubbing: player.scrub)
    guard let thrown else { return nil }
    if !misses.isEmpty, thrown is UnmatchedRequestError || "\(thrown)".contains(UnmatchedRequestError.headline) {
      return UnmatchedRequestsReportedError(count: misses.count, cassettePath: player.fileURL.path)
    }
    return player.scrubbed(thrown)
  }
}
