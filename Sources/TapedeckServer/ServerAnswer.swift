import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// One answer the server sends: status, headers and body bytes, made into a Hummingbird
/// response at the end (which sets `Content-Length` itself).
struct ServerAnswer: Sendable {
  var status: HTTPResponse.Status
  var headers: HTTPFields
  var body: Data

  init(status: HTTPResponse.Status, headers: HTTPFields = [:], body: Data = Data()) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// Headers a relayed answer must not carry: the body is whole and decoded, and the server
  /// frames it itself.
  static let framingHeaders: Set<HTTPField.Name> = [
    .contentLength, .transferEncoding, .contentEncoding, .connection, HTTPField.Name("keep-alive")!,
  ]

  var response: Response {
    var fields = HTTPFields()
    for field in headers where !Self.framingHeaders.contains(field.name) { fields.append(field) }
    return Response(
      status: status, headers: fields, body: body.isEmpty ? .init() : .init(byteBuffer: ByteBuffer(bytes: body)))
  }
}
