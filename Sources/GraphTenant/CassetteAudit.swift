import Foundation
import HTTPTypes
public import Tapedeck

/// Scans a cassette for anything that still looks like a secret or personal data, with the
/// JSON path of each finding.
///
/// It looks for JSON Web Tokens and bearer tokens anywhere; OAuth secrets (`client_secret`,
/// `client_assertion`, tokens, passwords) not `REDACTED`; a tenant id (GUID) in a token URL;
/// secret-like headers with a real value; long random-looking values in fields named like
/// secrets; and, in recordings from a live tenant or the sandbox, personal fields
/// (`userPrincipalName`, `userName`, `deviceDisplayName`) that are not pseudonyms. Docs
/// examples and hand-written cassettes keep their documented placeholder names.
///
/// ```swift
/// let findings = CassetteAudit.findings(in: cassette)
/// ```
public enum CassetteAudit {
  /// One finding: where and what.
  public struct Finding: Sendable, Hashable, CustomStringConvertible {
    /// A JSON path in the cassette file (`$.interactions[2].request.headers.Authorization[0]`).
    public let path: String
    /// What was found.
    public let problem: String
    public var description: String { "\(path): \(problem)" }
  }

  static let personalFields = ["userPrincipalName", "userName", "deviceDisplayName"]
  static let pseudonymPrefixes = ["user-", "name-", "device-"]
  static let secretWords = ["secret", "password", "token", "assertion", "apikey", "api_key", "credential"]

  /// Every finding in a cassette.
  public static func findings(in cassette: Cassette) -> [Finding] {
    var found: [Finding] = []
    let checkPersonal = cassette.source == .live || cassette.source == .sandbox
    for (index, interaction) in cassette.interactions.enumerated() {
      let base = "$.interactions[\(index)]"
      let request = interaction.request
      if let tenant = tokenURLTenant(request.url) {
        found.append(
          Finding(
            path: "\(base).request.url",
            problem: "the token URL holds a tenant id (\(tenant)); record with Redactor.graph()"))
      }
      text(request.url, at: "\(base).request.url", into: &found)
      headers(request.headers, at: "\(base).request.headers", into: &found)
      headers(interaction.response.headers, at: "\(base).response.headers", into: &found)
      if let body = request.body { self.body(body, at: "\(base).request.body", personal: checkPersonal, into: &found) }
      if let body = interaction.response.body {
        self.body(body, at: "\(base).response.body", personal: checkPersonal, into: &found)
      }
    }
    return found
  }

  static func headers(_ fields: HTTPFields, at path: String, into found: inout [Finding]) {
    var seen: [String: Int] = [:]
    for field in fields {
      let name = field.name.rawName
      let position = seen[name, default: 0]
      seen[name] = position + 1
      let location = "\(path).\(name)[\(position)]"
      let lower = name.lowercased()
      if ["authorization", "proxy-authorization", "cookie", "set-cookie"].contains(lower), field.value != "REDACTED" {
        found.append(Finding(path: location, problem: "the \(name) header holds a real value"))
      } else {
        text(field.value, at: location, into: &found)
      }
    }
  }

  static func body(_ body: RecordedBody, at path: String, personal: Bool, into found: inout [Finding]) {
    switch body {
    case .json(let value): json(value, at: path + ".json", personal: personal, into: &found)
    case .text(let text):
      self.text(text, at: path + ".text", into: &found)
      for pair in text.split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1)
        guard parts.count == 2 else { continue }
        let name = String(parts[0]).lowercased()
        if Redactor.oauthSecretFields.contains(name), parts[1] != "REDACTED" {
          found.append(Finding(path: path + ".text", problem: "the form field \(parts[0]) holds a real value"))
        }
      }
    case .base64: break
    }
  }

  static func json(_ value: JSONValue, at path: String, personal: Bool, into found: inout [Finding]) {
    switch value {
    case .object(let members):
      for key in members.keys.sorted() {
        let member = members[key]!
        let location = path + (key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } ? ".\(key)" : "['\(key)']")
        if case .string(let text) = member {
          let lower = key.lowercased()
          if Redactor.oauthSecretFields.contains(key), text != "REDACTED" {
            found.append(Finding(path: location, problem: "\(key) holds a real value"))
            continue
          }
          if personal, personalFields.contains(key), !pseudonymPrefixes.contains(where: text.hasPrefix),
            text != "REDACTED"
          {
            found.append(
              Finding(path: location, problem: "personal field \(key) is not pseudonymized (\"\(text.prefix(40))\")"))
            continue
          }
          if secretWords.contains(where: lower.contains), looksRandom(text) {
            found.append(Finding(path: location, problem: "a long random-looking value in a field named like a secret"))
            continue
          }
        }
        json(member, at: location, personal: personal, into: &found)
      }
    case .array(let elements):
      for (index, element) in elements.enumerated() {
        json(element, at: "\(path)[\(index)]", personal: personal, into: &found)
      }
    case .string(let text):
      self.text(text, at: path, into: &found)
    default:
      break
    }
  }

  /// JWTs and bearer tokens in free text.
  static func text(_ text: String, at path: String, into found: inout [Finding]) {
    if JWTDetector.containsToken(text) {
      found.append(Finding(path: path, problem: "a JSON Web Token"))
    } else if let range = text.range(of: "Bearer ", options: .caseInsensitive),
      text[range.upperBound...].prefix(while: { !$0.isWhitespace }).count >= 20
    {
      found.append(Finding(path: path, problem: "a bearer token"))
    }
  }

  /// The tenant id in `…/{tenant}/oauth2/v2.0/token`, when it is a GUID (not a pseudonym).
  static func tokenURLTenant(_ url: String) -> String? {
    let segments = url.split(separator: "/")
    guard let index = segments.firstIndex(of: "oauth2"), index > 0 else { return nil }
    let tenant = segments[index - 1]
    let isGUID = tenant.count == 36 && tenant.filter { $0 == "-" }.count == 4
    let isDomain = tenant.hasSuffix(".onmicrosoft.com")
    return isGUID || isDomain ? String(tenant) : nil
  }

  /// 20+ characters drawn from letters, digits and `-_.~+/=`, mixing cases and digits.
  static func looksRandom(_ text: String) -> Bool {
    guard text.count >= 20, text != "REDACTED",
      text.allSatisfy({ $0.isLetter || $0.isNumber || "-_.~+/=".contains($0) })
    else { return false }
    let hasUpper = text.contains { $0.isUppercase }
    let hasLower = text.contains { $0.isLowercase }
    let hasDigit = text.contains { $0.isNumber }
    return [hasUpper, hasLower, hasDigit].filter { $0 }.count >= 2 && !text.contains("FAKE")
  }
}

/// `eyJ….eyJ….sig` detection (the redactor's scanner is internal to Tapedeck).
enum JWTDetector {
  static func containsToken(_ text: String) -> Bool {
    guard let start = text.range(of: "eyJ") else { return false }
    let token = text[start.lowerBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
    let parts = token.split(separator: ".", omittingEmptySubsequences: false)
    return parts.count >= 3 && parts[0].count >= 4 && parts[1].count >= 4
  }
}
