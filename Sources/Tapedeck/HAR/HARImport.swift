public import Foundation
import HTTPTypes

/// Turns a ``HARArchive`` into exchanges ready to record: which entries are kept (Graph and its
/// token endpoint) and why the others are dropped, each kept entry as a request and a response
/// with its body, and what the archive did not hold.
///
/// The exchanges are not redacted yet: they stay in memory, and reach a cassette only through
/// ``CassettePlayer/recordImported(_:)``, which scrubs them exactly as a live recording is
/// scrubbed. Cookies never come through: `Cookie` and `Set-Cookie` headers are dropped here,
/// and HAR's `cookies` arrays are never read.
///
/// Kept, unless `keepingAllHosts`: requests to Graph (`graph.microsoft.com`, the national clouds'
/// Graph hosts, `GRAPH_BASE_URL`, loopback) under `/v1.0` or `/beta`, and token requests
/// (`/{tenant}/oauth2/v2.0/token`) to the authority (`login.microsoftonline.com`, the national
/// clouds' authorities, `GRAPH_AUTHORITY`, loopback). CORS preflights and entries the browser got
/// no answer for are dropped in every case.
///
/// ```swift
/// let imported = HARImport(archive)
/// print(imported.exchanges.count, imported.dropped.count)
/// ```
public struct HARImport: Sendable {
  /// One kept entry.
  ///
  /// ```swift
  /// let first = imported.exchanges[0].interaction.request.url
  /// ```
  public struct Exchange: Sendable, Hashable {
    /// The entry's index in the archive (`log.entries[i]`).
    public let entryIndex: Int
    /// The exchange as recorded, not yet redacted.
    public let interaction: Interaction
  }

  /// One dropped entry and why.
  ///
  /// ```swift
  /// imported.dropped.map(\.reason.description)
  /// ```
  public struct Drop: Sendable, Hashable {
    /// The entry's index in the archive.
    public let entryIndex: Int
    /// Why it was dropped.
    public let reason: Reason
  }

  /// Why an entry was dropped.
  ///
  /// ```swift
  /// HARImport.Reason.otherHost.description  // "not Graph or token traffic (another host)"
  /// ```
  public enum Reason: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Neither a Graph host nor a token authority.
    case otherHost
    /// A Graph host, but not under `/v1.0` or `/beta`.
    case notGraphVersion
    /// The authority, but not its token endpoint (sign-in pages, discovery, …).
    case notTokenEndpoint
    /// Not an http or https URL (`data:`, `blob:`, WebSocket, extensions).
    case notHTTP
    /// The browser's CORS preflight, never sent by a client.
    case corsPreflight
    /// No answer was received (status 0: blocked, aborted or failed).
    case noResponse
    /// The status is not an HTTP status (100…599).
    case invalidStatus

    public var description: String {
      switch self {
      case .otherHost: "not Graph or token traffic (another host)"
      case .notGraphVersion: "a Graph host, but not under /v1.0 or /beta"
      case .notTokenEndpoint: "the sign-in authority, but not its token endpoint"
      case .notHTTP: "not an http or https URL"
      case .corsPreflight: "a browser's CORS preflight"
      case .noResponse: "no response (status 0: blocked, aborted or failed)"
      case .invalidStatus: "not an HTTP status (100…599)"
      }
    }
  }

  /// Something about a kept entry the cassette cannot show: a body the archive omitted, a body
  /// above the limit, headers that were left out.
  ///
  /// ```swift
  /// for note in imported.notes { print("entry \(note.entryIndex): \(note.text)") }
  /// ```
  public struct Note: Sendable, Hashable {
    /// The entry's index in the archive.
    public let entryIndex: Int
    /// What happened (never a header or body value).
    public let text: String
  }

  /// The kept entries, in archive order.
  public private(set) var exchanges: [Exchange] = []
  /// The dropped entries, in archive order.
  public private(set) var dropped: [Drop] = []
  /// What the cassette cannot show about kept entries.
  public private(set) var notes: [Note] = []
  /// How many `Cookie` and `Set-Cookie` headers were left out of kept entries.
  public private(set) var cookieHeadersDropped = 0
  /// The source the archive says its exchanges came from (`log._tapedeck.source`), when it is
  /// `live` or `sandbox`; other claims are not taken (they would weaken the audit).
  public let claimedSource: Cassette.Source?
  /// The redaction key fingerprint of the cassette the archive was exported from
  /// (`log._tapedeck.redactionKeyFingerprint`), if any.
  public let redactionKeyFingerprint: String?

  /// Graph hosts of the national clouds, stored under the canonical Graph origin.
  public static let nationalGraphOrigins = [
    "https://graph.microsoft.us", "https://dod-graph.microsoft.us", "https://microsoftgraph.chinacloudapi.cn",
    "https://graph.microsoft.de",
  ]
  /// Token authorities of the national clouds, stored under the canonical authority.
  public static let nationalAuthorityOrigins = [
    "https://login.microsoftonline.us", "https://login.partner.microsoftonline.cn", "https://login.chinacloudapi.cn",
    "https://login.microsoftonline.de",
  ]

  /// The origins an import maps: the standard ones, `GRAPH_BASE_URL` and `GRAPH_AUTHORITY`,
  /// loopback, and the national clouds' Graph hosts and authorities.
  ///
  /// ```swift
  /// let origins = HARImport.origins()
  /// ```
  public static func origins(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> CanonicalOrigins
  {
    let configured = ["GRAPH_BASE_URL", "GRAPH_AUTHORITY"].compactMap { environment[$0] }.filter { !$0.isEmpty }
    return CanonicalOrigins(aliases: configured + nationalGraphOrigins + nationalAuthorityOrigins)
  }

  /// Reads an archive's entries: keeps Graph and token traffic (every http or https entry when
  /// `keepingAllHosts`), and leaves out bodies above `bodySizeLimit` (noted).
  ///
  /// ```swift
  /// let imported = HARImport(archive, keepingAllHosts: true)
  /// ```
  public init(
    _ archive: HARArchive, keepingAllHosts: Bool = false, origins: CanonicalOrigins = HARImport.origins(),
    bodySizeLimit: BodySizeLimit = .default
  ) {
    if let source = archive.tapedeck["source"]?.stringValue, source == "live" || source == "sandbox" {
      claimedSource = Cassette.Source(rawValue: source)
    } else {
      claimedSource = nil
    }
    redactionKeyFingerprint = archive.tapedeck["redactionKeyFingerprint"]?.stringValue
    for (index, entry) in archive.entries.enumerated() {
      if let reason = Self.reasonToDrop(entry, keepingAllHosts: keepingAllHosts, origins: origins) {
        dropped.append(Drop(entryIndex: index, reason: reason))
        continue
      }
      let interaction = exchange(entry, index: index, limit: bodySizeLimit)
      exchanges.append(Exchange(entryIndex: index, interaction: interaction))
    }
  }

  /// Why an entry is dropped, or `nil` when it is kept.
  static func reasonToDrop(_ entry: HARArchive.Entry, keepingAllHosts: Bool, origins: CanonicalOrigins)
    -> Reason?
  {
    guard let (origin, rest) = CanonicalOrigins.split(entry.request.url) else { return .notHTTP }
    if entry.request.method.uppercased() == "OPTIONS",
      entry.request.headers.contains(where: { $0.name.lowercased() == "access-control-request-method" })
    {
      return .corsPreflight
    }
    if entry.response.status == 0 { return .noResponse }
    guard (100...599).contains(entry.response.status) else { return .invalidStatus }
    guard !keepingAllHosts else { return nil }
    let canonical = origins.mapping(for: entry.request.url)?.canonical ?? origin
    let path = rest.prefix { $0 != "?" && $0 != "#" }
    let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
    if canonical == origins.graph {
      return segments.first == "v1.0" || segments.first == "beta" ? nil : .notGraphVersion
    }
    if canonical == origins.authority {
      let isToken =
        segments.count == 4 && !segments[segments.startIndex].isEmpty
        && Array(segments.dropFirst()) == ["oauth2", "v2.0", "token"]
      return isToken ? nil : .notTokenEndpoint
    }
    return .otherHost
  }

  /// Header names never carried into a cassette: cookies (browser sessions), and the framing
  /// headers that describe bytes the cassette does not hold.
  static let cookieHeaders: Set<String> = ["cookie", "set-cookie", "cookie2", "set-cookie2"]
  /// `Host` and the hop-by-hop headers go too: the URL says where, and a proxy's port would leak
  /// into the cassette.
  static let framingHeaders: Set<String> = [
    "content-length", "content-encoding", "transfer-encoding", "host", "connection", "proxy-connection", "keep-alive",
    "te", "trailer", "upgrade",
  ]

  mutating func exchange(_ entry: HARArchive.Entry, index: Int, limit: BodySizeLimit) -> Interaction {
    let requestHeaders = headers(entry.request.headers, index: index, side: "request")
    let responseHeaders = headers(entry.response.headers, index: index, side: "response")
    var requestBody: RecordedBody?
    if let postData = entry.request.postData {
      let contentType = requestHeaders[.contentType] ?? (postData.mimeType.isEmpty ? nil : postData.mimeType)
      if let data = requestBytes(postData, index: index) {
        requestBody = body(
          data, contentType: contentType, stored: entry.tapedeck["requestBody"]?.stringValue, index: index,
          side: "request", limit: limit)
      }
    } else if entry.request.bodySize > 0 {
      note(index, "the archive omitted the request body (\(entry.request.bodySize) bytes); it is recorded as absent")
    }
    var responseBody: RecordedBody?
    let content = entry.response.content
    if let text = content.text {
      let data =
        content.encoding == nil ? Data(text.utf8) : Data(base64Encoded: text, options: .ignoreUnknownCharacters)
      let contentType = responseHeaders[.contentType] ?? (content.mimeType.isEmpty ? nil : content.mimeType)
      if let data {
        responseBody = body(
          data, contentType: contentType, stored: entry.tapedeck["responseBody"]?.stringValue, index: index,
          side: "response", limit: limit)
      }
    } else if content.size > 0 {
      note(index, "the archive omitted the response body (\(content.size) bytes); it is recorded as absent")
    }
    let method = HTTPRequest.Method(entry.request.method) ?? .get
    return Interaction(
      recordedAt: entry.startedDateTime,
      request: RecordedRequest(method: method, url: entry.request.url, headers: requestHeaders, body: requestBody),
      response: RecordedResponse(
        status: HTTPResponse.Status(code: entry.response.status), headers: responseHeaders, body: responseBody))
  }

  /// The request body's bytes: its text (decoded when base64), else its form parameters encoded;
  /// `nil` (noted) when the archive holds neither.
  mutating func requestBytes(_ postData: HARArchive.PostData, index: Int) -> Data? {
    if let text = postData.text {
      guard postData.encoding != nil else { return Data(text.utf8) }
      return Data(base64Encoded: text, options: .ignoreUnknownCharacters)
    }
    guard !postData.params.isEmpty else { return nil }
    guard !postData.params.contains(where: { $0.fileName != nil || $0.value == nil }),
      !postData.mimeType.lowercased().hasPrefix("multipart/")
    else {
      note(index, "the archive holds the request body as parameters with files; it is recorded as absent")
      return nil
    }
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    func escape(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text }
    let form = postData.params.map { "\(escape($0.name))=\(escape($0.value ?? ""))" }.joined(separator: "&")
    return Data(form.utf8)
  }

  /// A body as the cassette stores it: the kind Tapedeck exported it as when the archive says so
  /// and the bytes fit it, else classified by media type; `nil` (noted) above the limit.
  mutating func body(
    _ data: Data, contentType: String?, stored: String?, index: Int, side: String, limit: BodySizeLimit
  ) -> RecordedBody? {
    guard !limit.isExceeded(by: data.count) else {
      note(
        index,
        "the \(side) body (\(data.count) bytes) is above the body limit (\(limit), TAPEDECK_MAX_BODY_BYTES); it is recorded as absent"
      )
      return nil
    }
    guard !data.isEmpty else { return nil }
    switch stored {
    case "base64": return .base64(data)
    case "text": if let text = String(validating: data, as: UTF8.self) { return .text(text) }
    case "json": if let value = try? JSONParser.parse(data) { return .json(value) }
    default: break
    }
    return RecordedBody(data: data, contentType: contentType)
  }

  /// The headers a cassette keeps: no HTTP/2 pseudo-headers, cookies or framing headers.
  mutating func headers(_ fields: [HARArchive.Field], index: Int, side: String) -> HTTPFields {
    var result = HTTPFields()
    var unnamed = 0
    for field in fields {
      let lower = field.name.lowercased()
      if lower.hasPrefix(":") || Self.framingHeaders.contains(lower) { continue }
      if Self.cookieHeaders.contains(lower) {
        cookieHeadersDropped += 1
        continue
      }
      guard let name = HTTPField.Name(field.name) else {
        unnamed += 1
        continue
      }
      result.append(HTTPField(name: name, value: field.value))
    }
    if unnamed > 0 {
      note(index, "\(unnamed) \(side) header\(unnamed == 1 ? "" : "s") with a name HTTP does not allow left out")
    }
    return result
  }

  mutating func note(_ index: Int, _ text: String) { notes.append(Note(entryIndex: index, text: text)) }
}
