public import Foundation
public import HTTPTypes

/// The player's one entry point for every front door: a request and its body in, an answer
/// out. Replay, or live through the transport the caller injects; then the body limit, the
/// write guard, redaction, recording and the audit trail, the same for URLSession, AsyncHTTPClient,
/// swift-openapi-runtime and `tapedeck serve`.
extension CassettePlayer {
  /// Answers `request` from a recording, or through `sendLive` (and records the exchange) when
  /// the mode allows; throws ``UnmatchedRequestError`` (and the guard's and limit's errors)
  /// otherwise. The URL is `request.scheme://request.authority + request.path`.
  ///
  /// ```swift
  /// let (response, body) = try await player.exchange(request, body: nil) { request, body in
  ///   try await transport.send(request, body: body)
  /// }
  /// ```
  public func exchange(
    _ request: HTTPRequest, body: Data?,
    sendLive: @Sendable (HTTPRequest, Data?) async throws -> (HTTPResponse, Data)
  ) async throws -> (HTTPResponse, Data) {
    let incoming = RecordedRequest(request, body: body)
    let answer = try await answer(to: incoming) { outgoing in
      let (response, data) = try await sendLive(outgoing.httpRequest(like: request), outgoing.body?.data)
      return try RecordedResponse(response: response, body: data, bodySizeLimit: bodySizeLimit, request: incoming)
    }
    return (answer.response, answer.body)
  }

  /// The same in the cassette's own types, for adapters that already speak them (the
  /// swift-openapi-runtime middleware).
  ///
  /// ```swift
  /// let response = try await player.response(for: request) { request in try await transport.send(request) }
  /// ```
  public func response(
    for request: RecordedRequest, sendLive: @Sendable (RecordedRequest) async throws -> RecordedResponse
  ) async throws -> RecordedResponse {
    try await answer(to: request, sendLive: sendLive).recordedResponse
  }

  /// The shared path: the request body limit, the decision, and for a live exchange the
  /// answer's body limit and recording.
  func answer(
    to request: RecordedRequest, sendLive: @Sendable (RecordedRequest) async throws -> RecordedResponse
  ) async throws -> PlaybackAnswer {
    switch try begin(request) {
    case .answered(let answer):
      return answer
    case .live(let record, let outgoing):
      let response = try await sendLive(outgoing)
      return try finishLive(response, to: request, record: record)
    }
  }

  /// What ``begin(_:)`` decided: an answer now, or a request to send live first.
  enum FirstStep {
    case answered(PlaybackAnswer)
    case live(record: Bool, outgoing: RecordedRequest)
  }

  /// The part of the path that needs no network, synchronously: the request body limit, a
  /// settled answer, the decision. A front door that cannot wait cheaply (the URLSession
  /// protocol) answers a replay from here without a hop to another task.
  func begin(_ request: RecordedRequest) throws -> FirstStep {
    if let body = request.body?.data, bodySizeLimit.isExceeded(by: body.count) {
      throw BodyTooLargeError(
        place: "\(request.method.rawValue) \(request.url) request body", size: body.count, limit: bodySizeLimit)
    }
    let settledKey = allowPlaybackRepeats ? SettledAnswers.Key(request, headers: matching.headers) : nil
    if let settledKey, let known = settledAnswers.answer(for: settledKey) { return .answered(known) }
    switch decide(request) {
    case .replay(let payload, let settled):
      if settled, let settledKey { settledAnswers.remember(payload, for: settledKey) }
      return .answered(payload)
    case .failure(let error):
      throw error
    case .live(let record, let outgoing):
      return .live(record: record, outgoing: outgoing)
    }
  }

  /// The live answer's body limit and recording, after ``begin(_:)`` said to send.
  func finishLive(_ response: RecordedResponse, to request: RecordedRequest, record: Bool) throws -> PlaybackAnswer {
    try checkResponseBody(size: response.body?.data.count ?? 0, of: request)
    return answer(live: response, to: request, record: record)
  }
}

extension RecordedRequest {
  /// A recorded request from an `HTTPRequest` (`scheme://authority/path`) and its body.
  init(_ request: HTTPRequest, body: Data?) {
    let url = "\(request.scheme ?? "https")://\(request.authority ?? "")\(request.path ?? "/")"
    self.init(
      method: request.method, url: url, headers: request.headerFields,
      body: body.flatMap { RecordedBody(data: $0, contentType: request.headerFields[.contentType]) })
  }

  /// This request as an `HTTPRequest`: its method, URL and header fields, with `template`'s
  /// extension properties.
  func httpRequest(like template: HTTPRequest) -> HTTPRequest {
    var request = template
    request.method = method
    if let components = URLComponents(string: url) {
      request.scheme = components.scheme
      request.authority =
        components.port.map { "\(components.percentEncodedHost ?? ""):\($0)" }
        ?? components.percentEncodedHost
      var path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
      if let query = components.percentEncodedQuery { path += "?" + query }
      request.path = path
    }
    request.headerFields = headers
    return request
  }
}
