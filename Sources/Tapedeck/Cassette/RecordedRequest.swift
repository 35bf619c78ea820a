public import Foundation
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

/// One recorded response: status, headers in their recorded case, and body (stored decoded).
///
/// ```swift
/// let response = RecordedResponse(status: .ok, headers: [.contentType: "application/json"], body: .json([:]))
/// ```
public struct RecordedResponse: Sendable, Hashable {
  /// The status code.
  public var status: HTTPResponse.Status
  /// The headers, names in their recorded case.
  public var headers: HTTPFields
  /// The body, or `nil` when there was none.
  public var body: RecordedBody?

  /// Creates a recorded response.
  public init(status: HTTPResponse.Status, headers: HTTPFields = [:], body: RecordedBody? = nil) {
    self.status = status
    self.headers = headers
    self.body = body
  }
}

/// One recorded exchange: when it happened, what was asked, what came back.
///
/// ```swift
/// let interaction = Interaction(recordedAt: Date(), request: request, response: response)
/// ```
public struct Interaction: Sendable, Hashable {
  /// When the exchange was recorded (whole seconds, UTC in the file).
  public var recordedAt: Date
  /// The request as it would be sent (after redaction).
  public var request: RecordedRequest
  /// The response as it came back (after redaction, decoded).
  public var response: RecordedResponse

  /// Creates an interaction.
  public init(recordedAt: Date, request: RecordedRequest, response: RecordedResponse) {
    self.recordedAt = Date(timeIntervalSince1970: recordedAt.timeIntervalSince1970.rounded(.down))
    self.request = request
    self.response = response
  }

  /// Whether two interactions record the same exchange, ignoring when they were recorded and
  /// the response's `Date` header, so that a re-recording with no real change keeps the old one.
  public func isSameExchange(as other: Interaction) -> Bool {
    guard request == other.request, response.status == other.response.status, response.body == other.response.body
    else { return false }
    var mine = response.headers
    var theirs = other.response.headers
    mine[.date] = nil
    theirs[.date] = nil
    return mine == theirs
  }
}
