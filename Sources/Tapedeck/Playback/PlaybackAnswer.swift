import Foundation
import HTTPTypes

/// What a player answers one request with, whatever the transport: a status, header fields and
/// the body, built once per recording and reused. Front doors turn it into their own shape
/// (``CassettePlayer/exchange(_:body:sendLive:)`` returns it as an `HTTPResponse`; the
/// URLSession protocol as an `HTTPURLResponse`).
struct PlaybackAnswer: Sendable {
  let status: HTTPResponse.Status
  /// The recorded fields minus the framing ones (`Content-Length`, `Content-Encoding`,
  /// `Transfer-Encoding`), plus a `Content-Length` for the stored body.
  let headerFields: HTTPFields
  let body: Data

  init(_ response: RecordedResponse) {
    let body = response.body?.data ?? Data()
    var fields = HTTPFields()
    for field in response.headers {
      switch field.name {
      case .contentLength, .contentEncoding, .transferEncoding: continue
      default: fields.append(field)
      }
    }
    fields[.contentLength] = String(body.count)
    self.init(status: response.status, headerFields: fields, body: body)
  }

  init(status: HTTPResponse.Status, headerFields: HTTPFields, body: Data) {
    self.status = status
    self.headerFields = headerFields
    self.body = body
  }

  /// The answer's head.
  var response: HTTPResponse { HTTPResponse(status: status, headerFields: headerFields) }

  /// This answer as a ``RecordedResponse``.
  var recordedResponse: RecordedResponse {
    RecordedResponse(
      status: status, headers: headerFields, body: RecordedBody(data: body, contentType: headerFields[.contentType]))
  }

  /// URLSession's shape: one value per name, repeated fields joined with ", ".
  var headerDictionary: [String: String] {
    var merged: [String: String] = [:]
    for field in headerFields {
      let key = field.name.rawName
      merged[key] = merged[key].map { "\($0), \(field.value)" } ?? field.value
    }
    return merged
  }

  /// This answer with absolute URLs under `canonical` origins pointed at `actual` instead (in
  /// JSON string values and the `Location` header), so a client on the sandbox stays there.
  func mappingOrigins(from canonical: [String], to actual: String) -> PlaybackAnswer {
    func map(_ text: String) -> String? {
      for origin in canonical where text.hasPrefix(origin) {
        let rest = text.dropFirst(origin.count)
        if rest.isEmpty || rest.first == "/" || rest.first == "?" { return actual + rest }
      }
      return nil
    }
    var fields = headerFields
    if let location = fields[.location], let mapped = map(location) { fields[.location] = mapped }
    var body = body
    if let contentType = fields[.contentType], MediaType(contentType).isJSON, let value = try? JSONParser.parse(body) {
      let mapped = value.mappingStrings(map)
      if mapped != value {
        body = JSONWriter.compactData(mapped)
        fields[.contentLength] = String(body.count)
      }
    }
    return PlaybackAnswer(status: status, headerFields: fields, body: body)
  }
}
