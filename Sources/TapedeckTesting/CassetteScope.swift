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
    let directory = try effective.directory ?? defaultDirectory()
    func player(_ record: RecordMode?) throws -> CassettePlayer {
      try CassettePlayer(
        cassette: name, record: record, matching: effective.matching ?? .default,
        redactor: effective.redactor ?? .graph(), allowPlaybackRepeats: effective.allowPlaybackRepeats ?? false,
        source: effective.source, directory: directory, liveRequestGuard: effective.liveRequestGuard,
        recordingView: effective.recordingView)
    }
    let opened = try player(own.record)
    // Expiry: a cassette older than the limit is re-recorded where the mode can record, else it fails.
    let environment = ProcessInfo.processInfo.environment
    guard let limit = try effective.maxAge ?? CassetteAge.fromEnvironment(environment),
      let oldest = opened.oldestRecording, limit.isExceeded(byRecordingAt: oldest),
      opened.mode != .all, opened.mode != .passthrough
    else { return opened }
    let policy = effective.expiredCassettes ?? ExpiredCassettePolicy.fromEnvironment(environment) ?? .reRecord
    if policy == .reRecord, opened.mode == .once || opened.mode == .missing { return try player(.all) }
    throw ExpiredCassetteError(
      cassettePath: opened.fileURL.path, oldestRecording: oldest, limit: limit, mode: opened.mode)
  }

  /// Reports every unmatched request (once each) and any save failure through `report`, saves
  /// what was recorded, and returns the error to pass on: the body's error (a ``ScrubbedError``
  /// when its text held a secret or personal value), or ``UnmatchedRequestsReportedError`` in
  /// place of one that only repeats a reported story. Everything reported is scrubbed.
  ///
  /// With `failsOnUnusedInteractions` (from `own`, the scope, or `TAPEDECK_UNUSED_INTERACTIONS=fail`),
  /// a test that passed otherwise fails listing the interactions it never played; with
  /// `TAPEDECK_USAGE_LOG`, what the test opened and played is appended to the log.
  static func close(
    _ player: CassettePlayer, _ own: CassetteConfiguration, thrown: (any Error)?, report: (String) -> Void
  ) -> (any Error)? {
    let misses = player.takeUnmatchedRequests()
    for miss in misses { report(player.scrub(miss.description)) }
    let environment = ProcessInfo.processInfo.environment
    let effective = own.merged(over: .scoped)
    let strict =
      effective.failsOnUnusedInteractions
      ?? (environment["TAPEDECK_UNUSED_INTERACTIONS"]?.lowercased() == "fail")
    let unplayed = player.unplayedInteractions
    if strict, thrown == nil, misses.isEmpty, !unplayed.isEmpty {
      let error = UnusedInteractionsError(
        cassettePath: player.fileURL.path, interactionCount: player.loadedInteractionCount,
        unplayed: unplayed.map { ($0.index, "\($0.interaction.request.method)", $0.interaction.request.url) })
      report(player.scrub(error.description))
    }
    if let log = effective.usageLog ?? CassetteUsageLog.fromEnvironment(environment) {
      do {
        try CassetteUsageLog.append(CassetteUsageLog.Entry(player: player), to: log)
      } catch {
        report("Tapedeck: cannot append to the usage log \(log.path) (TAPEDECK_USAGE_LOG): \(error)")
      }
    }
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
