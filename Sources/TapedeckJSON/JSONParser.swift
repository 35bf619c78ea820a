public import Foundation

/// A strict RFC 8259 JSON parser that builds ``JSONValue`` directly from UTF-8 bytes.
///
/// It rejects duplicate object keys, invalid UTF-8, and nesting deeper than `maximumDepth`
/// (so hostile input is an error, never a stack overflow).
///
/// ```swift
/// let value = try JSONParser.parse(Data(#"{"status":"compliant"}"#.utf8))
/// ```
public enum JSONParser {
  /// The deepest nesting of arrays and objects accepted by default.
  public static let defaultMaximumDepth = 512

  /// Parses one JSON document (surrounding whitespace allowed).
  public static func parse(_ data: Data, maximumDepth: Int = defaultMaximumDepth) throws(JSONSyntaxError)
    -> JSONValue
  {
    let result: Result<JSONValue, JSONSyntaxError> = data.withUnsafeBytes { raw in
      var parser = Cursor(bytes: raw.bindMemory(to: UInt8.self), maximumDepth: maximumDepth)
      do throws(JSONSyntaxError) {
        return .success(try parser.parseDocument())
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  /// Parses JSON text.
  public static func parse(_ text: String, maximumDepth: Int = defaultMaximumDepth) throws(JSONSyntaxError)
    -> JSONValue
  {
    try parse(Data(text.utf8), maximumDepth: maximumDepth)
  }

  /// Whether the bytes start like a JSON document (after whitespace), a cheap pre-check.
  package static func looksLikeJSON(_ data: Data) -> Bool {
    for byte in data {
      switch byte {
      case 0x20, 0x0A, 0x0D, 0x09: continue
      case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "\""): return true
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
      case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): return true
      default: return false
      }
    }
    return false
  }
}

private struct Cursor {
  let bytes: UnsafeBufferPointer<UInt8>
  let maximumDepth: Int
  var position = 0
  var depth = 0

  init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
    self.bytes = bytes
    self.maximumDepth = maximumDepth
  }

  mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
    skipWhitespace()
    let value = try parseValue()
    skipWhitespace()
    if position < bytes.count { throw error("unexpected text after the JSON value") }
    return value
  }

  func error(_ reason: String, at offset: Int? = nil) -> JSONSyntaxError {
    let offset = min(offset ?? position, bytes.count)
    var line = 1
    var lineStart = 0
    for index in 0..<offset where bytes[index] == 0x0A {
      line += 1
      lineStart = index + 1
    }
    return JSONSyntaxError(line: line, column: offset - lineStart + 1, offset: offset, reason: reason)
  }

  mutating func skipWhitespace() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x0A, 0x0D, 0x09: position += 1
      default: return
      }
    }
  }

  mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
    guard position < bytes.count else { throw error("the JSON ends early (truncated?)") }
    switch bytes[position] {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
    case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
    case UInt8(ascii: "n"): try expectWord("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
    default: throw error("expected a JSON value")
    }
  }

  mutating func expectWord(_ word: StaticString) throws(JSONSyntaxError) {
    let length = word.utf8CodeUnitCount
    guard position + length <= bytes.count else { throw error("the JSON ends early (truncated?)") }
    let expected = UnsafeBufferPointer(start: word.utf8Start, count: length)
    for offset in 0..<length where bytes[position + offset] != expected[offset] {
      throw error("expected `\(word)`")
    }
    position += length
  }

  mutating func enter() throws(JSONSyntaxError) {
    depth += 1
    if depth > maximumDepth { throw error("nesting deeper than \(maximumDepth) levels") }
  }

  mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    position += 1
    var members: [String: JSONValue] = [:]
    skipWhitespace()
    if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
      position += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard position < bytes.count else { throw error("the JSON ends early (truncated?)") }
      guard bytes[position] == UInt8(ascii: "\"") else { throw error("expected a quoted object key") }
      let keyOffset = position
      let key = try parseString()
      skipWhitespace()
      guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
        throw error(position < bytes.count ? "expected `:` after an object key" : "the JSON ends early (truncated?)")
      }
      position += 1
      skipWhitespace()
      let value = try parseValue()
      if members.updateValue(value, forKey: key) != nil {
        throw error("duplicate object key \"\(key)\"", at: keyOffset)
      }
      skipWhitespace()
      guard position < bytes.count else { throw error("the JSON ends early (truncated?)") }
      switch bytes[position] {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "}"): position += 1; return .object(members)
      default: throw error("expected `,` or `}` in an object")
      }
    }
  }

  mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    position += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
      position += 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      elements.append(try parseValue())
      skipWhitespace()
      guard position < bytes.count else { throw error("the JSON ends early (truncated?)") }
      switch bytes[position] {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "]"): position += 1; return .array(elements)
      default: throw error("expected `,` or `]` in an array")
      }
    }
  }

  mutating func parseNumber() throws(JSONSyntaxError) -> JSONNumber {
    let start = position
    if bytes[position] == UInt8(ascii: "-") { position += 1 }
    guard position < bytes.count, isDigit(bytes[position]) else { throw error("a number needs digits") }
    if bytes[position] == UInt8(ascii: "0") {
      position += 1
    } else {
      while position < bytes.count, isDigit(bytes[position]) { position += 1 }
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
      position += 1
      guard position < bytes.count, isDigit(bytes[position]) else { throw error("a fraction needs digits") }
      while position < bytes.count, isDigit(bytes[position]) { position += 1 }
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
      position += 1
      if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
        position += 1
      }
      guard position < bytes.count, isDigit(bytes[position]) else { throw error("an exponent needs digits") }
      while position < bytes.count, isDigit(bytes[position]) { position += 1 }
    }
    let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    return JSONNumber(validLiteral: literal)
  }

  func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

  mutating func parseString() throws(JSONSyntaxError) -> String {
    position += 1
    let start = position
    // Fast path: no escapes.
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        let text = try decodeUTF8(start..<position)
        position += 1
        return text
      }
      if byte == UInt8(ascii: "\\") { break }
      if byte < 0x20 { throw error("a control character must be escaped inside a string") }
      position += 1
    }
    guard position < bytes.count else { throw error("a string is not closed (truncated?)", at: start - 1) }
    var scratch = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
    while position < bytes.count {
      let byte = bytes[position]
      switch byte {
      case UInt8(ascii: "\""):
        position += 1
        guard let text = String(validating: scratch, as: UTF8.self) else {
          throw error("a string is not valid UTF-8", at: start)
        }
        return text
      case UInt8(ascii: "\\"):
        position += 1
        try appendEscape(into: &scratch)
      case 0..<0x20:
        throw error("a control character must be escaped inside a string")
      default:
        scratch.append(byte)
        position += 1
      }
    }
    throw error("a string is not closed (truncated?)", at: start - 1)
  }

  func decodeUTF8(_ range: Range<Int>) throws(JSONSyntaxError) -> String {
    let slice = UnsafeBufferPointer(rebasing: bytes[range])
    var isASCII = true
    for byte in slice where byte >= 0x80 {
      isASCII = false
      break
    }
    if isASCII { return String(decoding: slice, as: UTF8.self) }
    guard let text = String(validating: slice, as: UTF8.self) else {
      throw error("a string is not valid UTF-8", at: range.lowerBound)
    }
    return text
  }

  mutating func appendEscape(into scratch: inout [UInt8]) throws(JSONSyntaxError) {
    guard position < bytes.count else { throw error("the JSON ends early (truncated?)") }
    let escape = bytes[position]
    position += 1
    switch escape {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escape)
    case UInt8(ascii: "b"): scratch.append(0x08)
    case UInt8(ascii: "f"): scratch.append(0x0C)
    case UInt8(ascii: "n"): scratch.append(0x0A)
    case UInt8(ascii: "r"): scratch.append(0x0D)
    case UInt8(ascii: "t"): scratch.append(0x09)
    case UInt8(ascii: "u"):
      var scalar = try readHex4()
      if (0xD800..<0xDC00).contains(scalar) {
        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
          bytes[position + 1] == UInt8(ascii: "u")
        else { throw error("a high surrogate \\u escape must be followed by a low one") }
        position += 2
        let low = try readHex4()
        guard (0xDC00..<0xE000).contains(low) else { throw error("invalid low surrogate in a \\u escape") }
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
      } else if (0xDC00..<0xE000).contains(scalar) {
        throw error("a lone low surrogate in a \\u escape")
      }
      guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
      scratch.append(contentsOf: Array(String(Character(unicode)).utf8))
    default:
      throw error("unknown escape `\\\(Character(Unicode.Scalar(escape)))`", at: position - 2)
    }
  }

  mutating func readHex4() throws(JSONSyntaxError) -> UInt32 {
    guard position + 4 <= bytes.count else { throw error("the JSON ends early (truncated?)") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[position]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw error("a \\u escape needs four hex digits")
      }
      value = value << 4 | digit
      position += 1
    }
    return value
  }
}
