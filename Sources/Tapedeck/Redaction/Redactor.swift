import Foundation
import HTTPTypes

/// A composable set of ``RedactionRule``s and the key for pseudonyms.
///
/// ``default`` holds the generic rules: `Authorization`, `Proxy-Authorization`, `Cookie` and
/// `Set-Cookie` headers; the OAuth fields `client_secret`, `client_assertion`, `refresh_token`,
/// `access_token`, `id_token` and `password` in JSON bodies, form bodies and query strings
/// (`code` in form bodies and query strings only, because a JSON `code` is an error code);
/// and any JSON Web Token anywhere.
///
/// ```swift
/// let redactor = Redactor.default.adding(.header("X-Api-Key"))
/// let safe = redactor.redact(request)
/// ```
public struct Redactor: Sendable {
  /// The rules, applied in order.
  public var rules: [RedactionRule]
  /// The pseudonym key.
  public var pseudonymizer: Pseudonymizer

  /// OAuth fields that carry secrets.
  public static let oauthSecretFields = [
    "client_secret", "client_assertion", "refresh_token", "access_token", "id_token", "password",
  ]

  /// The generic rules every cassette gets unless told otherwise.
  public static var `default`: Redactor {
    var rules: [RedactionRule] = [
      .header(.authorization), .header(.proxyAuthorization), .header(.cookie), .header(.setCookie),
    ]
    for field in oauthSecretFields {
      rules += [.jsonField(field), .formField(field), .queryParameter(field)]
    }
    rules += [.formField("code"), .queryParameter("code"), .jsonWebTokens]
    return Redactor(rules: rules)
  }

  /// No redaction at all (for tests of the redaction itself, or fully synthetic traffic).
  public static var none: Redactor { Redactor(rules: []) }

  /// A redactor with these rules and a pseudonymizer keyed from the environment.
  public init(rules: [RedactionRule], pseudonymizer: Pseudonymizer = Pseudonymizer()) {
    self.rules = rules
    self.pseudonymizer = pseudonymizer
  }

  /// This redactor with more rules.
  public func adding(_ more: RedactionRule...) -> Redactor { adding(contentsOf: more) }

  /// This redactor with more rules.
  public func adding(contentsOf more: [RedactionRule]) -> Redactor {
    var copy = self
    copy.rules += more
    return copy
  }

  /// Whether any rule pseudonymizes (so recording with the public key deserves a warning).
  var usesPseudonyms: Bool {
    rules.contains { if case .pseudonym = $0.replacement.kind { true } else { false } }
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

  /// The response with every rule applied.
  public func redact(_ response: RecordedResponse) -> RecordedResponse {
    guard !rules.isEmpty else { return response }
    var copy = response
    copy.headers = redact(response.headers)
    copy.body = response.body.map { redact($0, contentType: response.headers[.contentType]) }
    return copy
  }

  func redact(_ headers: HTTPFields) -> HTTPFields {
    var result = HTTPFields()
    for var field in headers {
      for rule in rules {
        switch rule.target {
        case .header(let name) where name == field.name:
          field.value = rule.replacement.apply(to: field.value, using: pseudonymizer)
        case .jsonWebTokens:
          if let replaced = JWTScanner.replacingTokens(in: field.value, with: "REDACTED") { field.value = replaced }
        default: break
        }
      }
      result.append(field)
    }
    return result
  }

  func redactURL(_ url: String) -> String {
    var result = redactPath(url)
    if let question = result.firstIndex(of: "?") {
      let names = rules.compactMap { rule -> (String, Replacement)? in
        if case .queryParameter(let name) = rule.target { (name, rule.replacement) } else { nil }
      }
      if !names.isEmpty {
        // The base is the path-redacted one: a query string must not bring the original path back.
        let base = result[..<question]
        let query = result[result.index(after: question)...]
        result = base + "?" + FormFields.redact(query, names: names, pseudonymizer: pseudonymizer)
      }
    }
    if rules.contains(.jsonWebTokens), let replaced = JWTScanner.replacingTokens(in: result, with: "REDACTED") {
      result = replaced
    }
    return result
  }

  /// Applies path-segment rules and transforms to the URL's path (between host and query).
  func redactPath(_ url: String) -> String {
    let markers = rules.compactMap { rule -> (String, Replacement)? in
      if case .pathSegment(let marker) = rule.target { (marker, rule.replacement) } else { nil }
    }
    let transforms = rules.compactMap(\.transform)
    guard !markers.isEmpty || !transforms.isEmpty, let schemeEnd = url.range(of: "://") else { return url }
    let afterScheme = url[schemeEnd.upperBound...]
    guard let pathStart = afterScheme.firstIndex(of: "/") else { return url }
    let pathEnd = url[pathStart...].firstIndex { $0 == "?" || $0 == "#" } ?? url.endIndex
    var segments = url[pathStart..<pathEnd].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    for (marker, replacement) in markers {
      if let index = segments.firstIndex(of: marker), index > 1 {
        segments[index - 1] = replacement.apply(to: segments[index - 1], using: pseudonymizer)
      }
    }
    for transform in transforms {
      segments = segments.map { transform($0, pseudonymizer) ?? $0 }
    }
    return String(url[..<pathStart]) + segments.joined(separator: "/") + String(url[pathEnd...])
  }

  func redact(_ body: RecordedBody, contentType: String?) -> RecordedBody {
    switch body {
    case .json(let value):
      return .json(redact(value))
    case .text(var text):
      if contentType.map(MediaType.init)?.essence == "application/x-www-form-urlencoded" {
        let names = rules.compactMap { rule -> (String, Replacement)? in
          if case .formField(let name) = rule.target { (name, rule.replacement) } else { nil }
        }
        if !names.isEmpty { text = FormFields.redact(Substring(text), names: names, pseudonymizer: pseudonymizer) }
      }
      if rules.contains(.jsonWebTokens), let replaced = JWTScanner.replacingTokens(in: text, with: "REDACTED") {
        text = replaced
      }
      return .text(text)
    case .base64:
      return body
    }
  }

  func redact(_ value: JSONValue) -> JSONValue {
    switch value {
    case .object(let members):
      var result: [String: JSONValue] = [:]
      result.reserveCapacity(members.count)
      for (key, member) in members {
        if let rule = rules.first(where: { $0.target == .jsonField(key) }) {
          let original = member.stringValue ?? JSONWriter.compactString(member)
          result[key] = member == .null ? .null : .string(rule.replacement.apply(to: original, using: pseudonymizer))
        } else {
          result[key] = redact(member)
        }
      }
      return .object(result)
    case .array(let elements):
      return .array(elements.map(redact))
    case .string(var text):
      if rules.contains(.jsonWebTokens), let replaced = JWTScanner.replacingTokens(in: text, with: "REDACTED") {
        text = replaced
      }
      for transform in rules.compactMap(\.transform) { text = transform(text, pseudonymizer) ?? text }
      return .string(text)
    default:
      return value
    }
  }
}
