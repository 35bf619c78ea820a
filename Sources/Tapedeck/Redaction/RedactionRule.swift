public import HTTPTypes

/// One redaction rule, as data: what to look for and what to put in its place.
///
/// Rules compose into a ``Redactor``; they run before anything is written and on every
/// incoming request before matching, so a scrubbed recording still matches.
///
/// ```swift
/// let redactor = Redactor.default.adding(.jsonField("userPrincipalName", replacement: .pseudonym(prefix: "user")))
/// ```
public struct RedactionRule: Sendable, Hashable, CustomStringConvertible {
  enum Target: Sendable, Hashable {
    /// A header, by name (case-insensitive), in requests and responses.
    case header(HTTPField.Name)
    /// An object member with this key, at any depth of a JSON body.
    case jsonField(String)
    /// A field of an `application/x-www-form-urlencoded` body.
    case formField(String)
    /// A query parameter of the request URL.
    case queryParameter(String)
    /// Any JSON Web Token in a header, URL, text body or JSON string.
    case jsonWebTokens
    /// The URL path segment just before a given segment (`{tenant}` before `oauth2`).
    case pathSegment(before: String)
    /// A named transform of every JSON string value, URL path segment, query and fragment
    /// value, header value and text body.
    case transform(String)
    /// Any field, header or parameter whose name says it holds a secret (`…secret`, `…password`,
    /// `…apiKey`, `…accessToken`, `sig`, …), whatever its case and style.
    case secretNamedFields
    /// Secrets recognised by their format wherever they appear as text: see ``RedactionRule/secretFormats``.
    case secretFormats
    /// A value known in advance (the recording app's ids), wherever it appears in answers.
    case knownValue(String)
  }

  let target: Target
  let replacement: Replacement

  /// The value a ``knownValue(_:replacement:)`` rule looks for; `nil` for other rules.
  ///
  /// ```swift
  /// RedactionRule.knownValue("app-id").knownValue  // "app-id"
  /// ```
  public var knownValue: String? {
    if case .knownValue(let value) = target { return value }
    return nil
  }
  let transform: (@Sendable (String, Pseudonymizer) -> String?)?

  init(target: Target, replacement: Replacement, transform: (@Sendable (String, Pseudonymizer) -> String?)? = nil) {
    self.target = target
    self.replacement = replacement
    self.transform = transform
  }

  /// Replaces a header's values, in requests and responses.
  public static func header(_ name: HTTPField.Name, replacement: Replacement = .redacted) -> RedactionRule {
    RedactionRule(target: .header(name), replacement: replacement)
  }

  /// Replaces the value of every object member with this key, at any depth of a JSON body
  /// (a string value is replaced; objects and arrays under it are replaced whole).
  public static func jsonField(_ key: String, replacement: Replacement = .redacted) -> RedactionRule {
    RedactionRule(target: .jsonField(key), replacement: replacement)
  }

  /// Replaces a field of a form-encoded body.
  public static func formField(_ name: String, replacement: Replacement = .redacted) -> RedactionRule {
    RedactionRule(target: .formField(name), replacement: replacement)
  }

  /// Replaces a query parameter's value in the request URL.
  public static func queryParameter(_ name: String, replacement: Replacement = .redacted) -> RedactionRule {
    RedactionRule(target: .queryParameter(name), replacement: replacement)
  }

  /// Replaces the URL path segment just before `marker`, e.g. the tenant id in
  /// `/{tenant}/oauth2/v2.0/token`.
  public static func pathSegment(before marker: String, replacement: Replacement = .redacted) -> RedactionRule {
    RedactionRule(target: .pathSegment(before: marker), replacement: replacement)
  }

  /// Applies `transform` to every JSON string value and every URL path segment; it returns the
  /// new text, or `nil` to leave the text alone. `name` identifies the rule.
  ///
  /// ```swift
  /// .transforming("status ids") { text, pseudonymizer in text.hasPrefix("secret-") ? "REDACTED" : nil }
  /// ```
  public static func transforming(
    _ name: String, _ transform: @escaping @Sendable (_ text: String, _ pseudonymizer: Pseudonymizer) -> String?
  ) -> RedactionRule {
    RedactionRule(target: .transform(name), replacement: .redacted, transform: transform)
  }

  /// Replaces any JSON Web Token (`eyJ….eyJ….sig`) wherever it appears as text.
  public static let jsonWebTokens = RedactionRule(target: .jsonWebTokens, replacement: .redacted)

  /// Replaces the value of any field, header, query or form parameter whose name says it holds a
  /// secret, matched whatever the case and style (`client_secret`, `ClientSecret`,
  /// `CLIENT-SECRET`): names ending in `secret`, `password`, `apiKey`, `accessKey`, `accountKey`,
  /// `privateKey`, `subscriptionKey`, `connectionString`, `credential`, `accessToken`,
  /// `refreshToken`, `idToken`, `clientAssertion` and the like, and the names `token`, `pwd`, `sig`.
  /// Only text and number values are replaced (`passwordRequired: true` stays).
  public static let secretNamedFields = RedactionRule(target: .secretNamedFields, replacement: .redacted)

  /// Replaces secrets recognised by their format, wherever they appear as text (URLs, headers,
  /// bodies, JSON keys and values, and bodies stored as base64): JSON Web Tokens in any encoding
  /// (`eyJ…`, `eyAi…`, `%2E` for the dots), PEM private keys, AWS access key ids, the values of
  /// `AccountKey=`, `SharedAccessKey=`, `SharedAccessSignature=` and `Password=` in connection
  /// strings and of `sig=` in SAS URLs, `Bearer` credentials, and the password in a URL's userinfo
  /// (the userinfo is dropped).
  public static let secretFormats = RedactionRule(target: .secretFormats, replacement: .redacted)

  /// Replaces a value known in advance (the recording app's tenant or client id) wherever it
  /// appears in an answer, in any case. Requests are left alone, so a replay without the value
  /// configured still matches; the audit flags the value in requests too.
  ///
  /// ```swift
  /// .knownValue(tenantID, replacement: .shapedPseudonym(prefix: "tenant"))
  /// ```
  public static func knownValue(_ value: String, replacement: Replacement = .redacted) -> RedactionRule {
    RedactionRule(target: .knownValue(value), replacement: replacement)
  }

  public var description: String {
    switch target {
    case .header(let name): "header \(name.rawName)"
    case .jsonField(let key): "JSON field \(key)"
    case .formField(let name): "form field \(name)"
    case .queryParameter(let name): "query parameter \(name)"
    case .jsonWebTokens: "JSON Web Tokens"
    case .pathSegment(let marker): "URL path segment before \(marker)"
    case .transform(let name): name
    case .secretNamedFields: "fields named like secrets"
    case .secretFormats: "secrets recognised by their format"
    case .knownValue: "a known value"
    }
  }

  public static func == (lhs: RedactionRule, rhs: RedactionRule) -> Bool {
    lhs.target == rhs.target && lhs.replacement == rhs.replacement
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(target)
    hasher.combine(replacement)
  }
}
