public import AsyncHTTPClient
import Foundation
import HTTPTypes
public import Logging
public import NIOCore
import NIOHTTP1
public import Tapedeck

/// AsyncHTTPClient's front door to a cassette: `execute(_:timeout:logger:)` answers from the
/// player's recordings, or sends the request live through a real `HTTPClient` and records it,
/// through `CassettePlayer.exchange(_:body:sendLive:)` like every other front door (the same
/// matching, redaction, write guard, body limit and audit trail). Streamed request and response
/// bodies are collected up to the player's body limit.
///
/// ```swift
/// let player = try CassettePlayer(cassette: "ListStatuses", record: .once)
/// let http = CassetteHTTPClient(player: player)             // live requests: HTTPClient.shared
/// let response = try await http.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
/// try player.finish()
/// ```
public struct CassetteHTTPClient: HTTPClientExecutor {
  /// The player that answers and records.
  public let player: CassettePlayer
  /// The client live requests go through.
  public let live: HTTPClient

  /// A front door on `player`, sending live requests through `live`.
  public init(player: CassettePlayer, live: HTTPClient = .shared) {
    self.player = player
    self.live = live
  }

  /// Answers `request` from the cassette, or live when the record mode allows.
  ///
  /// - Throws: what the player throws (`UnmatchedRequestError`, `BodyTooLargeError`, the
  ///   write guard's refusal), an error for a URL without a scheme and host, or `live`'s error.
  public func execute(_ request: HTTPClientRequest, timeout: TimeAmount, logger: Logger? = nil) async throws
    -> HTTPClientResponse
  {
    let limit = player.bodySizeLimit
    let head = try Self.head(of: request)
    var body: Data?
    if let requestBody = request.body {
      body = try await Self.collect(
        requestBody, upTo: limit, place: "\(request.method.rawValue) \(request.url) request body")
    }
    let live = self.live
    let (response, answer) = try await player.exchange(head, body: body) { outgoing, outgoingBody in
      var sent = HTTPClientRequest(url: outgoing.url?.absoluteString ?? request.url)
      sent.method = NIOHTTP1.HTTPMethod(rawValue: outgoing.method.rawValue)
      for field in outgoing.headerFields { sent.headers.add(name: field.name.rawName, value: field.value) }
      if let outgoingBody { sent.body = .bytes(ByteBuffer(bytes: outgoingBody)) }
      let received = try await live.execute(sent, timeout: timeout, logger: logger)
      var fields = HTTPFields()
      for (name, value) in received.headers {
        if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
      }
      let bytes: ByteBuffer
      do {
        // One byte past the limit: the player then refuses the answer with its own error.
        bytes = try await received.body.collect(upTo: limit.bytes + 1)
      } catch is NIOTooManyBytesError {
        throw BodyTooLargeError(
          place: "response body of \(request.method.rawValue) \(request.url)", size: limit.bytes + 1,
          isLowerBound: true, limit: limit)
      }
      return (
        HTTPResponse(status: .init(code: Int(received.status.code)), headerFields: fields),
        Data(bytes.readableBytesView)
      )
    }
    var headers = HTTPHeaders()
    for field in response.headerFields { headers.add(name: field.name.rawName, value: field.value) }
    return HTTPClientResponse(
      status: HTTPResponseStatus(statusCode: response.status.code), headers: headers,
      body: .bytes(ByteBuffer(bytes: answer)))
  }

  /// The request's method, URL and headers as an `HTTPRequest`.
  static func head(of request: HTTPClientRequest) throws(UnsupportedRequestURLError) -> HTTPRequest {
    guard let url = URL(string: request.url), url.scheme != nil, url.host != nil,
      let method = HTTPRequest.Method(request.method.rawValue)
    else { throw UnsupportedRequestURLError(url: request.url) }
    var fields = HTTPFields()
    for (name, value) in request.headers {
      if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
    }
    return HTTPRequest(method: method, url: url, headerFields: fields)
  }

  /// Reads a streamed body, stopping as soon as it passes `limit`.
  static func collect(_ body: HTTPClientRequest.Body, upTo limit: BodySizeLimit, place: String) async throws -> Data {
    var data = Data()
    for try await buffer in body {
      data.append(contentsOf: buffer.readableBytesView)
      if limit.isExceeded(by: data.count) {
        throw BodyTooLargeError(place: place, size: data.count, isLowerBound: true, limit: limit)
      }
    }
    return data
  }
}
