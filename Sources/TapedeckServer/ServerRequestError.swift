public import HTTPTypes

/// A request the server refuses or cannot answer: an HTTP status, a code, and a message that
/// says what to do next. Proxied requests receive it as a Graph error
/// (`{"error":{"code":…,"message":…}}`), test-proxy control calls in the test-proxy's shape
/// (`{"Message":…,"Status":…}`), both with the test-proxy's `x-request-known-exception` headers
/// (`x-request-mismatch` for an unmatched request).
///
/// ```swift
/// let error = ServerRequestError.unknownRecording("0b5c…")
/// print(error.status.code, error.code)  // 400 TapedeckUnknownRecording
/// ```
public struct ServerRequestError: Error, Sendable, CustomStringConvertible {
  /// The HTTP status answered.
  public let status: HTTPResponse.Status
  /// A stable code (`TapedeckUnmatchedRequest`, `TapedeckUnknownRecording`, …).
  public let code: String
  /// What went wrong and what to do next (scrubbed: no secret or personal value).
  public let message: String

  /// Creates the error.
  ///
  /// ```swift
  /// throw ServerRequestError(status: .badRequest, code: "TapedeckBadRequest", message: "Send JSON.")
  /// ```
  public init(status: HTTPResponse.Status, code: String, message: String) {
    self.status = status
    self.code = code
    self.message = message
  }

  public var description: String { "\(status.code) \(code): \(message)" }

  /// Whether this is the answer to a request no recording matches (a playback mismatch).
  var isMismatch: Bool { code == Self.unmatchedCode }

  /// The code of an unmatched request (status 404, as the test proxy answers a mismatch).
  public static let unmatchedCode = "TapedeckUnmatchedRequest"

  /// A request that no recording answers; `story` is the scrubbed ``UnmatchedRequestError`` text.
  static func unmatched(_ story: String) -> ServerRequestError {
    ServerRequestError(status: .notFound, code: unmatchedCode, message: story)
  }

  /// An `x-recording-id` that names no recording in progress.
  static func unknownRecording(_ id: String) -> ServerRequestError {
    ServerRequestError(
      status: .badRequest, code: "TapedeckUnknownRecording",
      message:
        "No recording or playback is in progress under x-recording-id \(id). Start one with POST /Record/Start or "
        + "POST /Playback/Start (body {\"x-recording-file\": \"Suite/test\"}) and send the x-recording-id it answers; "
        + "a stopped recording's id is no longer valid.")
  }

  /// A proxied request with no recording id when the server has no default cassette.
  static let noRecording = ServerRequestError(
    status: .badRequest, code: "TapedeckNoRecording",
    message:
      "This request names no recording. Send the x-recording-id header that POST /Record/Start or "
      + "POST /Playback/Start answered, or start tapedeck serve with --cassette NAME to answer such requests from "
      + "one cassette.")

  /// A request to record with nowhere to forward it.
  static func noUpstream(_ method: String, _ url: String) -> ServerRequestError {
    ServerRequestError(
      status: .badGateway, code: "TapedeckNoUpstream",
      message:
        "Cannot record \(method) \(url): no upstream. Send the x-recording-upstream-base-uri header "
        + "(https://graph.microsoft.com, or tapedeck sandbox's URL), or start tapedeck serve with --upstream URL "
        + "(and --authority URL for token requests).")
  }

  /// A request body, or an upstream answer, above the body limit.
  static func tooLarge(_ text: String) -> ServerRequestError {
    ServerRequestError(status: .contentTooLarge, code: "TapedeckBodyTooLarge", message: text)
  }

  /// A malformed control call (`/Record/Start` without JSON, a bad header value).
  static func badRequest(_ text: String) -> ServerRequestError {
    ServerRequestError(status: .badRequest, code: "TapedeckBadRequest", message: text)
  }

  /// A test-proxy feature this server does not implement.
  static func notSupported(_ feature: String, _ advice: String) -> ServerRequestError {
    ServerRequestError(
      status: .notImplemented, code: "TapedeckNotSupported",
      message:
        "tapedeck serve does not support \(feature). \(advice) The supported subset is in "
        + "Documentation/RecordReplayServer.md.")
  }
}
