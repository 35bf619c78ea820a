import Foundation
import GraphTenant
import Tapedeck

/// One recording or playback in progress under its recording id: a cassette player, and what
/// the client asked for (`/Record/Start` or `/Playback/Start`).
final class RecordingSession: Sendable {
  /// What the session was started as.
  enum Kind: String, Sendable {
    case record, playback
  }

  /// The recording id (`x-recording-id`).
  let id: String
  /// Record or playback.
  let kind: Kind
  /// The player answering the session's requests.
  let player: CassettePlayer

  init(id: String, kind: Kind, player: CassettePlayer) {
    self.id = id
    self.kind = kind
    self.player = player
  }

  /// Saves what was recorded, unless the audit (the same check `tapedeck record` and
  /// `tapedeck audit` make) still finds something to scrub: then nothing is written and
  /// ``AuditRefusalError`` says what was found (scrubbed). Returns how many interactions the
  /// file holds now (0 when nothing was recorded and nothing written).
  func save(environment: [String: String]) throws -> Int {
    guard let recorded = try player.cassetteToSave() else {
      try player.finish()
      return 0
    }
    let findings = CassetteAudit.findings(in: recorded, rules: CassetteAudit.rules(environment: environment))
    guard findings.isEmpty else {
      throw AuditRefusalError(path: player.fileURL.path, findings: findings.map { player.scrub($0.description) })
    }
    try player.finish()
    return recorded.interactions.count
  }
}
