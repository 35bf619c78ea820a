import Foundation
import HTTPTypes

/// Writes a cassette as a HAR 1.2 archive, for HAR viewers and browser tools: one entry per
/// interaction, `startedDateTime` from `recordedAt`, bodies as text (JSON compact, keys sorted;
/// other bytes base64), cookies empty, timings zero. Tapedeck's own fields go under `_tapedeck`:
/// the cassette's name, source, recorder and key fingerprint in the log, and how each body was
/// stored in each entry, so that importing the archive gives back the same interactions.
///
/// The cassette is already scrubbed; the archive holds nothing the cassette does not.
///
/// ```swift
/// let archive = HARExport.archive(of: try CassetteFile.load(from: url))
/// try archive.encoded().write(to: harURL)
/// ```
public enum HARExport {
  /// The `creator` written: `tapedeck` and this build's version.
  public static let creator = HARArchive.Creator(
    name: "tapedeck", version: String(Cassette.recorderName.split(separator: " ").last ?? "0"))

  /// The archive of a cassette.
  ///
  /// ```swift
  /// let archive = HARExport.archive(of: cassette)
  /// ```
  public static func archive(of cassette: Cassette) -> HARArchive {
    var tapedeck: [String: JSONValue] = [
      "cassette": .string(cassette.name), "source": .string(cassette.source.rawValue),
      "recordedWith": .string(cassette.recordedWith),
    ]
    if let fingerprint = cassette.redactionKeyFingerprint { tapedeck["redactionKeyFingerprint"] = .string(fingerprint) }
    return HARArchive(creator: creator, entries: cassette.interactions.map(entry), tapedeck: tapedeck)
  }

  static func entry(_ interaction: Interaction) -> HARArchive.Entry {
    let request = interaction.request
    let response = interaction.response
    var extra: [String: JSONValue] = [:]
    var har = HARArchive.Request(
      method: request.method.rawValue, url: request.url, headers: fields(request.headers),
      queryString: queryString(of: request.url), bodySize: 0)
    if let body = request.body {
      let (text, encoding, size) = Self.text(of: body)
      har.postData = HARArchive.PostData(
        mimeType: request.headers[.contentType] ?? mimeType(of: body), text: text, encoding: encoding)
      har.bodySize = size
      extra["requestBody"] = .string(body.encodingName)
    }
    var content = HARArchive.Content(size: 0, mimeType: response.headers[.contentType] ?? "")
    if let body = response.body {
      let (text, encoding, size) = Self.text(of: body)
      content = HARArchive.Content(
        size: size, mimeType: response.headers[.contentType] ?? mimeType(of: body), text: text, encoding: encoding)
      extra["responseBody"] = .string(body.encodingName)
    }
    let answer = HARArchive.Response(
      status: response.status.code, statusText: response.status.reasonPhrase, headers: fields(response.headers),
      content: content, redirectURL: response.headers[.location] ?? "", bodySize: content.size)
    return HARArchive.Entry(startedDateTime: interaction.recordedAt, request: har, response: answer, tapedeck: extra)
  }

  static func fields(_ headers: HTTPFields) -> [HARArchive.Field] {
    headers.map { HARArchive.Field(name: $0.name.rawName, value: $0.value) }
  }

  /// A body as HAR text: JSON compact, text as it is, other bytes base64.
  static func text(of body: RecordedBody) -> (text: String, encoding: String?, size: Int) {
    switch body {
    case .json(let value):
      let data = JSONWriter.compactData(value)
      return (String(decoding: data, as: UTF8.self), nil, data.count)
    case .text(let text): return (text, nil, text.utf8.count)
    case .base64(let data): return (data.base64EncodedString(), "base64", data.count)
    }
  }

  /// The media type of a body whose message has no `Content-Type`.
  static func mimeType(of body: RecordedBody) -> String {
    switch body {
    case .json: "application/json"
    case .text: "text/plain"
    case .base64: "application/octet-stream"
    }
  }

  /// The URL's query parameters, percent-decoded where they decode (`+` is left as it is).
  static func queryString(of url: String) -> [HARArchive.Field] {
    guard let start = url.firstIndex(of: "?") else { return [] }
    let query = url[url.index(after: start)...].prefix { $0 != "#" }
    return query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      func decoded(_ text: Substring) -> String { String(text).removingPercentEncoding ?? String(text) }
      return HARArchive.Field(name: decoded(parts[0]), value: parts.count > 1 ? decoded(parts[1]) : "")
    }
  }
}
