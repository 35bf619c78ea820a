import Foundation
import HTTPTypes
import Tapedeck

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Sends a recording's live requests to the upstream (a tenant or the sandbox) and hands back
/// the answer whole and decoded. Redirects are not followed: the client receives the `3xx`
/// (its `Location` pointed at the server) and follows it through the server, where the player's
/// write guard judges the new target like any other request.
final class UpstreamTransport: Sendable {
  private let session: URLSession

  init() {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.urlCache = nil
    configuration.httpCookieStorage = nil
    configuration.timeoutIntervalForRequest = 100
    session = URLSession(configuration: configuration, delegate: RedirectRefusal(), delegateQueue: nil)
  }

  deinit { session.finishTasksAndInvalidate() }

  /// Request headers never forwarded: the connection's own, and the test proxy's.
  static func isForwarded(_ name: HTTPField.Name) -> Bool {
    let lowered = name.canonicalName
    return !hopByHop.contains(lowered) && !lowered.hasPrefix("x-recording-")
  }

  private static let hopByHop: Set<String> = [
    "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
    "content-length", "accept-encoding", "expect",
  ]

  /// Sends `request` and returns the upstream's answer, its body decoded and unframed.
  func send(_ request: RecordedRequest) async throws -> RecordedResponse {
    guard let url = URL(string: request.url) else {
      throw ServerRequestError.badRequest("The request target \(request.url) is not a URL a request can be sent to.")
    }
    var outgoing = URLRequest(url: url)
    outgoing.httpMethod = request.method.rawValue
    for field in request.headers { outgoing.addValue(field.value, forHTTPHeaderField: field.name.rawName) }
    outgoing.httpBody = request.body?.data
    let (data, response) = try await session.data(for: outgoing)
    guard let http = response as? HTTPURLResponse else {
      throw ServerRequestError(
        status: .badGateway, code: "TapedeckUpstreamFailed",
        message: "The upstream at \(url.host ?? request.url) answered something that is not HTTP.")
    }
    var headers = HTTPFields()
    let fields = http.allHeaderFields.compactMap { key, value -> (String, String)? in
      guard let key = key as? String, let value = value as? String else { return nil }
      return (key, value)
    }
    for (key, value) in fields.sorted(by: { $0.0.lowercased() < $1.0.lowercased() }) {
      guard let name = HTTPField.Name(key), !ServerAnswer.framingHeaders.contains(name) else { continue }
      headers.append(HTTPField(name: name, value: value))
    }
    return RecordedResponse(
      status: HTTPResponse.Status(code: http.statusCode), headers: headers,
      body: RecordedBody(data: data, contentType: headers[.contentType]))
  }
}

/// Makes the upstream session hand a `3xx` back instead of following it.
private final class RedirectRefusal: NSObject, URLSessionTaskDelegate, Sendable {
  func urlSession(
    _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
  ) {
    completionHandler(nil)
  }
}
