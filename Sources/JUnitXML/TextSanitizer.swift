/// The one sanitizer every string passes through before it reaches XML.
///
/// It removes ANSI escape sequences, replaces everything outside XML 1.0's `Char` production
/// (C0 controls except tab, LF and CR; U+FFFE; U+FFFF; NUL; invalid UTF-8) with U+FFFD, and cuts
/// fields longer than a cap, keeping head and tail around a visible marker. Text is then
/// written escaped, never as CDATA, so `]]>` cannot break anything.
///
/// ```swift
/// TextSanitizer().clean("\u{1B}[31mred\u{1B}[0m\u{0}")  // "red\u{FFFD}"
/// ```
public struct TextSanitizer: Sendable {
  /// The longest field kept, in UTF-8 bytes (default 1 MiB).
  public var cap: Int

  /// A sanitizer with a cap (default 1 MiB).
  public init(cap: Int = 1 << 20) { self.cap = cap }

  /// The text made safe for XML.
  public func clean(_ text: String) -> String {
    var bytes = Array(text.utf8)
    return clean(bytes: &bytes)
  }

  /// Raw bytes made safe for XML (invalid UTF-8 becomes U+FFFD).
  public func clean(bytes: [UInt8]) -> String {
    var copy = bytes
    return clean(bytes: &copy)
  }

  /// A one-line summary: the first non-empty line, cleaned, at most `limit` characters.
  public func summary(_ text: String, limit: Int = 1000) -> String {
    let cleaned = clean(text)
    let line = cleaned.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).first.map(String.init) ?? ""
    return line.count > limit ? String(line.prefix(limit)) + "…" : line
  }

  private func clean(bytes: inout [UInt8]) -> String {
    // Fast path: printable ASCII plus tab/LF/CR, under the cap.
    if bytes.count <= cap, bytes.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
      return String(decoding: bytes, as: UTF8.self)
    }
    let decoded = String(decoding: Self.stripANSI(bytes), as: UTF8.self)  // invalid UTF-8 → U+FFFD
    var scalars = String.UnicodeScalarView()
    for scalar in decoded.unicodeScalars {
      scalars.append(Self.isXMLChar(scalar) ? scalar : "\u{FFFD}")
    }
    return truncate(String(scalars))
  }

  static func isXMLChar(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x0A, 0x0D: true
    case 0x20...0xD7FF: true
    case 0xE000...0xFFFD: true
    case 0x10000...0x10FFFF: true
    default: false
    }
  }

  /// Removes CSI (`ESC [ … final`), OSC (`ESC ] … BEL` or `ESC \`) and two-byte `ESC x` sequences.
  static func stripANSI(_ bytes: [UInt8]) -> [UInt8] {
    guard bytes.contains(0x1B) else { return bytes }
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
      guard bytes[index] == 0x1B, index + 1 < bytes.count else {
        output.append(bytes[index])
        index += 1
        continue
      }
      let kind = bytes[index + 1]
      index += 2
      if kind == UInt8(ascii: "[") {
        while index < bytes.count, !(0x40...0x7E).contains(bytes[index]) { index += 1 }
        index += 1
      } else if kind == UInt8(ascii: "]") {
        while index < bytes.count {
          if bytes[index] == 0x07 {
            index += 1
            break
          }
          if bytes[index] == 0x1B, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\\") {
            index += 2
            break
          }
          index += 1
        }
      }
    }
    return output
  }

  /// Keeps head and tail of an over-long text around `…[truncated N bytes]…`.
  func truncate(_ text: String) -> String {
    let count = text.utf8.count
    guard count > cap else { return text }
    let keep = max(cap / 2 - 32, 0)
    let head = String(decoding: text.utf8.prefix(keep), as: UTF8.self)
    let tail = String(decoding: text.utf8.suffix(keep), as: UTF8.self)
    return head + "\n…[truncated \(count - 2 * keep) bytes]…\n" + tail
  }
}
