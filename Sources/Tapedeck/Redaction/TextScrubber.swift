import Foundation
import HTTPTypes

/// Scrubs free text (failure messages, relayed errors, log lines) the way a cassette is
/// scrubbed: every secret and personal value the player saw, any JSON Web Token, and the value
/// after any header or field name that a redaction rule covers (`authorization: Bearer …`,
/// `client_secret=…`, `"userPrincipalName": "…"`).
struct TextScrubber {
  let redactor: Redactor

  func scrub(_ text: String) -> String {
    var result = text
    if let entries = redactor.pseudonymizer.ledger?.snapshot { result = Self.replacingSeenValues(in: result, entries) }
    if let replaced = SecretFormats.replacing(in: result) { result = replaced }
    result = replacingSecretNamedValues(in: result)
    for rule in redactor.rules {
      switch rule.target {
      case .header(let name):
        result = replacingValues(
          after: name.rawName, separator: ":", caseSensitive: false, in: result, allowingSpaces: true, rule.replacement)
      case .jsonField(let name):
        result = replacingValues(
          after: name, separator: ":", caseSensitive: false, in: result, allowingSpaces: false, rule.replacement)
      case .formField(let name), .queryParameter(let name):
        // Form and query names are matched as written: `code=` is an OAuth code, `Code=-1001` an error code.
        result = replacingValues(
          after: name, separator: "=", caseSensitive: true, in: result, allowingSpaces: false, rule.replacement)
      case .jsonWebTokens, .pathSegment, .transform, .secretNamedFields, .secretFormats, .knownValue:
        break
      }
    }
    return result
  }

  /// `text` with each secret in `entries` replaced by `REDACTED` and each pseudonymized value
  /// (4 characters or more) by its pseudonym, longest first.
  static func replacingSeenValues(in text: String, _ entries: RedactionLedger.Entries) -> String {
    var result = text
    for secret in entries.secrets.sorted(by: { $0.utf8.count > $1.utf8.count }) where result.contains(secret) {
      result = result.replacingOccurrences(of: secret, with: "REDACTED")
    }
    let originals = entries.originals.filter { $0.value.utf8.count >= 4 }
      .sorted { $0.value.utf8.count > $1.value.utf8.count }
    for (pseudonym, original) in originals where result.contains(original) {
      result = result.replacingOccurrences(of: original, with: pseudonym)
    }
    return result
  }

  /// `response` with the values `ledger` saw scrubbed from its string values and text body.
  static func replacingSeenValues(in response: RecordedResponse, ledger: RedactionLedger) -> RecordedResponse {
    let entries = ledger.snapshot
    guard !entries.secrets.isEmpty || !entries.originals.isEmpty else { return response }
    var copy = response
    switch response.body {
    case .json(let value)?:
      copy.body = .json(
        value.mappingStrings { text in
          let scrubbed = replacingSeenValues(in: text, entries)
          return scrubbed == text ? nil : scrubbed
        })
    case .text(let text)?:
      copy.body = .text(replacingSeenValues(in: text, entries))
    case .base64?, nil:
      break
    }
    return copy
  }

  /// Replaces the value in `name: value` or `"name": "value"` (separator `:`), or `name=value`
  /// (separator `=`), the name matched as a whole word.
  private func replacingValues(
    after name: String, separator: Character, caseSensitive: Bool, in text: String, allowingSpaces: Bool,
    _ replacement: Replacement
  ) -> String {
    var result = text
    var searchStart = result.startIndex
    let options: String.CompareOptions = caseSensitive ? [] : .caseInsensitive
    while let found = result.range(of: name, options: options, range: searchStart..<result.endIndex) {
      searchStart = found.upperBound
      if found.lowerBound > result.startIndex, Self.isWordCharacter(result[result.index(before: found.lowerBound)]) {
        continue
      }
      var cursor = found.upperBound
      if cursor < result.endIndex, result[cursor] == "\"" { cursor = result.index(after: cursor) }
      while cursor < result.endIndex, result[cursor] == " " { cursor = result.index(after: cursor) }
      guard cursor < result.endIndex, result[cursor] == separator else { continue }
      cursor = result.index(after: cursor)
      while cursor < result.endIndex, result[cursor] == " " { cursor = result.index(after: cursor) }
      let quoted = cursor < result.endIndex && result[cursor] == "\""
      if quoted { cursor = result.index(after: cursor) }
      let valueStart = cursor
      while cursor < result.endIndex {
        let character = result[cursor]
        if quoted {
          if character == "\"" { break }
        } else if Self.endsValue(character) || (!allowingSpaces && character == " ") {
          break
        }
        cursor = result.index(after: cursor)
      }
      let value = String(result[valueStart..<cursor])
      guard !value.isEmpty, value != "REDACTED" else { continue }
      let replaced = replacement.apply(to: value, using: redactor.pseudonymizer)
      guard replaced != value else { continue }
      let offset = result.distance(from: result.startIndex, to: valueStart) + replaced.count
      result.replaceSubrange(valueStart..<cursor, with: replaced)
      searchStart = result.index(result.startIndex, offsetBy: offset)
    }
    return result
  }

  /// The value after every `name:` or `name=` whose name says it holds a secret
  /// (`ClientSecret=…`, `"api_key": "…"`, `x-functions-key: …`).
  /// `text` with the value after each secret-named key (`clientSecret: …`, `"password":"…"`,
  /// `client_secret=…`) replaced by `REDACTED`.
  func replacingSecretNamedValues(in text: String) -> String {
    var result = text
    var names: Set<String> = []
    var word = ""
    for character in text {
      if Self.isWordCharacter(character) {
        word.append(character)
      } else {
        if (character == ":" || character == "=" || character == "\""), FieldName.isSecret(word) { names.insert(word) }
        word = ""
      }
    }
    for name in names {
      result = replacingValues(
        after: name, separator: ":", caseSensitive: true, in: result, allowingSpaces: false, .redacted)
      result = replacingValues(
        after: name, separator: "=", caseSensitive: true, in: result, allowingSpaces: false, .redacted)
    }
    return result
  }

  private static func isWordCharacter(_ character: Character) -> Bool {
    character.isLetter || character.isNumber || character == "_" || character == "-"
  }

  private static func endsValue(_ character: Character) -> Bool {
    character == ";" || character == "," || character == "&" || character == "]" || character == ")"
      || character == "}" || character == "\"" || character.isNewline
  }
}

extension Redactor {
  /// `text` scrubbed the way a cassette is: JSON Web Tokens, and the value after any header or
  /// field name a rule covers; a player's redactor also replaces every secret and personal value
  /// the player saw. For anything printed or reported (Tapedeck does this for its own failures).
  ///
  /// ```swift
  /// Redactor.default.scrubbing("authorization: Bearer abc.def")  // "authorization: REDACTED"
  /// ```
  public func scrubbing(_ text: String) -> String { TextScrubber(redactor: self).scrub(text) }
}
