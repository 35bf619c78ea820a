public import Foundation
import HTTPTypes

/// A request with no recorded answer. Its description tells the whole story: the request;
/// the cassette, record mode and matchers; the closest recordings with the fields that differ;
/// then numbered things to do.
///
/// ```swift
/// do { _ = try await session.data(for: request) } catch let error as UnmatchedRequestError { print(error) }
/// ```
public struct UnmatchedRequestError: Error, Sendable, CustomStringConvertible, LocalizedError {
  /// A recording close to the request, and how it differs.
  public struct Candidate: Sendable, Hashable {
    /// The recording's position in the cassette (0-based).
    public let index: Int
    /// The recorded request.
    public let request: RecordedRequest
    /// What differs.
    public let differences: [RequestDifference]
  }

  /// The request, after redaction.
  public let request: RecordedRequest
  /// The cassette file.
  public let cassettePath: String
  /// How many interactions the cassette holds.
  public let interactionCount: Int
  /// The record mode and where it came from.
  public let mode: RecordMode
  /// Where the mode came from ("TAPEDECK_RECORD", "the default under CI", …).
  public let modeOrigin: String
  /// The matchers in use.
  public let matching: String
  /// Up to three plausibly close recordings, closest first (none when nothing is close).
  public let closest: [Candidate]
  /// Notes on what the shown values are (pseudonyms, another redaction key).
  public let notes: [String]
  /// Numbered advice, in order.
  public let advice: [String]

  public var errorDescription: String? { description }

  /// The first line of every unmatched-request story.
  public static let headline = "Tapedeck: no recorded interaction matches this request."

  public var description: String {
    var lines = [Self.headline, "", "Request:"]
    lines.append("  \(request.method.rawValue) \(request.url)")
    if let body = request.body { lines.append("  body: \(BodyPreview.text(body))") }
    lines.append("")
    lines.append("Cassette: \(cassettePath) (\(interactionCount) interaction\(interactionCount == 1 ? "" : "s"))")
    lines.append("Record mode: \(mode) (from \(modeOrigin))")
    lines.append("Matching on: \(matching)")
    for note in notes { lines.append("Note: \(note)") }
    lines.append("")
    if closest.isEmpty {
      lines.append(
        interactionCount == 0
          ? "Closest recorded interactions: none (the cassette is empty)."
          : "Closest recorded interactions: none is close (no recording has this method and path shape).")
    } else {
      lines.append("Closest recorded interactions:")
      for candidate in closest {
        lines.append("  #\(candidate.index) \(candidate.request.method.rawValue) \(candidate.request.url)")
        for difference in candidate.differences.prefix(6) { lines.append("     - \(difference)") }
        if candidate.differences.count > 6 { lines.append("     - … and \(candidate.differences.count - 6) more") }
      }
    }
    lines.append("")
    lines.append("What to do:")
    for (number, item) in advice.enumerated() { lines.append("  \(number + 1). \(item)") }
    return lines.joined(separator: "\n")
  }

  /// Builds the error, ranking recordings and choosing advice. Runs only on a miss.
  static func make(
    request: RecordedRequest, interactions: [Interaction], playCounts: [Int], exhaustedIndices: Set<Int>,
    cassettePath: String, mode: RecordMode, modeOrigin: String, matching: RequestMatching, notes: [String] = []
  ) -> UnmatchedRequestError {
    var ranked: [(score: Int, candidate: Candidate)] = []
    for (index, interaction) in interactions.enumerated() {
      var differences = RequestDifference.between(incoming: request, recorded: interaction.request, matching: matching)
      if differences.isEmpty, exhaustedIndices.contains(index) {
        differences = [.alreadyPlayed(times: playCounts[index])]
      }
      guard Self.isPlausible(differences, incoming: request, recorded: interaction.request) else { continue }
      let score = differences.reduce(0) { $0 + $1.weight }
      ranked.append((score, Candidate(index: index, request: interaction.request, differences: differences)))
    }
    ranked.sort { $0.score != $1.score ? $0.score < $1.score : $0.candidate.index < $1.candidate.index }
    let closest = ranked.prefix(3).map(\.candidate)
    return UnmatchedRequestError(
      request: request, cassettePath: cassettePath, interactionCount: interactions.count, mode: mode,
      modeOrigin: modeOrigin, matching: matching.description, closest: closest, notes: notes,
      advice: Self.advice(for: closest.first, matching: matching, mode: mode, modeOrigin: modeOrigin))
  }

  /// Whether a recording is worth showing: the same method with at most two path segments
  /// different (ids), or the same path with another method.
  static func isPlausible(_ differences: [RequestDifference], incoming: RecordedRequest, recorded: RecordedRequest)
    -> Bool
  {
    var methodDiffers = false
    var originDiffers = false
    var segments = 0
    for difference in differences {
      switch difference {
      case .method: methodDiffers = true
      case .origin: originDiffers = true
      case .pathSegment(_, let left, let right):
        if left == nil || right == nil { return false }
        segments += 1
      default: break
      }
    }
    if originDiffers { return false }
    return methodDiffers ? segments == 0 : segments <= 2
  }

  /// The notes shown under the matchers: pseudonyms in the request, and a key that differs
  /// from the cassette's.
  static func notes(request: RecordedRequest, recordedKey: String?, currentKey: String, keyIsFallback: Bool) -> [String]
  {
    var notes: [String] = []
    if let recordedKey, recordedKey != currentKey {
      notes.append(
        "this cassette was pseudonymized under redaction key \(recordedKey), and this run's key is \(currentKey)\(keyIsFallback ? " (TAPEDECK_REDACTION_KEY is unset: the public fallback key)" : ""). Values the test read from recorded answers still match; personal values it takes from anywhere else (constants, the environment) cannot. Set TAPEDECK_REDACTION_KEY to the key the cassette was recorded with."
      )
    }
    let text = request.url + " " + (request.body.map { BodyPreview.text($0, limit: 100_000) } ?? "")
    if let sample = PseudonymSample.first(in: text) {
      notes.append(
        "values such as \(sample) are pseudonyms: requests are compared after redaction, so the request is shown as it was compared, not as the client sent it."
      )
    }
    return notes
  }

  static func advice(for best: Candidate?, matching: RequestMatching, mode: RecordMode, modeOrigin: String)
    -> [String]
  {
    var advice: [String] = []
    let differences = best?.differences ?? []
    if differences.contains(where: { if case .alreadyPlayed = $0 { true } else { false } }) {
      advice.append(
        "The code sends this request more often than when it was recorded. If repeats are expected, pass `allowPlaybackRepeats: true` to reuse the last answer; otherwise re-record with `TAPEDECK_RECORD=all`."
      )
    }
    switch mode {
    case .once:
      advice.append(
        "The cassette exists, so `.once` only replays it. If the request is new or changed on purpose, record it with `TAPEDECK_RECORD=missing` (appends) or `TAPEDECK_RECORD=all` (rewrites), against the sandbox or a tenant, and commit the cassette."
      )
    case .never where modeOrigin.contains("CI"):
      advice.append(
        "This run replays only (CI is set). If the request is new or changed on purpose, record it on a developer machine with `TAPEDECK_RECORD=missing` (appends) or `TAPEDECK_RECORD=all` (rewrites), against the sandbox or a tenant, and commit the cassette."
      )
    default:
      advice.append(
        "If the request is new or changed on purpose, re-record with `TAPEDECK_RECORD=missing` (appends it) or `TAPEDECK_RECORD=all` (rewrites the cassette)."
      )
    }
    let bodyPaths = differences.compactMap(\.volatileBodyPath)
    if !bodyPaths.isEmpty {
      let list = bodyPaths.prefix(3).map { "\"\($0)\"" }.joined(separator: ", ")
      advice.append(
        "If \(bodyPaths.prefix(3).map { "`\($0)`" }.joined(separator: ", ")) may change from run to run, ignore it: `matching: .default.ignoringJSONPaths(\(list))`."
      )
    }
    let queryNames = differences.compactMap(\.volatileQueryName)
    if !queryNames.isEmpty {
      advice.append(
        "If query parameter `\(queryNames[0])` does not matter, ignore it: `matching: .default.ignoringQueryParameters(\"\(queryNames[0])\")`."
      )
    }
    let headerNames = differences.compactMap { if case .header(let name, _, _) = $0 { name } else { nil } }
    if !headerNames.isEmpty {
      advice.append("Header `\(headerNames[0])` is matched and differs: stop matching on it if it does not matter.")
    }
    if differences.contains(where: { if case .predicate = $0 { true } else { false } }) {
      advice.append("The \(matching.predicateName) rejected the closest recording: check its logic.")
    }
    return advice
  }
}

/// A short, one-line view of a body for messages.
enum BodyPreview {
  static func text(_ body: RecordedBody, limit: Int = 300) -> String {
    let full: String
    switch body {
    case .json(let value): full = JSONWriter.compactString(value)
    case .text(let text): full = text
    case .base64(let data): full = "(\(data.count) bytes of binary data)"
    }
    return full.count > limit ? String(full.prefix(limit)) + "…" : full
  }
}

extension RequestDifference {
  /// The JSON path of a body difference whose two values both look volatile (worth ignoring).
  var volatileBodyPath: String? {
    guard case .bodyValue(let path, let recorded, let incoming) = self else { return nil }
    return VolatileValue.looksVolatile(recorded) && VolatileValue.looksVolatile(incoming) ? path : nil
  }

  /// The name of a query difference whose two values both look volatile (worth ignoring).
  var volatileQueryName: String? {
    guard case .queryItem(let name, let recorded, let incoming) = self else { return nil }
    return VolatileValue.looksVolatile(recorded) && VolatileValue.looksVolatile(incoming) ? name : nil
  }
}
