import Foundation

/// Redaction inside `name=value&…` text (form bodies and query strings), keeping order and
/// every other byte as it was.
enum FormFields {
  static func redact(_ text: Substring, names: [(String, Replacement)], pseudonymizer: Pseudonymizer) -> String {
    text.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
      guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
      let rawName = pair[..<equals]
      let name = NormalizedURL.normalizeEscapes(rawName, keepingEncoded: [])
      guard let replacement = names.first(where: { $0.0 == name })?.1 else { return String(pair) }
      let value = String(pair[pair.index(after: equals)...])
      let decoded = value.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? value
      let replaced = replacement.apply(to: decoded, using: pseudonymizer)
      let encoded = replaced.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? replaced
      return "\(rawName)=\(encoded)"
    }.joined(separator: "&")
  }
}

extension CharacterSet {
  /// Unreserved characters, safe in a query value.
  static let urlQueryValueAllowed = CharacterSet(
    charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
