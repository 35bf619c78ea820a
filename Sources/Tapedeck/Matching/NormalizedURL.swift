import Foundation

/// A URL in the form Tapedeck compares: scheme and host lower-cased, default port dropped,
/// percent-encoding normalized (`%24select` equals `$select`), query parameters sorted,
/// fragment dropped.
///
/// ```swift
/// NormalizedURL("HTTPS://Graph.Microsoft.com:443/beta/x?%24top=1&a=2").text
/// // "https://graph.microsoft.com/beta/x?$top=1&a=2"
/// ```
public struct NormalizedURL: Sendable, Hashable {
  /// `scheme://host[:port]` (lower-cased, default port dropped).
  public let origin: String
  /// The path with normalized percent-encoding; `/` when empty.
  public let path: String
  /// The query parameters as decoded-form name/value pairs, sorted.
  public let query: [QueryItem]

  /// One query parameter.
  public struct QueryItem: Sendable, Hashable, Comparable {
    /// The parameter's name, percent-encoding normalized.
    public let name: String
    /// The parameter's value (`nil` for a bare `?flag`).
    public let value: String?

    public static func < (lhs: QueryItem, rhs: QueryItem) -> Bool {
      lhs.name != rhs.name ? lhs.name < rhs.name : (lhs.value ?? "") < (rhs.value ?? "")
    }

    var text: String { value.map { "\(name)=\($0)" } ?? name }
  }

  /// Normalizes a URL string, dropping the query parameters named in `ignoring`.
  public init(_ url: String, ignoring ignoredParameters: Set<String> = []) {
    var rest = Substring(url)
    if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
    var queryText: Substring = ""
    if let question = rest.firstIndex(of: "?") {
      queryText = rest[rest.index(after: question)...]
      rest = rest[..<question]
    }
    var origin = ""
    if let schemeEnd = rest.range(of: "://") {
      let scheme = rest[..<schemeEnd.lowerBound].lowercased()
      let afterScheme = rest[schemeEnd.upperBound...]
      let authorityEnd = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
      var authority = afterScheme[..<authorityEnd].lowercased()
      if (scheme == "http" && authority.hasSuffix(":80")) || (scheme == "https" && authority.hasSuffix(":443")) {
        // Only a well-formed `host:port` loses its port: in `host:443:443` the host itself holds a
        // colon, and dropping one port would let a second normalization drop the next.
        let colon = authority.lastIndex(of: ":")!
        let hostStart =
          authority[..<colon].lastIndex(of: "@").map { authority.index(after: $0) } ?? authority.startIndex
        let host = authority[hostStart..<colon]
        if !host.contains(":") || (host.first == "[" && host.last == "]") {
          authority = String(authority[..<colon])
        }
      }
      origin = "\(scheme)://\(authority)"
      rest = afterScheme[authorityEnd...]
    }
    self.origin = origin
    let path = Self.normalizeEscapes(rest, keepingEncoded: Self.pathStructural)
    self.path = path.isEmpty ? "/" : path
    var items: [QueryItem] = []
    for pair in queryText.split(separator: "&", omittingEmptySubsequences: true) {
      let equals = pair.firstIndex(of: "=")
      let name = Self.normalizeEscapes(pair[..<(equals ?? pair.endIndex)], keepingEncoded: Self.queryStructural)
      if ignoredParameters.contains(name) { continue }
      let value = equals.map {
        Self.normalizeEscapes(pair[pair.index(after: $0)...], keepingEncoded: Self.queryStructural)
      }
      items.append(QueryItem(name: name, value: value))
    }
    self.query = items.sorted()
  }

  /// The whole normalized URL as text.
  public var text: String {
    query.isEmpty ? origin + path : origin + path + "?" + query.map(\.text).joined(separator: "&")
  }

  /// The path's segments (between `/`).
  var pathSegments: [Substring] { path.split(separator: "/", omittingEmptySubsequences: false) }

  /// Characters that must stay percent-encoded in a path, because decoding them changes its meaning.
  static let pathStructural: Set<UInt8> = Set("/?#%".utf8)
  /// Characters that must stay percent-encoded in a query.
  static let queryStructural: Set<UInt8> = Set("&=#+%".utf8).union([0x20])

  /// Decodes every `%XX` escape whose character is printable ASCII and not structural;
  /// other escapes are kept with upper-case hex, and a `%` that starts no escape becomes `%25`,
  /// so normalizing normalized text changes nothing (`%E%64` is `%25Ed`, never `%Ed`).
  static func normalizeEscapes(_ text: Substring, keepingEncoded structural: Set<UInt8>) -> String {
    guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
    var output: [UInt8] = []
    output.reserveCapacity(text.utf8.count)
    let bytes = Array(text.utf8)
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
        let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
      {
        let decoded = high << 4 | low
        if decoded > 0x20, decoded < 0x7F, !structural.contains(decoded) {
          output.append(decoded)
        } else {
          output.append(contentsOf: [UInt8(ascii: "%"), hexDigit(high), hexDigit(low)])
        }
        index += 3
      } else if byte == UInt8(ascii: "%") {
        output.append(contentsOf: Array("%25".utf8))
        index += 1
      } else {
        output.append(byte)
        index += 1
      }
    }
    return String(decoding: output, as: UTF8.self)
  }

  static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  static func hexDigit(_ value: UInt8) -> UInt8 { Array("0123456789ABCDEF".utf8)[Int(value)] }
}
