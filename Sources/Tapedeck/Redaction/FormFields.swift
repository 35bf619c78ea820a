import Foundation

/// Redaction inside `name=value&…` text (form bodies and query strings), keeping order and
/// every other byte as it was.
enum FormFields {
  static func redact(_ text: Substring, names: [(String, Replacement)], pseudonymizer: Pseudonymizer) -> String {
    redact(
      text, replacement: { name in names.first(where: { $0.0 == name })?.1 }, transform: { _ in nil },
      pseudonymizer: pseudonymizer)
  }

  /// `text` with the value of each field `replacement` names replaced (names are decoded first:
  /// `client%5Fsecret` is `client_secret`), and `transform` applied to the decoded value of
  /// every other field.
  static func redact(
    _ text: Substring, replacement: (String) -> Replacement?, transform: (String) -> String?,
    pseudonymizer: Pseudonymizer
  ) -> String {
    // Split on bytes: `&` and `=` are ASCII, and byte positions are valid string indices here.
    text.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: false).map { bytes -> String in
      let pair = Substring(bytes)
      guard let equals = pair.utf8.firstIndex(of: UInt8(ascii: "=")) else { return String(pair) }
      let rawName = pair[..<equals]
      let value = String(pair[pair.utf8.index(after: equals)...])
      // Decoding costs: only names and values with escapes are decoded.
      let decodedName: String
      if rawName.utf8.contains(UInt8(ascii: "%")) {
        let name = NormalizedURL.normalizeEscapes(rawName, keepingEncoded: [])
        decodedName = name.removingPercentEncoding ?? name
      } else {
        decodedName = String(rawName)
      }
      let decoded =
        value.utf8.contains { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }
        ? value.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? value : value
      let replaced: String
      if let rule = replacement(decodedName) {
        replaced = rule.apply(to: decoded, using: pseudonymizer)
      } else if let new = transform(decoded) {
        replaced = new
      } else {
        return String(pair)
      }
      // A value written without escapes keeps its other bytes as written (`;`, `:`, `@`): only
      // what would change the form's structure is escaped. An escaped value is escaped again.
      let allowed: CharacterSet = decoded == value ? .formValueUnescapedAllowed : .urlQueryValueAllowed
      let encoded = replaced.addingPercentEncoding(withAllowedCharacters: allowed) ?? replaced
      return "\(rawName)=\(encoded)"
    }.joined(separator: "&")
  }
}

extension FormFields {
  /// Whether `text` reads as a form (`name=value&…`): no whitespace, and every `&`-separated part
  /// has a name before an `=`.
  static func looksLikeForm(_ text: String) -> Bool {
    let utf8 = text.utf8
    guard utf8.contains(UInt8(ascii: "=")), !utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else { return false }
    return utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true).allSatisfy { part in
      guard let equals = part.firstIndex(of: UInt8(ascii: "=")) else { return false }
      return equals != part.startIndex
    }
  }
}

extension CharacterSet {
  /// Printable ASCII but what separates or escapes form fields (`&`, `=`, `+`, `%`, `#`) and space.
  static let formValueUnescapedAllowed = CharacterSet(charactersIn: Unicode.Scalar(0x21)...Unicode.Scalar(0x7E))
    .subtracting(CharacterSet(charactersIn: "&=+%#"))

  /// Unreserved characters, safe in a query value.
  static let urlQueryValueAllowed = CharacterSet(
    charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
