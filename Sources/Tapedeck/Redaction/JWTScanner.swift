/// Finds JSON Web Tokens (`eyJ….eyJ….signature`) anywhere in a text.
enum JWTScanner {
  /// The text with every JWT replaced, or `nil` when it holds none (the common, cheap case).
  static func replacingTokens(in text: String, with replacement: String) -> String? {
    let bytes = Array(text.utf8)
    guard bytes.count >= 10 else { return nil }
    var output: [UInt8] = []
    var index = 0
    var copied = 0
    var found = false
    while index + 3 <= bytes.count {
      if bytes[index] == UInt8(ascii: "e"), bytes[index + 1] == UInt8(ascii: "y"),
        bytes[index + 2] == UInt8(ascii: "J"),
        index == 0 || !isTokenByte(bytes[index - 1]),
        let end = tokenEnd(bytes, from: index)
      {
        if !found { output.reserveCapacity(bytes.count) }
        found = true
        output.append(contentsOf: bytes[copied..<index])
        output.append(contentsOf: replacement.utf8)
        index = end
        copied = end
      } else {
        index += 1
      }
    }
    guard found else { return nil }
    output.append(contentsOf: bytes[copied...])
    return String(decoding: output, as: UTF8.self)
  }

  /// Whether the text contains a JWT.
  static func containsToken(_ text: String) -> Bool { replacingTokens(in: text, with: "") != nil }

  /// The end of a `header.payload.signature` token starting at `start`, or `nil`.
  private static func tokenEnd(_ bytes: [UInt8], from start: Int) -> Int? {
    var index = start
    var dots = 0
    var segmentLength = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: ".") {
        guard segmentLength >= 4 else { return nil }
        dots += 1
        if dots > 2 { break }
        segmentLength = 0
      } else if isBase64URL(byte) {
        segmentLength += 1
      } else {
        break
      }
      index += 1
    }
    // An unsigned JWT ends with an empty signature; a signed one has at least a few bytes.
    return dots >= 2 ? index : nil
  }

  private static func isBase64URL(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
      || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
      || byte == UInt8(ascii: "_")
  }

  private static func isTokenByte(_ byte: UInt8) -> Bool { isBase64URL(byte) || byte == UInt8(ascii: ".") }
}
