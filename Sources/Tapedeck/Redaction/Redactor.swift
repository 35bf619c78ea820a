import Foundation
public import HTTPTypes

/// A composable set of ``RedactionRule``s and the key for pseudonyms.
///
/// ``default`` holds the generic rules: the credential headers (``secretHeaders``); the OAuth
/// fields `client_secret`, `client_assertion`, `refresh_token`, `access_token`, `id_token` and
/// `password` in JSON bodies, form bodies and query strings (`code` in form bodies, query strings
/// and `Location` only, because a JSON `code` is an error code); any field, header or parameter
/// named like a secret (``RedactionRule/secretNamedFields``); and secrets recognised by their
/// format anywhere (``RedactionRule/secretFormats``). Names match whatever their case and style.
///
/// ```swift
/// let redactor = Redactor.default.adding(.header("X-Api-Key"))
/// let safe = redactor.redact(request)
/// ```
public struct Redactor: Sendable {
  /// The rules, applied in order.
  public var rules: [RedactionRule] { didSet { compiled = CompiledRules(rules) } }
  /// The pseudonym key.
  public var pseudonymizer: Pseudonymizer
  /// The rules indexed by name.
  private(set) var compiled: CompiledRules

  /// OAuth fields that carry secrets.
  public static let oauthSecretFields = [
    "client_secret", "client_assertion", "refresh_token", "access_token", "id_token", "password",
  ]

  /// Headers that carry credentials.
  public static let secretHeaders: [HTTPField.Name] = [
    .authorization, .proxyAuthorization, .cookie, .setCookie, HTTPField.Name("X-Api-Key")!,
    HTTPField.Name("Api-Key")!, HTTPField.Name("Ocp-Apim-Subscription-Key")!, HTTPField.Name("X-Functions-Key")!,
  ]

  /// The generic rules every cassette gets unless told otherwise.
  public static var `default`: Redactor {
    var rules: [RedactionRule] = secretHeaders.map { .header($0) }
    for field in oauthSecretFields {
      rules += [.jsonField(field), .formField(field), .queryParameter(field)]
    }
    rules += [.formField("code"), .queryParameter("code"), .jsonWebTokens, .secretNamedFields, .secretFormats]
    return Redactor(rules: rules)
  }

  /// No redaction at all (for tests of the redaction itself, or fully synthetic traffic).
  public static var none: Redactor { Redactor(rules: []) }

  /// A redactor with these rules and a pseudonymizer keyed from the environment.
  public init(rules: [RedactionRule], pseudonymizer: Pseudonymizer = Pseudonymizer()) {
    self.rules = rules
    self.pseudonymizer = pseudonymizer
    compiled = CompiledRules(rules)
  }

  /// This redactor with more rules.
  public func adding(_ more: RedactionRule...) -> Redactor { adding(contentsOf: more) }

  /// This redactor with more rules.
  public func adding(contentsOf more: [RedactionRule]) -> Redactor {
    var copy = self
    copy.rules += more
    return copy
  }

  /// Whether any rule replaces values known in advance in answers
  /// (``RedactionRule/knownValue(_:replacement:)``).
  ///
  /// ```swift
  /// Redactor.graph(environment: ["GRAPH_TENANT_ID": tenant]).replacesKnownValues  // true
  /// ```
  public var replacesKnownValues: Bool { !compiled.knownValues.isEmpty }

  /// Whether any rule pseudonymizes (so recording with the public key deserves a warning).
  var usesPseudonyms: Bool {
    rules.contains {
      switch $0.replacement.kind {
      case .pseudonym, .shapedPseudonym: true
      case .fixed: false
      }
    }
  }

  /// The request with every rule applied.
  public func redact(_ request: RecordedRequest) -> RecordedRequest {
    guard !rules.isEmpty else { return request }
    var copy = request
    copy.url = redactURL(request.url)
    copy.headers = redact(request.headers)
    copy.body = request.body.map { redact($0, contentType: request.headers[.contentType]) }
    return copy
  }

  /// The response with every rule applied (``RedactionRule/knownValue(_:replacement:)`` too).
  public func redact(_ response: RecordedResponse) -> RecordedResponse {
    guard !rules.isEmpty else { return response }
    var copy = response
    copy.headers = redact(response.headers)
    copy.body = response.body.map { redact($0, contentType: response.headers[.contentType]) }
    guard !compiled.knownValues.isEmpty else { return copy }
    var headers = HTTPFields()
    for var field in copy.headers {
      if let new = compiled.replacingKnownValues(field.value, pseudonymizer) { field.value = new }
      headers.append(field)
    }
    copy.headers = headers
    switch copy.body {
    case .json(let value)?: copy.body = .json(value.mappingStrings { compiled.replacingKnownValues($0, pseudonymizer) })
    case .text(let text)?: copy.body = .text(compiled.replacingKnownValues(text, pseudonymizer) ?? text)
    case .base64?, nil: break
    }
    return copy
  }

  func redact(_ headers: HTTPFields) -> HTTPFields {
    var result = HTTPFields()
    for var field in headers {
      if let replacement = compiled.headers[field.name] {
        field.value = replacement.apply(to: field.value, using: pseudonymizer)
      } else if compiled.secretNamedFields, FieldName.isSecret(field.name.rawName) {
        field.value = Replacement.redacted.apply(to: field.value, using: pseudonymizer)
      } else {
        switch field.name {
        case .location, .contentLocation:
          field.value = redactURL(field.value)
        case .wwwAuthenticate, .proxyAuthenticate:
          field.value = redactParameters(field.value)
        default:
          break
        }
        if let scrubbed = compiled.scrubbedText(field.value, pseudonymizer) { field.value = scrubbed }
      }
      result.append(field)
    }
    return result
  }

  /// `name=value` and `name="value"` parameters of a challenge header, with secret-named ones
  /// (`access_token`, `client_secret`) replaced.
  func redactParameters(_ value: String) -> String {
    var parts: [String] = []
    for part in value.split(separator: ",", omittingEmptySubsequences: false) {
      guard let equals = part.firstIndex(of: "=") else {
        parts.append(String(part))
        continue
      }
      let nameText = part[..<equals].split(separator: " ").last ?? ""
      guard let replacement = compiled.replacement(for: nameText, in: compiled.formFields) else {
        parts.append(String(part))
        continue
      }
      var raw = String(part[part.index(after: equals)...])
      let quoted = raw.hasPrefix("\"") && raw.hasSuffix("\"") && raw.count >= 2
      if quoted { raw = String(raw.dropFirst().dropLast()) }
      let replaced = replacement.apply(to: raw, using: pseudonymizer)
      parts.append(String(part[...equals]) + (quoted ? "\"\(replaced)\"" : replaced))
    }
    return parts.joined(separator: ",")
  }

  func redactURL(_ url: String) -> String {
    var result = url
    if compiled.secretFormats, let replaced = SecretFormats.replacing(in: result) { result = replaced }
    result = redactPath(result)
    let fragmentStart = result.utf8.firstIndex(of: UInt8(ascii: "#"))
    let beforeFragment = fragmentStart.map { result[..<$0] } ?? result[...]
    var rebuilt: String
    if let question = beforeFragment.utf8.firstIndex(of: UInt8(ascii: "?")) {
      // The base is the path-redacted one: a query string must not bring the original path back.
      let query = beforeFragment[beforeFragment.index(after: question)...]
      rebuilt = beforeFragment[..<question] + "?" + redactFields(query, table: compiled.queryParameters)
    } else {
      rebuilt = String(beforeFragment)
    }
    if let fragmentStart {
      // `#access_token=…&state=…`: a fragment of parameters, as implicit OAuth flows send.
      let fragment = result[result.index(after: fragmentStart)...]
      rebuilt += "#" + redactFields(fragment, table: compiled.formFields)
    }
    return rebuilt
  }

  /// `name=value&…` text with named, secret-named and transformed values replaced.
  func redactFields(_ text: Substring, table: [String: Replacement]) -> String {
    FormFields.redact(
      text, replacement: { name in compiled.replacement(for: name, in: table) },
      transform: { value in compiled.scrubbedText(value, pseudonymizer) }, pseudonymizer: pseudonymizer)
  }

  /// Applies path-segment rules and transforms to the URL's path (between host and query).
  func redactPath(_ url: String) -> String {
    let markers = compiled.pathMarkers
    guard !markers.isEmpty || !compiled.transforms.isEmpty, let (pathStart, pathEnd) = Self.pathBounds(of: url)
    else { return url }
    let segments = url[pathStart..<pathEnd].split(separator: "/", omittingEmptySubsequences: false)
    var replaced: [Int: String] = [:]
    for (marker, replacement) in markers {
      if let index = segments.firstIndex(where: { $0 == marker }), index > 1 {
        replaced[index - 1] = replacement.apply(to: String(segments[index - 1]), using: pseudonymizer)
      }
    }
    if !compiled.transforms.isEmpty {
      for (index, segment) in segments.enumerated() where replaced[index] == nil && !segment.isEmpty {
        // Transforms see the decoded segment (`alice%40contoso.com` is an e-mail address);
        // most segments have no escape and are passed as they are.
        guard segment.utf8.contains(UInt8(ascii: "%")) else {
          if let new = compiled.transformed(String(segment), pseudonymizer) { replaced[index] = new }
          continue
        }
        let decoded = segment.removingPercentEncoding ?? String(segment)
        if let new = compiled.transformed(decoded, pseudonymizer) {
          replaced[index] = new.addingPercentEncoding(withAllowedCharacters: .urlPathSegmentAllowed) ?? new
        }
      }
    }
    guard !replaced.isEmpty else { return url }
    let path = segments.enumerated().map { replaced[$0.offset] ?? String($0.element) }.joined(separator: "/")
    return String(url[..<pathStart]) + path + String(url[pathEnd...])
  }

  /// Where the path of an absolute URL starts (its first `/` after `://`) and ends (`?`, `#` or the end).
  static func pathBounds(of url: String) -> (String.Index, String.Index)? {
    let utf8 = url.utf8
    var index = utf8.startIndex
    var schemeEnd: String.Index?
    while index < utf8.endIndex {
      if utf8[index] == UInt8(ascii: ":") {
        let next = utf8.index(after: index)
        if next < utf8.endIndex, utf8[next] == UInt8(ascii: "/") {
          let third = utf8.index(after: next)
          if third < utf8.endIndex, utf8[third] == UInt8(ascii: "/") { schemeEnd = utf8.index(after: third) }
        }
        break
      }
      index = utf8.index(after: index)
    }
    guard let schemeEnd, let pathStart = utf8[schemeEnd...].firstIndex(of: UInt8(ascii: "/")) else { return nil }
    let pathEnd = utf8[pathStart...].firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? url.endIndex
    return (pathStart, pathEnd)
  }

  func redact(_ body: RecordedBody, contentType: String?) -> RecordedBody {
    switch body {
    case .json(let value):
      return .json(redact(value))
    case .text(let text):
      return .text(redactText(text, contentType: contentType))
    case .base64(let data):
      // Bodies stored as base64 (`application/jwt`, octet streams, text that is not UTF-8) are
      // scanned as bytes: a token inside them is found whatever the encoding around it. Bytes
      // that are text after all (a form or JSON sent as an octet stream) are redacted as text.
      var bytes = Array(data)
      if compiled.secretFormats, let replaced = SecretFormats.replacing(in: bytes, with: "REDACTED") {
        bytes = replaced
      }
      if let text = String(validating: bytes, as: UTF8.self) {
        let new = redactText(text, contentType: contentType)
        if new != text { bytes = Array(new.utf8) }
      }
      return .base64(Data(bytes))
    }
  }

  /// A text body, redacted for what it holds whatever its `Content-Type` says: a form (declared,
  /// or `name=value&…` with no type or an octet-stream one), JSON sent as text, or free text, where
  /// secret formats, transforms and the value after a secret-named key (`clientSecret: …`,
  /// `"password":"…"`, `client_secret=…`) are replaced.
  func redactText(_ text: String, contentType: String?) -> String {
    let essence = contentType.map(MediaType.init)?.essence
    if essence == "application/x-www-form-urlencoded"
      || (essence == nil || essence == "application/octet-stream") && FormFields.looksLikeForm(text)
    {
      var result = redactFields(Substring(text), table: compiled.formFields)
      if compiled.secretFormats, let replaced = SecretFormats.replacing(in: result) { result = replaced }
      return result
    }
    if let first = text.utf8.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
      first == UInt8(ascii: "{") || first == UInt8(ascii: "["), let value = try? JSONParser.parse(text)
    {
      let redacted = redact(value)
      // Unchanged JSON keeps its bytes; changed JSON is written compactly.
      if redacted != value { return JSONWriter.compactString(redacted) }
    }
    var result = compiled.scrubbedText(text, pseudonymizer) ?? text
    if compiled.secretNamedFields { result = TextScrubber(redactor: self).replacingSecretNamedValues(in: result) }
    return result
  }

  func redact(_ value: JSONValue) -> JSONValue {
    switch value {
    case .object(let members):
      var result: [String: JSONValue] = [:]
      result.reserveCapacity(members.count)
      for (rawKey, member) in members {
        // A secret can be a key, too (`{"eyJ…": true}`).
        let key = compiled.secretFormats ? (SecretFormats.replacing(in: rawKey) ?? rawKey) : rawKey
        let name = FieldName.normalized(key)
        if let replacement = compiled.jsonFields[name] {
          if case .array(let elements) = member, elements.allSatisfy(\.isScalarText) {
            // A list of values (`businessPhones`) keeps its shape: each element is replaced.
            result[key] = .array(
              elements.map { element in
                element == .null
                  ? .null
                  : .string(
                    replacement.apply(
                      to: element.stringValue ?? JSONWriter.compactString(element), using: pseudonymizer))
              })
            continue
          }
          let original = member.stringValue ?? JSONWriter.compactString(member)
          result[key] = member == .null ? .null : .string(replacement.apply(to: original, using: pseudonymizer))
        } else if compiled.secretNamedFields, member.isScalarText, FieldName.isSecret(normalized: name) {
          let original = member.stringValue ?? JSONWriter.compactString(member)
          result[key] = .string(Replacement.redacted.apply(to: original, using: pseudonymizer))
        } else {
          result[key] = redact(member)
        }
      }
      return .object(result)
    case .array(let elements):
      return .array(elements.map(redact))
    case .string(let text):
      return .string(compiled.scrubbedText(text, pseudonymizer) ?? text)
    default:
      return value
    }
  }
}

extension JSONValue {
  /// A string or a number: a value a secret-named field replaces (booleans, objects and arrays stay).
  var isScalarText: Bool {
    switch self {
    case .string, .number: true
    default: false
    }
  }
}
