public import Foundation

/// Writes ``JSONValue`` as text: sorted keys, `/` unescaped, UTF-8 kept as is.
///
/// The pretty form (two-space indent, `"key": value`, trailing newline) is the cassette
/// file format; the compact form is what a replayed body sends.
///
/// ```swift
/// let bytes = JSONWriter.prettyData(["status": "compliant"])
/// ```
public enum JSONWriter {
  /// Pretty-printed bytes with a trailing newline, byte-identical for equal structure.
  public static func prettyData(_ value: JSONValue) -> Data {
    var output: [UInt8] = []
    output.reserveCapacity(4096)
    write(value, into: &output, indent: 0, pretty: true)
    output.append(0x0A)
    return Data(output)
  }

  /// Compact bytes (no whitespace), keys sorted.
  public static func compactData(_ value: JSONValue) -> Data {
    var output: [UInt8] = []
    write(value, into: &output, indent: 0, pretty: false)
    return Data(output)
  }

  /// Compact text (no whitespace), keys sorted.
  public static func compactString(_ value: JSONValue) -> String {
    var output: [UInt8] = []
    write(value, into: &output, indent: 0, pretty: false)
    return String(decoding: output, as: UTF8.self)
  }

  package static func write(_ value: JSONValue, into output: inout [UInt8], indent: Int, pretty: Bool) {
    switch value {
    case .null: output.append(contentsOf: "null".utf8)
    case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
    case .number(let number): output.append(contentsOf: number.literal.utf8)
    case .string(let text): writeString(text, into: &output)
    case .array(let elements):
      guard !elements.isEmpty else {
        output.append(contentsOf: "[]".utf8)
        return
      }
      output.append(UInt8(ascii: "["))
      for (index, element) in elements.enumerated() {
        if index > 0 { output.append(UInt8(ascii: ",")) }
        if pretty { newline(into: &output, indent: indent + 1) }
        write(element, into: &output, indent: indent + 1, pretty: pretty)
      }
      if pretty { newline(into: &output, indent: indent) }
      output.append(UInt8(ascii: "]"))
    case .object(let members):
      guard !members.isEmpty else {
        output.append(contentsOf: "{}".utf8)
        return
      }
      output.append(UInt8(ascii: "{"))
      for (index, key) in members.keys.sorted().enumerated() {
        if index > 0 { output.append(UInt8(ascii: ",")) }
        if pretty { newline(into: &output, indent: indent + 1) }
        writeString(key, into: &output)
        output.append(UInt8(ascii: ":"))
        if pretty { output.append(UInt8(ascii: " ")) }
        write(members[key]!, into: &output, indent: indent + 1, pretty: pretty)
      }
      if pretty { newline(into: &output, indent: indent) }
      output.append(UInt8(ascii: "}"))
    }
  }

  static func newline(into output: inout [UInt8], indent: Int) {
    output.append(0x0A)
    for _ in 0..<indent { output.append(contentsOf: [0x20, 0x20]) }
  }

  static func writeString(_ text: String, into output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    var text = text
    text.withUTF8 { bytes in
      // Runs of bytes that need no escape are copied whole.
      var runStart = 0
      for index in bytes.indices {
        let byte = bytes[index]
        guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        appendEscape(for: byte, into: &output)
        runStart = index + 1
      }
      output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }
    output.append(UInt8(ascii: "\""))
  }

  /// The escape JSON writes for a quote, a backslash or a control byte.
  private static func appendEscape(for byte: UInt8, into output: inout [UInt8]) {
    switch byte {
    case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
    case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
    case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
    case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
    case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
    case 0x08: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
    case 0x0C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
    default:
      let hex = Array("0123456789abcdef".utf8)
      output.append(contentsOf: Array("\\u00".utf8))
      output.append(hex[Int(byte >> 4)])
      output.append(hex[Int(byte & 0xF)])
    }
  }
}
