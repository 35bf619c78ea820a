import Foundation
import HTTPTypes
import TapedeckSupport

/// What a player does with a live exchange: the body limit on the answer, recording it
/// scrubbed, what the client receives while recording, and scrubbing text for reports.
extension CassettePlayer {
  /// Records a live exchange when `record` is set, and returns what the client receives:
  /// what replay will give it (``RecordingView/asReplayed``) or the live answer.
  func answer(live response: RecordedResponse, to request: RecordedRequest, record: Bool) -> PlaybackAnswer {
    guard record else { return PlaybackAnswer(response) }
    let stored = self.record(request: request, response: response)
    guard recordingView == .asReplayed, !Self.isTokenRequest(request) else { return PlaybackAnswer(response) }
    // Exactly what replay will hand over: the stored answer, its canonical links pointed back
    // at the origin the client used.
    let payload = PlaybackAnswer(stored.response)
    guard let mapping = origins.mapping(for: request.url) else { return payload }
    return payload.mappingOrigins(from: [origins.graph, origins.authority], to: mapping.actual)
  }

  /// Whether `request` asks a token endpoint (`…/oauth2/v2.0/token`, `…/oauth2/token`), whose
  /// answer the client needs unchanged to call the service.
  package static func isTokenRequest(_ request: RecordedRequest) -> Bool {
    guard let segments = GuardedURL(request.url)?.segments, segments.last == "token" else { return false }
    return segments.dropLast().last == "oauth2" || segments.dropLast().suffix(2).first == "oauth2"
  }

  /// Refuses a live answer whose body is above ``bodySizeLimit``, before it is recorded.
  func checkResponseBody(size: Int, of request: RecordedRequest) throws(BodyTooLargeError) {
    guard bodySizeLimit.isExceeded(by: size) else { return }
    throw BodyTooLargeError(
      place: "response body of \(request.method.rawValue) \(request.url)", size: size, limit: bodySizeLimit)
  }

  /// Keeps a live exchange (redacted) for the next save, and returns it as it will be stored.
  @discardableResult
  func record(request: RecordedRequest, response: RecordedResponse, at date: Date = Date()) -> Interaction {
    var canonicalRequest = request
    var canonicalResponse = response
    if let mapping = origins.mapping(for: request.url) {
      canonicalRequest.url = mapping.canonical + mapping.rest
      canonicalResponse = response.mappingOrigins(using: origins)
    }
    let fromLoopback = GuardedURL(request.url)?.isLoopback == true
    // A value the rules scrubbed elsewhere (in the request, or another field of the answer) and
    // echoed back in free text (a Graph error quoting the bad value) is scrubbed the same way.
    let scrubbedRequest = redactor.redact(canonicalRequest)
    let scrubbedResponse = TextScrubber.replacingSeenValues(in: redactor.redact(canonicalResponse), ledger: ledger)
    let interaction = Interaction(recordedAt: date, request: scrubbedRequest, response: scrubbedResponse)
    book.withLock {
      $0.recorded.append(interaction)
      $0.everyLiveRequestWasLoopback = $0.everyLiveRequestWasLoopback && fromLoopback
    }
    return interaction
  }

  /// `text` with every secret and personal value this player has seen scrubbed, as in its
  /// cassette: for anything a test prints or reports. See ``Redactor/scrubbing(_:)-(String)``.
  ///
  /// ```swift
  /// print(player.scrub("\(error)"))
  /// ```
  public func scrub(_ text: String) -> String { redactor.scrubbing(text) }

  /// `error` itself when its text holds nothing to scrub, else a ``ScrubbedError``.
  ///
  /// ```swift
  /// catch { throw player.scrubbed(error) }
  /// ```
  public func scrubbed(_ error: any Error) -> any Error { redactor.scrubbing(error) }
}
