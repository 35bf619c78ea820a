import Foundation
import HTTPTypes
import Tapedeck
import TapedeckSupport

/// `verify --max-age` and `verify --usage`: findings about how old a cassette is and whether the
/// test run used it.
enum VerifyFreshness {
  /// `result` with an `expired` finding when its oldest interaction is older than `limit`.
  static func expiry(_ result: CassetteVerifier.Result, limit: CassetteAge, now: Date = Date())
    -> CassetteVerifier.Result
  {
    guard let oldest = result.interactions.map(\.recordedAt).min(),
      limit.isExceeded(byRecordingAt: oldest, now: now)
    else { return result }
    let days = CassetteAge.days(since: oldest, now: now)
    let finding = CassetteVerifier.Finding(
      interaction: nil, path: "$", rule: "expired",
      message:
        "\(days) days old (oldest interaction recorded \(CivilTime.text(ofSecond: CivilTime.wholeSecond(of: oldest)))Z), past the limit of \(limit): re-record it (TAPEDECK_RECORD=all) or check it with tapedeck drift",
      isWarning: false)
    return adding([finding], to: result)
  }

  /// `result` with an `orphan` warning when no test opened it, or an `unplayed` warning for each
  /// interaction no test played (none when a test rewrote it).
  static func usage(_ result: CassetteVerifier.Result, entries: [CassetteUsageLog.Entry]) -> CassetteVerifier.Result {
    let path = result.file.standardizedFileURL.path
    let mine = entries.filter { $0.cassettePath == path }
    if mine.isEmpty {
      return adding(
        [
          CassetteVerifier.Finding(
            interaction: nil, path: "$", rule: "orphan", message: "no test opened this cassette in the logged run",
            isWarning: true)
        ], to: result)
    }
    if mine.contains(where: \.rewritten) { return result }
    let played = Set(mine.flatMap(\.played))
    let findings = result.interactions.indices.filter { !played.contains($0) }.map { index in
      CassetteVerifier.Finding(
        interaction: index, path: "$.interactions[\(index)]", rule: "unplayed",
        message: "no test played this interaction in the logged run", isWarning: true)
    }
    return adding(findings, to: result)
  }

  /// The text listing of orphans and unplayed interactions.
  static func usageLines(_ results: [CassetteVerifier.Result], log: String, openings: Int) -> [String] {
    var lines = ["", "Usage (\(TerminalText.escaped(log)), \(openings) cassette opening\(openings == 1 ? "" : "s")):"]
    var listed = 0
    for result in results {
      for finding in result.findings where finding.rule == "orphan" || finding.rule == "unplayed" {
        listed += 1
        if let index = finding.interaction {
          let request = result.interactions[index].request
          lines.append(
            "  \(TerminalText.escaped(result.displayPath)) #\(index) \(request.method.rawValue) \(TerminalText.escaped(request.url)): never played"
          )
        } else {
          lines.append("  \(TerminalText.escaped(result.displayPath)): no test opened it")
        }
      }
    }
    if listed == 0 { lines.append("  every cassette was opened and every interaction played") }
    return lines
  }

  static func adding(_ findings: [CassetteVerifier.Finding], to result: CassetteVerifier.Result)
    -> CassetteVerifier.Result
  {
    guard !findings.isEmpty else { return result }
    return CassetteVerifier.Result(
      file: result.file, displayPath: result.displayPath, interactionCount: result.interactionCount,
      interactions: result.interactions, findings: result.findings + findings)
  }
}
