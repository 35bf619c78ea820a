public import Foundation
import HTTPTypes

/// The write guard: while recording, any request that is not a read (`GET`, `HEAD`, `OPTIONS`)
/// to a host other than loopback is refused before it leaves, unless `TAPEDECK_ALLOW_WRITES`
/// lists a URL it falls under. Every player applies it unless given another guard.
///
/// Allow-list entries are URLs compared on scheme, host, port and whole path segments after
/// dot segments are removed (`…/allowed` allows `…/allowed/x`, never `…/allowedX` nor
/// `…/allowed/../other`). Token requests are not writes to a tenant: a `POST` to
/// `/{tenant}/oauth2/v2.0/token` passes, on the configured authority only (`GRAPH_AUTHORITY`,
/// default `https://login.microsoftonline.com`). The local sandbox is on loopback, so it is
/// never guarded.
///
/// ```swift
/// let player = try CassettePlayer(cassette: "patch", liveRequestGuard: WriteGuard.fromEnvironment().liveRequestGuard)
/// ```
public struct WriteGuard: Sendable, Hashable {
  /// URLs writes may go to (each allows itself and everything below it).
  public var allowedPrefixes: [String]
  /// The token authority, whose token endpoint is exempt.
  public var authority: String

  /// A guard with an allow-list.
  public init(allowedPrefixes: [String] = [], authority: String = "https://login.microsoftonline.com") {
    self.allowedPrefixes = allowedPrefixes
    self.authority = authority
  }

  /// A guard from `TAPEDECK_ALLOW_WRITES` (comma-separated URLs) and `GRAPH_AUTHORITY`.
  public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
    -> WriteGuard
  {
    let list = (environment["TAPEDECK_ALLOW_WRITES"] ?? "").split(separator: ",")
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    let authority =
      environment["GRAPH_AUTHORITY"].flatMap { $0.isEmpty ? nil : $0 } ?? "https://login.microsoftonline.com"
    return WriteGuard(allowedPrefixes: list, authority: authority)
  }

  /// Why a request is refused, or `nil` when it may go.
  public func refusal(for request: RecordedRequest) -> WriteRefusedError? {
    guard !["GET", "HEAD", "OPTIONS"].contains(request.method.rawValue) else { return nil }
    guard let target = GuardedURL(request.url) else {
      return WriteRefusedError(method: request.method.rawValue, url: request.url)
    }
    if target.isLoopback { return nil }
    if request.method.rawValue == "POST", let authority = GuardedURL(authority), target.sameOrigin(as: authority),
      target.segments.count == 4, target.segments[1] == "oauth2", target.segments[2] == "v2.0",
      target.segments[3] == "token"
    {
      return nil
    }
    for entry in allowedPrefixes {
      if let allowed = GuardedURL(entry), target.sameOrigin(as: allowed),
        target.segments.starts(with: allowed.segments.filter { !$0.isEmpty })
      {
        return nil
      }
    }
    return WriteRefusedError(method: request.method.rawValue, url: request.url)
  }

  /// The guard as the player's hook.
  public var liveRequestGuard: LiveRequestGuard {
    LiveRequestGuard("write guard (TAPEDECK_ALLOW_WRITES)") { request in refusal(for: request) }
  }
}

/// A URL as the write guard compares it: scheme, host and port lower-cased, path segments
/// percent-decoded with dot segments removed.
struct GuardedURL {
  let scheme: String
  let host: String
  let port: Int
  let segments: [String]

  init?(_ text: String) {
    // A URL is ASCII without spaces or controls; anything else is not judged (a write is refused).
    guard text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }), Self.escapesAreWellFormed(text) else { return nil }
    guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
      let host = components.host?.lowercased(), !host.isEmpty
    else { return nil }
    self.scheme = scheme
    self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
    port = components.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : -1)
    var resolved: [String] = []
    for raw in components.percentEncodedPath.split(separator: "/", omittingEmptySubsequences: true) {
      // A segment whose escapes do not decode to UTF-8 (`%A9`, `%zz`) is not judged either.
      guard let segment = Self.decoded(raw) else { return nil }
      // An encoded slash or a backslash is a path separator to some servers: such a URL is not
      // judged at all (a write to it is refused).
      guard !segment.contains("/"), !segment.contains("\\") else { return nil }
      switch segment {
      case ".": continue
      case "..": if !resolved.isEmpty { resolved.removeLast() }
      default: resolved.append(segment)
      }
    }
    segments = resolved
  }

  /// Whether every `%` in `text` starts a two-hex-digit escape.
  static func escapesAreWellFormed(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "%") {
      guard index + 2 < bytes.count, bytes[index + 1].isHexDigit, bytes[index + 2].isHexDigit else { return false }
    }
    return true
  }

  /// A path segment percent-decoded, or `nil` when an escape is malformed or the bytes are not
  /// printable ASCII (decided here, the same on every platform: Foundation's decoding differs).
  static func decoded(_ segment: Substring) -> String? {
    var bytes: [UInt8] = []
    var index = segment.utf8.startIndex
    while index < segment.utf8.endIndex {
      let byte = segment.utf8[index]
      guard byte == UInt8(ascii: "%") else {
        bytes.append(byte)
        index = segment.utf8.index(after: index)
        continue
      }
      let high = segment.utf8.index(after: index)
      guard high < segment.utf8.endIndex else { return nil }
      let low = segment.utf8.index(after: high)
      guard low < segment.utf8.endIndex, let value = UInt8(String(segment[high...low]), radix: 16) else { return nil }
      bytes.append(value)
      index = segment.utf8.index(after: low)
    }
    // Graph's write paths are ASCII; a decoded segment that is not is never judged (Unicode
    // combining marks and look-alike dots read differently from one parser to the next).
    guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
    return String(decoding: bytes, as: UTF8.self)
  }

  func sameOrigin(as other: GuardedURL) -> Bool { scheme == other.scheme && host == other.host && port == other.port }

  /// `localhost`, `127.0.0.0/8` and `::1`.
  var isLoopback: Bool {
    host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1"
      || (host.hasPrefix("127.") && host.split(separator: ".").count == 4
        && host.split(separator: ".").allSatisfy { UInt8($0) != nil })
  }
}

/// A write to a live tenant that the write guard stopped before it was sent.
///
/// ```swift
/// // Tapedeck refused to send PATCH https://graph.microsoft.com/beta/… while recording: …
/// ```
public struct WriteRefusedError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
  /// The method.
  public let method: String
  /// The URL.
  public let url: String

  public var description: String {
    """
    Tapedeck refused to send \(method) \(url) while recording: writes to live tenants are off by default, so a test cannot change production devices by accident. Nothing was sent.
    What to do:
      1. Record against the local sandbox instead (`tapedeck sandbox`, then point the client's base URL at it).
      2. Or allow writes under a URL in TAPEDECK_ALLOW_WRITES (comma-separated; whole path segments), e.g.
         TAPEDECK_ALLOW_WRITES=\(Self.suggestedPrefix(url))
    """
  }

  public var errorDescription: String? { description }

  /// The URL without its query or fragment, as a narrow allow-list entry.
  static func suggestedPrefix(_ url: String) -> String {
    guard let end = url.firstIndex(where: { $0 == "?" || $0 == "#" }) else { return url }
    return String(url[..<end])
  }
}

extension UInt8 {
  /// `0-9`, `a-f`, `A-F`.
  fileprivate var isHexDigit: Bool {
    (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self)
  }
}
