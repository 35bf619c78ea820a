import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Tapedeck

/// Answers every request the server receives: a test-proxy control call, or a Graph or token
/// request proxied through its recording's player.
struct ServerHandler: Sendable {
  let control: TestProxyControl
  let exchange: ProxiedExchange
  let registry: RecordingRegistry
  /// `http` or `https`.
  let scheme: String
  /// `host:port` to use when a request carries no `Host` (HTTP/1.0).
  let fallbackAuthority: String

  func respond(to request: Request) async -> Response {
    let path = request.head.path ?? "/"
    var body = Data()
    do {
      let buffer = try await request.body.collect(upTo: registry.bodySizeLimit.bytes)
      body = Data(buffer.readableBytesView)
    } catch {
      return ServerRequestError.tooLarge(
        "The request body is larger than the body limit \(registry.bodySizeLimit) (TAPEDECK_MAX_BODY_BYTES)."
      ).graphAnswer.response
    }
    if let route = TestProxyControl.route(method: request.method, path: path) {
      return control.answer(route, headers: request.headers, body: body).response
    }
    let incoming = ProxiedExchange.Incoming(
      method: request.method, path: path, headers: request.headers, body: body,
      clientOrigin: "\(scheme)://\(request.head.authority ?? fallbackAuthority)")
    return await exchange.answer(incoming).response
  }
}
