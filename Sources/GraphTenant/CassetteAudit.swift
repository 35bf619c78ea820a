public import Foundation
import HTTPTypes
public import Tapedeck

/// Scans a cassette for anything that still looks like a secret or personal data, with the
/// JSON path of each finding.
///
/// The audit and the recorder share one rule set: a finding is a value that the redaction rules
/// (default: `Redactor.graph()`, with the recording app's ids from `GRAPH_TENANT_ID` and
/// `GRAPH_CLIENT_ID`) would still change. So whatever the recorder scrubs (credential headers,
/// fields named like secrets in any case or style, secrets recognised by their format in any
/// encoding, bodies stored as base64, the tenant id in token URLs, personal and device fields,
/// e-mail addresses, ids inside status ids), the audit flags when it is left. Values already
/// replaced (`REDACTED`, a pseudonym under any key) pass. Docs examples and hand-written
/// cassettes keep their placeholder personal values; their secrets are flagged all the same.
/// A finding never shows the value it found: audit output reaches CI logs.
///
/// ```swift
/// let findings = CassetteAudit.findings(in: cassette)
/// ```
public enum CassetteAudit {
  /// One finding: where and what.
  public struct Finding: Sendable, Hashable, CustomStringConvertible {
    /// A JSON path in the cassette file (`$.interactions[2].request.headers.Authorization[0]`).
    public let path: String
    /// What was found (never the value itself).
    public let problem: String
    public var description: String { "\(path): \(problem)" }
  }

  /// The rules the audit checks against: the Graph preset, trusting pseudonyms of any key.
  public static func rules(environment: [String: String] = ProcessInfo.processInfo.environment) -> Redactor {
    .graph(pseudonymizer: Pseudonymizer(key: "tapedeck-audit").trustingPseudonymShapes(), environment: environment)
  }

  /// Every finding in a cassette.
  public static func findings(in cassette: Cassette, rules redactor: Redactor = rules()) -> [Finding] {
    var audit = Audit(
      personal: cassette.source == .live || cassette.source == .sandbox,
      knownValues: redactor.rules.compactMap(\.knownValue).filter { !$0.isEmpty })
    for (index, interaction) in cassette.interactions.enumerated() {
      let base = "$.interactions[\(index)]"
      let request = interaction.request
      // The request is also checked as an answer would be, for the values replaced in answers
      // only (the recording app's ids): the audit flags them wherever they are.
      let scrubbed = redactor.redact(request)
      var asAnswer = RecordedResponse(status: .ok, headers: scrubbed.headers, body: scrubbed.body)
      var scrubbedURL = scrubbed.url
      if redactor.replacesKnownValues {
        asAnswer.headers[.location] = scrubbed.url
        asAnswer = redactor.redact(asAnswer)
        scrubbedURL = asAnswer.headers[.location] ?? scrubbed.url
        asAnswer.headers[.location] = nil
      }
      if scrubbedURL != request.url { audit.flag("\(base).request.url", before: request.url, after: scrubbedURL) }
      audit.headers(request.headers, asAnswer.headers, at: "\(base).request.headers")
      audit.body(request.body, asAnswer.body, at: "\(base).request.body")
      let response = interaction.response
      let scrubbedResponse = redactor.redact(response)
      audit.headers(response.headers, scrubbedResponse.headers, at: "\(base).response.headers")
      audit.body(response.body, scrubbedResponse.body, at: "\(base).response.body")
    }
    return audit.found
  }
}

/// One audit's walk: compares each value with what the rules make of it.
private struct Audit {
  let personal: Bool
  /// The recording app's ids (`GRAPH_TENANT_ID`, `GRAPH_CLIENT_ID`): flagged in every cassette,
  /// hand-written ones included.
  let knownValues: [String]
  var found: [CassetteAudit.Finding] = []

  /// Records a difference: the recording app's id wherever it is, a secret when the rules put
  /// `REDACTED` in (or took text out), else a personal value (reported for recordings only).
  mutating func flag(_ path: String, before: String, after: String, name: String? = nil) {
    let secret = after.contains("REDACTED") || after.utf8.count < before.utf8.count && !after.contains("-")
    if knownValues.contains(where: { before.range(of: $0, options: .caseInsensitive) != nil }) {
      let what = "the recording app's id (GRAPH_TENANT_ID or GRAPH_CLIENT_ID) is not replaced"
      found.append(CassetteAudit.Finding(path: path, problem: what))
    } else if secret {
      let what = name.map { "\($0) holds a real value" } ?? "a secret (a token, key or password) is not redacted"
      found.append(CassetteAudit.Finding(path: path, problem: what))
    } else if personal {
      let what = name.map { "personal field \($0) is not pseudonymized" } ?? "a personal value is not pseudonymized"
      found.append(CassetteAudit.Finding(path: path, problem: what))
    }
  }

  mutating func headers(_ fields: HTTPFields, _ scrubbed: HTTPFields, at path: String) {
    var seen: [String: Int] = [:]
    for (field, after) in zip(fields, scrubbed) where field.value != after.value {
      let name = field.name.rawName
      let position = seen[name, default: 0]
      seen[name] = position + 1
      flag("\(path).\(name)[\(position)]", before: field.value, after: after.value, name: "the \(name) header")
    }
  }

  mutating func body(_ body: RecordedBody?, _ scrubbed: RecordedBody?, at path: String) {
    switch (body, scrubbed) {
    case (.json(let value)?, .json(let after)?):
      json(value, after, at: path + ".json", key: nil)
    case (.text(let text)?, .text(let after)?) where text != after:
      flag(path + ".text", before: text, after: after)
    case (.base64(let data)?, .base64(let after)?) where data != after:
      flag(path + ".base64", before: "", after: "REDACTED")
    default:
      break
    }
  }

  mutating func json(_ value: JSONValue, _ after: JSONValue, at path: String, key: String?) {
    guard value != after else { return }
    switch (value, after) {
    case (.object(let members), .object(let scrubbedMembers)):
      for (member, inner) in members.sorted(by: { $0.key < $1.key }) {
        let location = path + (member.utf8.allSatisfy(Self.isPlainKeyByte) ? ".\(member)" : "['…']")
        guard let scrubbedInner = scrubbedMembers[member] else {
          found.append(CassetteAudit.Finding(path: location, problem: "a key holds a secret (a token or key)"))
          continue
        }
        json(inner, scrubbedInner, at: location, key: member)
      }
    case (.array(let elements), .array(let scrubbedElements)):
      for (index, (element, scrubbedElement)) in zip(elements, scrubbedElements).enumerated() {
        json(element, scrubbedElement, at: "\(path)[\(index)]", key: nil)
      }
    default:
      let before = value.stringValue ?? JSONWriter.compactString(value)
      let text = after.stringValue ?? JSONWriter.compactString(after)
      flag(path, before: before, after: text, name: key)
    }
  }

  static func isPlainKeyByte(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
  }
}
