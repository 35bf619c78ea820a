import Foundation
import HTTPTypes
import Tapedeck

/// One Graph or token request a client sent to the server, answered through the player of its
/// recording: replayed from the cassette, or (recording) forwarded to the upstream through the
/// player, which applies the write guard, scrubs with the Graph preset and records. The test
/// proxy's headers (`x-recording-*`) and the connection's own are stripped before matching,
/// recording and forwarding; absolute URLs in the answer are pointed back at the server.
struct ProxiedExchange: Sendable {
  let registry: RecordingRegistry
  let transport: UpstreamTransport
  let originFacts = OriginFacts()

  static let upstreamBase = HTTPField.Name("x-recording-upstream-base-uri")!
  static let recordingMode = HTTPField.Name("x-recording-mode")!

  /// A request as the server received it.
  struct Incoming: Sendable {
    var method: HTTPRequest.Method
    /// The request target as sent: path and query, percent-encoding untouched.
    var path: String
    var headers: HTTPFields
    var body: Data
    /// `scheme://host:port` the client used to reach the server.
    var clientOrigin: String
  }

  func answer(_ request: Incoming) async -> ServerAnswer {
    let session: RecordingSession
    do {
      session = try self.session(for: request.headers)
    } catch {
      return error.graphAnswer
    }
    let player = session.player
    let configuration = registry.configuration
    let isToken = Self.isTokenPath(request.path)
    let configured = isToken ? (configuration.authority ?? configuration.upstream) : configuration.upstream
    let upstream = (request.headers[Self.upstreamBase] ?? configured?.absoluteString).map(Self.trimmed)
    // Replay matches on the canonical origins the cassette stores; a recording player sees the
    // real destination, so the write guard judges where the request really goes. A replay on an
    // origin the player maps (loopback) goes in under the client's own origin: the player then
    // points links back at the client itself and remembers answers that no longer change, so
    // there is nothing left to rewrite here.
    let canonical = isToken ? player.origins.authority : player.origins.graph
    let playerMapsClient =
      !player.reachesNetwork && originFacts.facts(request.clientOrigin, origins: player.origins)?.mapped == true
    let base = playerMapsClient ? request.clientOrigin : ((player.reachesNetwork ? upstream : nil) ?? canonical)
    var fields = HTTPFields()
    for field in request.headers where UpstreamTransport.isForwarded(field.name) { fields.append(field) }
    guard let origin = originFacts.facts(base, origins: player.origins) else {
      return ServerRequestError.badRequest("The upstream \(base) is not an http(s) origin.").graphAnswer
    }
    let head = HTTPRequest(
      method: request.method, scheme: origin.scheme, authority: origin.authority,
      path: origin.pathPrefix + request.path,
      headerFields: fields)
    let transport = self.transport
    do {
      let (response, body) = try await player.exchange(head, body: request.body.isEmpty ? nil : request.body) {
        outgoing, outgoingBody in
        guard upstream != nil else { throw ServerRequestError.noUpstream(outgoing.method.rawValue, request.path) }
        let sent = RecordedRequest(
          method: outgoing.method, url: outgoing.url?.absoluteString ?? base + request.path,
          headers: outgoing.headerFields,
          body: outgoingBody.flatMap { RecordedBody(data: $0, contentType: outgoing.headerFields[.contentType]) })
        let received = try await transport.send(sent)
        return (
          HTTPResponse(status: received.status, headerFields: received.headers), received.body?.data ?? Data()
        )
      }
      if playerMapsClient { return ServerAnswer(status: response.status, headers: response.headerFields, body: body) }
      let known = [configuration.upstream, configuration.authority].compactMap { $0?.absoluteString }
      let rewriter = OriginRewriter(
        origins: [player.origins.graph, player.origins.authority] + known + [upstream].compactMap { $0 },
        client: request.clientOrigin)
      let answer = rewriter.rewrite(
        RecordedResponse(
          status: response.status, headers: response.headerFields,
          body: body.isEmpty ? nil : RecordedBody(data: body, contentType: response.headerFields[.contentType])))
      return ServerAnswer(status: answer.status, headers: answer.headers, body: answer.body?.data ?? Data())
    } catch {
      return ServerRequestError.from(error, scrub: player.scrub).graphAnswer
    }
  }

  /// The recording the request names (`x-recording-id`), else the default cassette.
  private func session(for headers: HTTPFields) throws(ServerRequestError) -> RecordingSession {
    guard let id = headers[TestProxyControl.recordingID], !id.isEmpty else {
      guard let session = registry.defaultSession else { throw .noRecording }
      return session
    }
    let session = try registry.session(id: id)
    if let mode = headers[Self.recordingMode]?.lowercased(), mode != session.kind.rawValue {
      throw .badRequest(
        "x-recording-mode is \(mode), but recording \(id) was started with POST /\(session.kind == .record ? "Record" : "Playback")/Start. "
          + "Send x-recording-mode: \(session.kind.rawValue), or start a \(mode) session for this test.")
    }
    return session
  }

  /// Whether a request target is a token endpoint (`/{tenant}/oauth2/…`), sent to the authority.
  static func isTokenPath(_ path: String) -> Bool {
    // On the bytes: this runs on every request.
    let bytes = path.utf8.prefix { $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
    let segments = bytes.split(separator: UInt8(ascii: "/"), maxSplits: 2, omittingEmptySubsequences: true)
    return segments.count >= 2 && segments[1].elementsEqual("oauth2".utf8)
  }

  /// An upstream base URL without its trailing slash (the request target starts with one).
  static func trimmed(_ base: String) -> String {
    var text = base.trimmingCharacters(in: .whitespaces)
    while text.hasSuffix("/") { text.removeLast() }
    return text
  }
}
