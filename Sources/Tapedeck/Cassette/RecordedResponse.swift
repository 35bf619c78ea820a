import Foundation
public import HTTPTypes

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
