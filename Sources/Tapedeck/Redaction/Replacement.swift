import TapedeckSupport

/// What a redaction rule puts in place of a value.
///
/// ```swift
/// RedactionRule.header("X-Api-Key", replacement: .redacted)
/// RedactionRule.jsonField("userPrincipalName", replacement: .pseudonym(prefix: "user"))
/// ```
public struct Replacement: Sendable, Hashable {
  enum Kind: Sendable, Hashable {
    case fixed(String)
    case pseudonym(prefix: String)
    case shapedPseudonym(prefix: String)
  }

  let kind: Kind

  /// The literal text `REDACTED`.
  public static let redacted = Replacement(kind: .fixed("REDACTED"))

  /// A fixed text.
  public static func fixed(_ text: String) -> Replacement { Replacement(kind: .fixed(text)) }

  /// A stable pseudonym: `<prefix>-<16 hex digits>` from HMAC-SHA256 of the value under the
  /// redaction key, so the same value always gives the same pseudonym and matching still works.
  public static func pseudonym(prefix: String) -> Replacement { Replacement(kind: .pseudonym(prefix: prefix)) }

  /// A stable pseudonym that keeps a GUID's shape: a GUID becomes a GUID-shaped pseudonym, any
  /// other value `<prefix>-<hex>`. For ids that clients parse as GUIDs (`tenantId`, `client_id`).
  ///
  /// ```swift
  /// RedactionRule.jsonField("tenantId", replacement: .shapedPseudonym(prefix: "tenant"))
  /// ```
  public static func shapedPseudonym(prefix: String) -> Replacement {
    Replacement(kind: .shapedPseudonym(prefix: prefix))
  }

  func apply(to value: String, using pseudonymizer: Pseudonymizer) -> String {
    switch kind {
    case .fixed(let text):
      pseudonymizer.ledger?.noteSecret(value)
      return text
    case .pseudonym(let prefix): return pseudonymizer.pseudonym(for: value, prefix: prefix)
    case .shapedPseudonym(let prefix):
      if GUIDText.isGUID(value) { return pseudonymizer.pseudonymGUID(for: value.lowercased()) }
      return pseudonymizer.pseudonym(for: value, prefix: prefix)
    }
  }
}
