public import Foundation
import HTTPTypes

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
