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
  static let secretWords = ["secret", "password", "token", "assertion", "apikey", "api_key", "credential"]

  /// Every finding in a cassette.
  public static func findings(in cassette: Cassette) -> [Finding] {
    var found: [Finding] = []
    let checkPersonal = cassette.source == .live || cassette.source == .sandbox
    for (index, interaction) in cassette.interactions.enumerated() {
      let base = "$.interactions[\(index)]"
      let request = interaction.request
      if tokenURLTenant(request.url) != nil {
        found.append(
          Finding(
            path: "\(base).request.url",
            problem: "the token URL holds a tenant id; record with Redactor.graph()"))
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
      for (key, member) in members {
        // The location is text only when a finding needs it.
        func location() -> String { path + (key.utf8.allSatisfy(isPlainKeyByte) ? ".\(key)" : "['\(key)']") }
        if case .string(let text) = member {
          if text == "REDACTED" { continue }
          if Redactor.oauthSecretFields.contains(key) {
            found.append(Finding(path: location(), problem: "\(key) holds a real value"))
            continue
          }
          if personal, personalFields.contains(key), !Pseudonymizer.looksLikePseudonym(text) {
            // The value itself is never shown: audit output reaches CI logs.
            found.append(Finding(path: location(), problem: "personal field \(key) is not pseudonymized"))
            continue
          }
          if looksRandom(text), isSecretName(key) {
            found.append(
              Finding(path: location(), problem: "a long random-looking value in a field named like a secret"))
            continue
          }
          self.text(text, at: location, into: &found)
        } else {
          json(member, at: location(), personal: personal, into: &found)
        }
      }
      found.sort { $0.path < $1.path }
    case .array(let elements):
      for (index, element) in elements.enumerated() {
        json(element, at: "\(path)[\(index)]", personal: personal, into: &found)
      }
    case .string(let text):
      self.text(text, at: { path }, into: &found)
    default:
      break
    }
  }

  static func isPlainKeyByte(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
  }

  static func isSecretName(_ key: String) -> Bool {
    let lower = Array(key.lowercased().utf8)
    return secretWords.contains { JWTDetector.find(Array($0.utf8), in: lower) != nil }
  }

  /// JWTs and bearer tokens in free text.
  static func text(_ text: String, at path: String, into found: inout [Finding]) {
    self.text(text, at: { path }, into: &found)
  }

  static func text(_ text: String, at path: () -> String, into found: inout [Finding]) {
    let bytes = Array(text.utf8)
    guard bytes.count >= 20 else { return }
    if JWTDetector.containsToken(bytes) {
      found.append(Finding(path: path(), problem: "a JSON Web Token"))
    } else if let start = JWTDetector.find(Array("bearer ".utf8), in: bytes, caseInsensitive: true) {
      let token = bytes[(start + 7)...].prefix { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A }
      if token.count >= 20 { found.append(Finding(path: path(), problem: "a bearer token")) }
    }
  }

  /// The tenant id in `…/{tenant}/oauth2/v2.0/token`, when it is a GUID (not a pseudonym).
  static func tokenURLTenant(_ url: String) -> String? {
    guard JWTDetector.find(Array("/oauth2/".utf8), in: Array(url.utf8)) != nil else { return nil }
    let segments = url.split(separator: "/")
    guard let index = segments.firstIndex(of: "oauth2"), index > 0 else { return nil }
    let tenant = segments[index - 1]
    let isGUID = tenant.count == 36 && tenant.filter { $0 == "-" }.count == 4
    let isDomain = tenant.hasSuffix(".onmicrosoft.com")
    return isGUID || isDomain ? String(tenant) : nil
  }

  /// 20+ characters drawn from ASCII letters, digits and `-_.~+/=`, mixing at least two of
  /// upper case, lower case and digits (and not an obviously fake test value).
  static func looksRandom(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard bytes.count >= 20 else { return false }
    var upper = false
    var lower = false
    var digit = false
    for byte in bytes {
      switch byte {
      case 0x41...0x5A: upper = true
      case 0x61...0x7A: lower = true
      case 0x30...0x39: digit = true
      case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"), UInt8(ascii: "+"),
        UInt8(ascii: "/"),
        UInt8(ascii: "="):
        continue
      default: return false
      }
    }
    return [upper, lower, digit].filter { $0 }.count >= 2 && JWTDetector.find(Array("FAKE".utf8), in: bytes) == nil
  }
}

/// `eyJ….eyJ….sig` detection on bytes (the redactor's scanner is internal to Tapedeck).
enum JWTDetector {
  static func containsToken(_ bytes: [UInt8]) -> Bool {
    var from = 0
    while let start = find(Array("eyJ".utf8), in: bytes, from: from) {
      var dots = 0
      var segment = 0
      var valid = true
      var index = start
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: ".") {
          if segment < 4 { valid = false }
          dots += 1
          segment = 0
        } else if (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
          || byte == 0x2D
          || byte == 0x5F
        {
          segment += 1
        } else {
          break
        }
        index += 1
      }
      if valid && dots >= 2 { return true }
      from = start + 3
    }
    return false
  }

  /// The first index of `needle` in `bytes` at or after `from`.
  static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int = 0, caseInsensitive: Bool = false) -> Int? {
    guard needle.count <= bytes.count, from <= bytes.count - needle.count else { return nil }
    outer: for start in from...(bytes.count - needle.count) {
      for offset in 0..<needle.count {
        var byte = bytes[start + offset]
        if caseInsensitive, byte >= 0x41, byte <= 0x5A { byte += 0x20 }
        if byte != needle[offset] { continue outer }
      }
      return start
    }
    return nil
  }
}
