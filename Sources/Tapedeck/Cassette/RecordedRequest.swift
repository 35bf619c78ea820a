import Foundation
public import HTTPTypes

/// One recorded request: method, absolute URL, headers in their recorded case, and body.
///
/// ```swift
/// let request = RecordedRequest(method: .patch, url: "https://graph.microsoft.com/beta/…",
///                               headers: [.contentType: "application/json"], body: .json(["status": "compliant"]))
/// ```
public struct RecordedRequest: Sendable, Hashable {
  /// The HTTP method.
  public var method: HTTPRequest.Method
  /// The absolute URL as sent.
  public var url: String
  /// The headers, names in their recorded case (they compare case-insensitively).
  public var headers: HTTPFields
  /// The body, or `nil` when there was none.
  public var body: RecordedBody?

  /// Creates a recorded request.
  public init(method: HTTPRequest.Method, url: String, headers: HTTPFields = [:], body: RecordedBody? = nil) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
  }
}
