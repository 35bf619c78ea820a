import Foundation
import HTTPTypes
import Tapedeck

/// Points absolute URLs in an answer at the origin the client used to reach the server, so a
/// paging client follows `@odata.nextLink` and `@odata.deltaLink` (and a `Location`) back
/// through the server: every JSON string value and the `Location` and `Content-Location`
/// headers that start with one of `origins` (the canonical Graph and authority origins, and the
/// upstreams of this request) get `client` in its place.
///
/// ```swift
/// let rewriter = OriginRewriter(origins: ["https://graph.microsoft.com"], client: "http://127.0.0.1:5000")
/// rewriter.map("https://graph.microsoft.com/beta/x?$skiptoken=1")  // "http://127.0.0.1:5000/beta/x?$skiptoken=1"
/// ```
struct OriginRewriter: Sendable {
  /// Origins (`scheme://host[:port]`, no trailing slash) to replace, longest first.
  let origins: [String]
  /// The origin the client reached the server on.
  let client: String

  init(origins: [String], client: String) {
    let trimmed = origins.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }.filter { !$0.isEmpty && $0 != client }
    self.origins = Array(Set(trimmed)).sorted { $0.count > $1.count }
    self.client = client
  }

  /// `text` with a leading origin replaced by the client's, or `nil` when it starts with none.
  func map(_ text: String) -> String? {
    guard text.contains("://") else { return nil }
    for origin in origins where text.count >= origin.count {
      guard let end = text.index(text.startIndex, offsetBy: origin.count, limitedBy: text.endIndex),
        text[..<end].lowercased() == origin.lowercased()
      else { continue }
      let rest = text[end...]
      if rest.isEmpty || rest.first == "/" || rest.first == "?" || rest.first == "#" { return client + rest }
    }
    return nil
  }

  /// The answer with its links pointed at the client's origin.
  func rewrite(_ response: RecordedResponse) -> RecordedResponse {
    var copy = response
    var headers = HTTPFields()
    for var field in response.headers {
      if field.name == .location || field.name == .contentLocation, let mapped = map(field.value) {
        field.value = mapped
      }
      headers.append(field)
    }
    copy.headers = headers
    if case .json(let value)? = response.body { copy.body = .json(mapping(value)) }
    return copy
  }

  private func mapping(_ value: JSONValue) -> JSONValue {
    switch value {
    case .string(let text): return map(text).map(JSONValue.string) ?? value
    case .array(let elements): return .array(elements.map(mapping))
    case .object(let members): return .object(members.mapValues(mapping))
    default: return value
    }
  }
}
