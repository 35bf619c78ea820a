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
    // real destination, so the write guard judges where the request really goes.
    let canonical = isToken ? player.origins.authority : player.origins.graph
    let base = (player.reachesNetwork ? upstream : nil) ?? canonical
    var fields = HTTPFields()
    for field in request.headers where UpstreamTransport.isForwarded(field.name) { fields.append(field) }
    let incoming = RecordedRequest(
      method: request.method, url: base + request.path, headers: fields,
      body: RecordedBody(data: request.body, contentType: fields[.contentType]))
    let transport = self.transport
    do {
      let response = try await player.response(for: incoming) { outgoing in
        guard upstream != nil else { throw ServerRequestError.noUpstream(outgoing.method.rawValue, request.path) }
        return try await transport.send(outgoing)
      }
      let known = [configuration.upstream, configuration.authority].compactMap { $0?.absoluteString }
      let rewriter = OriginRewriter(
        origins: [player.origins.graph, player.origins.authority] + known + [upstream].compactMap { $0 },
        client: request.clientOrigin)
      let answer = rewriter.rewrite(response)
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
    let segments = path.prefix { $0 != "?" && $0 != "#" }.split(separator: "/", omittingEmptySubsequences: true)
    return segments.count >= 2 && segments[1] == "oauth2"
  }

  /// An upstream base URL without its trailing slash (the request target starts with one).
  static func trimmed(_ base: String) -> String {
    var text = base.trimmingCharacters(in: .whitespaces)
    while text.hasSuffix("/") { text.removeLast() }
    return text
  }
}
