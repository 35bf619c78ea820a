import Foundation
import HTTPTypes

/// A redactor's rules, indexed for lookup by normalized name (see ``FieldName``): built once
/// when the rules change, so redacting a request costs no rule scan per field.
struct CompiledRules: Sendable {
  var headers: [HTTPField.Name: Replacement] = [:]
  var jsonFields: [String: Replacement] = [:]
  var formFields: [String: Replacement] = [:]
  var queryParameters: [String: Replacement] = [:]
  var pathMarkers: [(String, Replacement)] = []
  var transforms: [@Sendable (String, Pseudonymizer) -> String?] = []
  var secretNamedFields = false
  var secretFormats = false
  /// Values replaced in answers only (longest first).
  var knownValues: [(String, Replacement)] = []

  init(_ rules: [RedactionRule]) {
    for rule in rules {
      switch rule.target {
      case .header(let name): if headers[name] == nil { headers[name] = rule.replacement }
      case .jsonField(let name):
        let key = FieldName.normalized(name)
        if jsonFields[key] == nil { jsonFields[key] = rule.replacement }
      case .formField(let name):
        let key = FieldName.normalized(name)
        if formFields[key] == nil { formFields[key] = rule.replacement }
      case .queryParameter(let name):
        let key = FieldName.normalized(name)
        if queryParameters[key] == nil { queryParameters[key] = rule.replacement }
      case .pathSegment(let marker): pathMarkers.append((marker, rule.replacement))
      case .transform: if let transform = rule.transform { transforms.append(transform) }
      case .jsonWebTokens, .secretFormats: secretFormats = true
      case .secretNamedFields: secretNamedFields = true
      case .knownValue(let value): if !value.isEmpty { knownValues.append((value, rule.replacement)) }
      }
    }
    knownValues.sort { $0.0.utf8.count > $1.0.utf8.count }
  }

  /// `text` with every known value replaced (any case), or `nil` when it holds none.
  func replacingKnownValues(_ text: String, _ pseudonymizer: Pseudonymizer) -> String? {
    var result = text
    var changed = false
    for (value, replacement) in knownValues {
      var searchStart = result.startIndex
      while let range = result.range(of: value, options: .caseInsensitive, range: searchStart..<result.endIndex) {
        let new = replacement.apply(to: String(result[range]), using: pseudonymizer)
        result.replaceSubrange(range, with: new)
        searchStart = result.index(range.lowerBound, offsetBy: new.count)
        changed = true
      }
    }
    return changed ? result : nil
  }

  /// The replacement for a field with this (raw) name in `table`, or the secret-name rule's.
  func replacement(for name: some StringProtocol, in table: [String: Replacement]) -> Replacement? {
    let key = FieldName.normalized(name)
    if let replacement = table[key] { return replacement }
    return secretNamedFields && FieldName.isSecret(normalized: key) ? .redacted : nil
  }

  /// `text` with every transform applied, or `nil` when none changed it.
  func transformed(_ text: String, _ pseudonymizer: Pseudonymizer) -> String? {
    var result = text
    var changed = false
    for transform in transforms {
      if let new = transform(result, pseudonymizer), new != result {
        result = new
        changed = true
      }
    }
    return changed ? result : nil
  }

  /// `text` with secret formats replaced and transforms applied, or `nil` when unchanged.
  func scrubbedText(_ text: String, _ pseudonymizer: Pseudonymizer) -> String? {
    var result = text
    var changed = false
    if secretFormats, let replaced = SecretFormats.replacing(in: result) {
      result = replaced
      changed = true
    }
    if let new = transformed(result, pseudonymizer) {
      result = new
      changed = true
    }
    return changed ? result : nil
  }
}
