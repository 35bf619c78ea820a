import Foundation
import HTTPTypes

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The delegate of a player's live session: a redirect of a write (anything but GET, HEAD and
/// OPTIONS) is followed only when the live-request guard allows its target too, so a `307` or
/// `308` cannot walk a PATCH around `TAPEDECK_ALLOW_WRITES`. A refused redirect is not followed:
/// the client receives the `3xx` answer itself (and it is what gets recorded).
final class LiveRedirectGuard: NSObject, URLSessionTaskDelegate, Sendable {
  let liveRequestGuard: LiveRequestGuard

  init(_ liveRequestGuard: LiveRequestGuard) { self.liveRequestGuard = liveRequestGuard }

  func urlSession(
    _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
  ) {
    completionHandler(Self.follows(request, from: task.originalRequest, guard: liveRequestGuard) ? request : nil)
  }

  /// Whether the redirected `request` may be sent: a read always (a `303` after a write turns
  /// it into a GET), a write only when the guard allows the new URL.
  static func follows(_ request: URLRequest, from original: URLRequest?, guard liveRequestGuard: LiveRequestGuard)
    -> Bool
  {
    let method = request.httpMethod ?? original?.httpMethod ?? "GET"
    guard !["GET", "HEAD", "OPTIONS"].contains(method) else { return true }
    guard let url = request.url?.absoluteString, let parsed = HTTPRequest.Method(method) else { return false }
    return liveRequestGuard.refusal(for: RecordedRequest(method: parsed, url: url)) == nil
  }
}
