import Foundation
import HTTPTypes

/// The answer to one replayed request, built once per recording and reused.
struct ReplayPayload: Sendable {
  let status: Int
  let headers: [String: String]
  let body: Data

  init(_ response: RecordedResponse) {
    status = response.status.code
    body = response.body?.data ?? Data()
    var merged: [String: String] = [:]
    for field in response.headers {
      switch field.name {
      case .contentLength, .contentEncoding, .transferEncoding: continue
      default:
        let key = field.name.rawName
        merged[key] = merged[key].map { "\($0), \(field.value)" } ?? field.value
      }
    }
    merged["Content-Length"] = String(body.count)
    headers = merged
  }

  /// This answer as a ``RecordedResponse`` (for front doors other than URLSession).
  var recordedResponse: RecordedResponse {
    var fields = HTTPFields()
    for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
      if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
    }
    return RecordedResponse(
      status: HTTPResponse.Status(code: status), headers: fields,
      body: RecordedBody(data: body, contentType: fields[.contentType]))
  }

  init(status: Int, headers: [String: String], body: Data) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// This answer with absolute URLs under `canonical` origins pointed at `actual` instead (in
  /// JSON string values and the `Location` header), so a client on the sandbox stays there.
  func mappingOrigins(from canonical: [String], to actual: String) -> ReplayPayload {
    func map(_ text: String) -> String? {
      for origin in canonical where text.hasPrefix(origin) {
        let rest = text.dropFirst(origin.count)
        if rest.isEmpty || rest.first == "/" || rest.first == "?" { return actual + rest }
      }
      return nil
    }
    var headers = headers
    for (name, value) in headers where name.lowercased() == "location" { headers[name] = map(value) ?? value }
    var body = body
    if let contentType = headers.first(where: { $0.key.lowercased() == "content-type" })?.value,
      MediaType(contentType).isJSON, let value = try? JSONParser.parse(body)
    {
      let mapped = value.mappingStrings(map)
      if mapped != value {
        body = JSONWriter.compactData(mapped)
        headers["Content-Length"] = String(body.count)
      }
    }
    return ReplayPayload(status: status, headers: headers, body: body)
  }
}
