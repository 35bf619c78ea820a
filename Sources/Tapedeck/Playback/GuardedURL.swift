import Foundation
import HTTPTypes
import TapedeckSupport

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
      guard index + 2 < bytes.count, GUIDText.isHexDigit(bytes[index + 1]), GUIDText.isHexDigit(bytes[index + 2]) else {
        return false
      }
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
