/// Finds secrets by their format, wherever they appear as text: JSON Web Tokens (any header
/// whitespace, dots written `.` or `%2E`), PEM private keys, AWS access key ids, the key and
/// signature parts of Azure connection strings and SAS URLs, `Bearer` credentials, and the
/// password in a URL's userinfo. The recorder replaces them and the audit flags them, from this
/// one list.
enum SecretFormats {
  /// The text being scanned, without copying it.
  typealias Bytes = UnsafeBufferPointer<UInt8>

  /// The secret formats found in `bytes`, as ranges to replace, in order and not overlapping.
  static func ranges(in bytes: Bytes) -> [Range<Int>] {
    guard bytes.count >= 8 else { return [] }
    var found: [Range<Int>] = []
    var index = 0
    while index < bytes.count {
      if let range = match(bytes, at: index) {
        found.append(range)
        index = max(range.upperBound, index + 1)
      } else {
        index += 1
      }
    }
    return found
  }

  /// The secret starting at `index`, tried only for the bytes a format can start with (the scan
  /// runs on every text the redactor sees, so most bytes must cost one comparison).
  static func match(_ bytes: Bytes, at index: Int) -> Range<Int>? {
    // Right after `://`, whatever the user name starts with.
    if index >= 3, bytes[index - 1] == UInt8(ascii: "/"), let range = userinfo(bytes, at: index) { return range }
    switch bytes[index] {
    case UInt8(ascii: "e"): return jsonWebToken(bytes, at: index)
    case UInt8(ascii: "-"): return privateKey(bytes, at: index)
    case UInt8(ascii: "A"): return awsKeyID(bytes, at: index) ?? namedValue(bytes, at: index)
    case UInt8(ascii: "a"), UInt8(ascii: "S"), UInt8(ascii: "P"), UInt8(ascii: "p"):
      return namedValue(bytes, at: index)
    case UInt8(ascii: "s"): return namedValue(bytes, at: index)
    case UInt8(ascii: "B"), UInt8(ascii: "b"): return bearer(bytes, at: index)
    default: return nil
    }
  }

  /// `bytes` with each secret replaced by `replacement`, or `nil` when there is none.
  static func replacing(in bytes: [UInt8], with replacement: String) -> [UInt8]? {
    let found = bytes.withUnsafeBufferPointer { ranges(in: $0) }
    guard !found.isEmpty else { return nil }
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var copied = 0
    for range in found {
      output.append(contentsOf: bytes[copied..<range.lowerBound])
      output.append(contentsOf: replacement.utf8)
      copied = range.upperBound
    }
    output.append(contentsOf: bytes[copied...])
    return output
  }

  /// `text` with each secret replaced by `REDACTED`, or `nil` when there is none.
  static func replacing(in text: String) -> String? {
    // Most texts hold no secret: scan them in place, and copy only when there is one.
    var text = text
    let found = text.withUTF8 { ranges(in: $0) }
    guard !found.isEmpty else { return nil }
    return replacing(in: Array(text.utf8), with: "REDACTED").map { String(decoding: $0, as: UTF8.self) }
  }

  // MARK: - Formats

  /// `header.payload.signature`, base64url, whose header decodes to a JSON object (`eyJ…`,
  /// `eyAi…`, `ewog…`), the dots possibly percent-encoded.
  static func jsonWebToken(_ bytes: Bytes, at start: Int) -> Range<Int>? {
    guard start + 10 <= bytes.count, bytes[start] == UInt8(ascii: "e"),
      bytes[start + 1] == UInt8(ascii: "y") || bytes[start + 1] == UInt8(ascii: "w"),
      startsWord(bytes, at: start)
    else { return nil }
    var index = start
    var separators = 0
    var segment = 0
    while index < bytes.count {
      if let width = separatorWidth(bytes, at: index) {
        guard segment >= 4 else { return nil }
        separators += 1
        if separators > 2 { break }
        segment = 0
        index += width
      } else if isBase64URL(bytes[index]) {
        segment += 1
        index += 1
      } else {
        break
      }
    }
    guard separators >= 2, let header = base64URLPrefix(bytes, from: start), header.count >= 2,
      [UInt8(ascii: "\""), 0x20, 0x0A, 0x0D, 0x09].contains(header[1])
    else { return nil }
    return start..<index
  }

  /// The first bytes the base64url text at `start` decodes to (from its first 4 characters),
  /// when the first segment is long enough for a JWT header (10 or more characters).
  static func base64URLPrefix(_ bytes: Bytes, from start: Int) -> [UInt8]? {
    var length = 0
    while start + length < bytes.count, isBase64URL(bytes[start + length]) { length += 1 }
    guard length >= 10 else { return nil }
    let values = bytes[start..<(start + 4)].map { byte -> UInt32 in
      switch byte {
      case 0x41...0x5A: UInt32(byte - 0x41)
      case 0x61...0x7A: UInt32(byte - 0x61 + 26)
      case 0x30...0x39: UInt32(byte - 0x30 + 52)
      case UInt8(ascii: "-"): 62
      default: 63
      }
    }
    let word = values[0] << 18 | values[1] << 12 | values[2] << 6 | values[3]
    return [UInt8(word >> 16 & 0xFF), UInt8(word >> 8 & 0xFF), UInt8(word & 0xFF)]
  }

  /// `-----BEGIN … PRIVATE KEY-----` through its `-----END … PRIVATE KEY-----` (or the end).
  static func privateKey(_ bytes: Bytes, at start: Int) -> Range<Int>? {
    guard bytes[start] == UInt8(ascii: "-"), hasPrefix(bytes, "-----BEGIN ", at: start) else { return nil }
    let lineEnd = find("-----", in: bytes, from: start + 11) ?? bytes.count
    guard find("PRIVATE KEY", in: bytes, from: start, to: lineEnd) != nil else { return nil }
    guard let end = find("-----END ", in: bytes, from: lineEnd) else { return start..<bytes.count }
    let close = find("-----", in: bytes, from: end + 9).map { $0 + 5 } ?? bytes.count
    return start..<close
  }

  /// `AKIA` or `ASIA` and 16 upper-case letters or digits.
  static func awsKeyID(_ bytes: Bytes, at start: Int) -> Range<Int>? {
    guard start + 20 <= bytes.count, bytes[start] == UInt8(ascii: "A"),
      hasPrefix(bytes, "AKIA", at: start) || hasPrefix(bytes, "ASIA", at: start),
      startsWord(bytes, at: start),
      bytes[(start + 4)..<(start + 20)].allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }),
      start + 20 == bytes.count || !isAlphanumeric(bytes[start + 20])
    else { return nil }
    return start..<(start + 20)
  }

  /// The value after `AccountKey=`, `SharedAccessKey=`, `SharedAccessSignature=`, `Password=`
  /// (connection strings, up to `;`) and after `sig=` in a query (up to `&`).
  static func namedValue(_ bytes: Bytes, at start: Int) -> Range<Int>? {
    guard start == 0 || !isAlphanumeric(bytes[start - 1]) else { return nil }
    for name in connectionStringNames where hasPrefix(bytes, name, at: start, caseInsensitive: true) {
      let valueStart = start + name.utf8.count
      let end = scanValue(bytes, from: valueStart, stoppingAt: [UInt8(ascii: ";"), UInt8(ascii: "&")])
      return end > valueStart && !isRedacted(bytes, valueStart..<end) ? valueStart..<end : nil
    }
    if start > 0, bytes[start - 1] == UInt8(ascii: "?") || bytes[start - 1] == UInt8(ascii: "&"),
      hasPrefix(bytes, "sig=", at: start)
    {
      let end = scanValue(bytes, from: start + 4, stoppingAt: [UInt8(ascii: "&"), UInt8(ascii: "#")])
      return end > start + 4 && !isRedacted(bytes, (start + 4)..<end) ? (start + 4)..<end : nil
    }
    return nil
  }

  static let connectionStringNames = ["AccountKey=", "SharedAccessKey=", "SharedAccessSignature=", "Password="]

  /// The credential after `Bearer ` (16 or more token characters).
  static func bearer(_ bytes: Bytes, at start: Int) -> Range<Int>? {
    guard bytes[start] | 0x20 == UInt8(ascii: "b"), hasPrefix(bytes, "bearer ", at: start, caseInsensitive: true),
      start == 0 || !isAlphanumeric(bytes[start - 1])
    else { return nil }
    let valueStart = start + 7
    var end = valueStart
    while end < bytes.count, isBase64URL(bytes[end]) || [0x2E, 0x2B, 0x2F, 0x3D, 0x7E].contains(bytes[end]) {
      end += 1
    }
    return end - valueStart >= 16 && !isRedacted(bytes, valueStart..<end) ? valueStart..<end : nil
  }

  /// `user:password@` after `://`: dropped whole.
  static func userinfo(_ bytes: Bytes, at start: Int) -> Range<Int>? {
    guard start >= 3, bytes[start - 1] == UInt8(ascii: "/"), bytes[start - 2] == UInt8(ascii: "/"),
      bytes[start - 3] == UInt8(ascii: ":")
    else { return nil }
    var index = start
    var colon = false
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "@"): return colon && index > start ? start..<(index + 1) : nil
      case UInt8(ascii: ":"): colon = true
      case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: " "), UInt8(ascii: "\""): return nil
      default: break
      }
      index += 1
    }
    return nil
  }

  // MARK: - Bytes

  /// Whether a token may start at `start`: at the start, after a byte that is not base64url, or
  /// right after a percent-escape (`%20eyJ…`, `%3DAKIA…` in a query).
  static func startsWord(_ bytes: Bytes, at start: Int) -> Bool {
    if start == 0 || !isBase64URL(bytes[start - 1]) { return true }
    return start >= 3 && bytes[start - 3] == UInt8(ascii: "%") && isHex(bytes[start - 2]) && isHex(bytes[start - 1])
  }

  static func isHex(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
  }

  static func separatorWidth(_ bytes: Bytes, at index: Int) -> Int? {
    if bytes[index] == UInt8(ascii: ".") { return 1 }
    if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "2"),
      bytes[index + 2] | 0x20 == UInt8(ascii: "e")
    {
      return 3
    }
    return nil
  }

  static func scanValue(_ bytes: Bytes, from start: Int, stoppingAt stops: [UInt8]) -> Int {
    var end = start
    while end < bytes.count, !stops.contains(bytes[end]),
      ![UInt8(ascii: "\""), UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "<")]
        .contains(bytes[end])
    {
      end += 1
    }
    return end
  }

  static func isRedacted(_ bytes: Bytes, _ range: Range<Int>) -> Bool {
    bytes[range].elementsEqual("REDACTED".utf8)
  }

  static func hasPrefix(_ bytes: Bytes, _ prefix: String, at start: Int, caseInsensitive: Bool = false) -> Bool {
    let needle = Array(prefix.utf8)
    guard start + needle.count <= bytes.count else { return false }
    for offset in 0..<needle.count {
      var byte = bytes[start + offset]
      var wanted = needle[offset]
      if caseInsensitive {
        if byte >= 0x41, byte <= 0x5A { byte += 0x20 }
        if wanted >= 0x41, wanted <= 0x5A { wanted += 0x20 }
      }
      if byte != wanted { return false }
    }
    return true
  }

  /// The first index of `needle` in `bytes[start..<end]` (end: the whole text).
  static func find(_ needle: String, in bytes: Bytes, from start: Int, to end: Int? = nil) -> Int? {
    let target = Array(needle.utf8)
    let limit = min(end ?? bytes.count, bytes.count)
    var index = start
    while index + target.count <= limit {
      if bytes[index] == target[0], hasPrefix(bytes, needle, at: index) { return index }
      index += 1
    }
    return nil
  }

  static func isBase64URL(_ byte: UInt8) -> Bool {
    isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
  }

  static func isAlphanumeric(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
  }
}
