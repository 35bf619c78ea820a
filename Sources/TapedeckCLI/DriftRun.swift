import Foundation
import GraphTenant
import HTTPTypes
import Tapedeck

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Re-issues a cassette's requests against a live tenant (or the sandbox) and compares each
/// fresh answer with the recorded one.
///
/// The fresh exchanges go through a player in `.all` mode writing nowhere: the same Graph preset
/// and redaction key scrub them, so pseudonyms compare equal, and every pseudonym a recorded
/// request holds is mapped back to the real value an earlier fresh answer handed out. A request
/// that names a pseudonym no answer handed out yet first lists its parent collections. Writes go
/// only where the write guard allows, and the values read just before are written back after.
struct DriftRun {
  /// What happened to one recorded interaction.
  struct InteractionResult {
    let index: Int
    let method: String
    let url: String
    let findings: [DriftFinding]
    /// Why it was not compared, when it was not.
    let skipped: String?
  }

  /// One cassette's drift.
  struct CassetteResult {
    let displayPath: String
    let interactions: [InteractionResult]
    /// Why the cassette could not be checked at all.
    let problem: String?

    func count(_ tier: DriftFinding.Tier) -> Int {
      interactions.reduce(0) { $0 + $1.findings.filter { $0.tier == tier }.count }
    }
  }

  let tenant: TenantConfiguration
  let environment: [String: String]
  let token: String
  let verifier: CassetteVerifier
  let session: URLSession

  func run(_ file: URL, display: String) async -> CassetteResult {
    let cassette: Cassette
    do {
      cassette = try CassetteFile.load(from: file)
    } catch {
      return CassetteResult(displayPath: display, interactions: [], problem: error.description)
    }
    let pseudonymizer = Pseudonymizer(environment: environment)
    if let recorded = cassette.redactionKeyFingerprint, recorded != pseudonymizer.keyFingerprint {
      return CassetteResult(
        displayPath: display, interactions: [],
        problem:
          "it was recorded with the redaction key \(recorded); this run's key is \(pseudonymizer.keyFingerprint). Set TAPEDECK_REDACTION_KEY to the key it was recorded with."
      )
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-drift-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let player: CassettePlayer
    do {
      player = try CassettePlayer(
        name: cassette.name, fileURL: folder.appendingPathComponent("fresh.json"), mode: .all,
        redactor: .graph(pseudonymizer: pseudonymizer, environment: environment),
        liveRequestGuard: WriteGuard.fromEnvironment(environment).liveRequestGuard,
        origins: CanonicalOrigins.fromEnvironment(environment))
    } catch {
      return CassetteResult(displayPath: display, interactions: [], problem: "\(error)")
    }
    var results: [InteractionResult] = []
    // Writes are undone when the cassette's sequence is over, newest first, so a GET after a
    // PATCH sees what the recording saw.
    var restores: [RecordedRequest] = []
    for (index, interaction) in cassette.interactions.enumerated() {
      // The request as it goes (the tenant's origin, not the canonical one), so the write guard
      // judges the real URL; the player stores the canonical origin again.
      let request = live(interaction.request)
      func result(_ findings: [DriftFinding], skipped: String? = nil) -> InteractionResult {
        InteractionResult(
          index: index, method: request.method.rawValue, url: interaction.request.url, findings: findings,
          skipped: skipped)
      }
      if CassettePlayer.isTokenRequest(request) {
        results.append(result([], skipped: "a token exchange (drift gets its own token)"))
        continue
      }
      let isWrite = ![.get, .head, .options].contains(request.method)
      do {
        let restore = isWrite ? try await restoringRequest(for: request, player: player) : nil
        let before = player.recordedInteractions.count
        _ = try await exchange(request, player: player)
        let recorded = player.recordedInteractions
        guard recorded.count > before, let fresh = recorded.last else {
          results.append(result([], skipped: "no fresh answer was recorded"))
          continue
        }
        var findings = DriftComparison.compare(recorded: interaction.response, fresh: fresh.response)
        findings += contractDrift(recorded: interaction, fresh: fresh, index: index)
        results.append(result(findings.sorted { ($0.tier, $0.path) < ($1.tier, $1.path) }))
        if let restore { restores.append(restore) }
      } catch let refused as WriteRefusedError {
        results.append(
          result(
            [],
            skipped:
              "a write the write guard refuses: list its URL in TAPEDECK_ALLOW_WRITES to re-issue it (\(String(player.scrub(refused.description).prefix(120)))…)"
          ))
      } catch let unmapped as UnmappedPseudonymError {
        _ = unmapped
        results.append(
          result(
            [], skipped: "it names a pseudonymized value that no fresh answer handed out, so its real value is unknown")
        )
      } catch {
        results.append(result([], skipped: "it could not be re-issued: \(player.scrub("\(error)"))"))
      }
    }
    for restore in restores.reversed() { _ = try? await exchange(restore, player: player) }
    return CassetteResult(displayPath: display, interactions: results, problem: nil)
  }

  /// Sends through the player; on a pseudonym no answer handed out yet, lists the parent
  /// collections (up to three levels) so the player learns their items' real ids, then retries.
  func exchange(_ request: RecordedRequest, player: CassettePlayer) async throws -> RecordedResponse {
    do {
      return try await player.response(for: request) { outgoing in try await send(outgoing) }
    } catch is UnmappedPseudonymError {
      var url = request.url
      if let query = url.firstIndex(of: "?") { url = String(url[..<query]) }
      var parents: [String] = []
      for _ in 0..<3 {
        guard let slash = url.lastIndex(of: "/"), url[..<slash].contains("/v1.0/") || url[..<slash].contains("/beta/")
        else { break }
        url = String(url[..<slash])
        parents.append(url)
      }
      for parent in parents.reversed() {
        var list = RecordedRequest(method: .get, url: parent, headers: request.headers)
        list.headers[.contentType] = nil
        _ = try? await player.response(for: list) { outgoing in try await send(outgoing) }
      }
      return try await player.response(for: request) { outgoing in try await send(outgoing) }
    }
  }

  /// A PATCH putting back what the entity holds now for each field `request` writes, or `nil`
  /// when the entity cannot be read.
  func restoringRequest(for request: RecordedRequest, player: CassettePlayer) async throws -> RecordedRequest? {
    guard request.method == .patch, case .json(.object(let written))? = request.body else { return nil }
    var read = RecordedRequest(method: .get, url: request.url, headers: request.headers)
    read.headers[.contentType] = nil
    let current = try await exchange(read, player: player)
    guard (200..<300).contains(current.status.code), case .json(.object(let members))? = current.body else {
      return nil
    }
    var previous: [String: JSONValue] = [:]
    for key in written.keys { previous[key] = members[key] ?? .null }
    var restore = request
    restore.body = .json(.object(previous))
    return restore
  }

  /// Contract violations the fresh answer has and the recorded one did not: breaking.
  func contractDrift(recorded: Interaction, fresh: Interaction, index: Int) -> [DriftFinding] {
    let before = Set(verifier.check(recorded, index: index).filter { !$0.isWarning }.map { "\($0.path) \($0.rule)" })
    return verifier.check(fresh, index: index).filter { !$0.isWarning && !before.contains("\($0.path) \($0.rule)") }
      .map { finding in
        DriftFinding(
          tier: .breaking, path: finding.path.replacingOccurrences(of: "$.interactions[\(index)].", with: ""),
          rule: "contract-\(finding.rule)", message: finding.message)
      }
  }

  /// `request` with its canonical Graph origin replaced by the tenant's.
  func live(_ request: RecordedRequest) -> RecordedRequest {
    let canonical = CanonicalOrigins.fromEnvironment(environment).graph
    var graph = tenant.graphURL.absoluteString
    if graph.hasSuffix("/") { graph.removeLast() }
    guard request.url.hasPrefix(canonical + "/") else { return request }
    var copy = request
    copy.url = graph + request.url.dropFirst(canonical.count)
    return copy
  }

  /// The real request with a fresh token.
  func send(_ outgoing: RecordedRequest) async throws -> RecordedResponse {
    guard let url = URL(string: outgoing.url) else { throw URLError(.badURL) }
    var request = URLRequest(url: url)
    request.httpMethod = outgoing.method.rawValue
    for field in outgoing.headers {
      let name = field.name.canonicalName
      if ["authorization", "host", "content-length", "accept-encoding", "connection"].contains(name) { continue }
      request.addValue(field.value, forHTTPHeaderField: field.name.rawName)
    }
    request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
    request.httpBody = outgoing.body?.data
    let (data, response) = try await session.data(for: request)
    guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
    return try RecordedResponse(httpResponse: http, body: data, bodySizeLimit: .default, request: outgoing)
  }
}
