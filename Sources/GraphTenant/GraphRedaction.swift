public import Foundation
import HTTPTypes
public import Tapedeck
import TapedeckSupport

/// The Graph and Intune redaction preset: the generic rules (credential headers, fields named
/// like secrets, secrets recognised by their format) plus:
/// - the tenant id in token URLs, `request-id`, `client-request-id`, `x-ms-ags-diagnostic` (also
///   as `innerError` fields of error bodies);
/// - the personal fields of Intune objects as stable pseudonyms: `userPrincipalName`, `userName`,
///   `userDisplayName`, `deviceDisplayName`, `deviceName`, `emailAddress`, `mail`, `phoneNumber`,
///   `serialNumber`, `imei`, `meid`, `wiFiMacAddress`, `ethernetMacAddress`, in any case or style;
/// - the device and user GUIDs that status ids (`<device>_<policy>_<user>`) embed, and every
///   e-mail address, wherever they appear (bodies, URL paths and queries, headers);
/// - `tenantId`, `tid` and `x-ms-tenant-id` as GUID-shaped pseudonyms, `client_id` as `REDACTED`
///   (so a token request replays under any key), and the recording app's own tenant and client
///   ids (`GRAPH_TENANT_ID`, `GRAPH_CLIENT_ID`) wherever they appear in answers.
///
/// ```swift
/// let player = try CassettePlayer(cassette: "patch", redactor: .graph())
/// ```
extension Redactor {
  /// The Graph preset, keyed from `TAPEDECK_REDACTION_KEY` unless a pseudonymizer is given; the
  /// recording app's ids come from `GRAPH_TENANT_ID` and `GRAPH_CLIENT_ID` in `environment`.
  public static func graph(
    pseudonymizer: Pseudonymizer = Pseudonymizer(),
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> Redactor {
    var redactor = Redactor.default
    redactor.pseudonymizer = pseudonymizer
    var rules: [RedactionRule] = [
      .pathSegment(before: "oauth2"),
      .header(.init("request-id")!), .header(.init("client-request-id")!), .header(.init("x-ms-ags-diagnostic")!),
      .jsonField("request-id"), .jsonField("client-request-id"),
      .header(.init("x-ms-tenant-id")!, replacement: .shapedPseudonym(prefix: "tenant")),
      .jsonField("tenantId", replacement: .shapedPseudonym(prefix: "tenant")),
      .jsonField("tid", replacement: .shapedPseudonym(prefix: "tenant")),
      .formField("client_id"), .queryParameter("client_id"),
      // Browser sign-ins (HAR captures): the PKCE verifier, and MSAL's client_info (the user's
      // object id and tenant id, base64).
      .formField("code_verifier"), .queryParameter("code_verifier"), .formField("client_info"),
      .jsonField("client_info"),
    ]
    for (field, prefix) in personalFields {
      rules.append(.jsonField(field, replacement: .pseudonym(prefix: prefix)))
    }
    for name in ["GRAPH_TENANT_ID", "GRAPH_CLIENT_ID"] {
      if let value = environment[name], value.utf8.count >= 8 {
        rules.append(.knownValue(value, replacement: .shapedPseudonym(prefix: "id")))
      }
    }
    rules += [
      .transforming("Intune status ids <device>_<policy>_<user>", StatusIdentifiers.pseudonymize),
      .transforming("e-mail addresses", EmailAddresses.pseudonymize),
    ]
    return redactor.adding(contentsOf: rules)
  }

  /// Intune's personal and device-identifying fields, with the prefix of their pseudonyms.
  static let personalFields: [(String, String)] = [
    ("userPrincipalName", "user"), ("userName", "name"), ("userDisplayName", "name"),
    ("deviceDisplayName", "device"), ("deviceName", "device"), ("emailAddress", "email"), ("mail", "email"),
    ("phoneNumber", "phone"), ("serialNumber", "serial"), ("imei", "imei"), ("meid", "meid"),
    ("wiFiMacAddress", "mac"), ("ethernetMacAddress", "mac"),
    // A person's profile, as /me and /users answer it (browser captures reach them).
    ("givenName", "name"), ("surname", "name"), ("jobTitle", "title"), ("mobilePhone", "phone"),
    ("businessPhones", "phone"), ("faxNumber", "phone"), ("officeLocation", "office"),
  ]
}

/// Replaces e-mail addresses (`local@domain.tld`) inside a text with `email-` pseudonyms.
enum EmailAddresses {
  static func pseudonymize(_ text: String, _ pseudonymizer: Pseudonymizer) -> String? {
    guard text.utf8.count >= 5, text.utf8.contains(UInt8(ascii: "@")) else { return nil }
    let bytes = Array(text.utf8)
    var output: [UInt8] = []
    var copied = 0
    var index = 0
    while index < bytes.count {
      guard bytes[index] == UInt8(ascii: "@") else {
        index += 1
        continue
      }
      var start = index
      while start > copied, isLocalByte(bytes[start - 1]) { start -= 1 }
      var end = index + 1
      var dots = 0
      while end < bytes.count, isDomainByte(bytes[end]) {
        if bytes[end] == UInt8(ascii: ".") { dots += 1 }
        end += 1
      }
      while end > index + 1, bytes[end - 1] == UInt8(ascii: ".") {
        end -= 1
        dots -= 1
      }
      guard start < index, end > index + 1, dots >= 1 else {
        index += 1
        continue
      }
      let address = String(decoding: bytes[start..<end], as: UTF8.self)
      output.append(contentsOf: bytes[copied..<start])
      output.append(contentsOf: pseudonymizer.pseudonym(for: address.lowercased(), prefix: "email").utf8)
      copied = end
      index = end
    }
    guard copied > 0 else { return nil }
    output.append(contentsOf: bytes[copied...])
    return String(decoding: output, as: UTF8.self)
  }

  static func isLocalByte(_ byte: UInt8) -> Bool {
    isDomainByte(byte) || [UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "%")].contains(byte)
  }

  static func isDomainByte(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
      || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
  }
}

/// Finds `<guid>_<guid>_<guid>` status ids inside text and replaces the first (device) and last
/// (user) GUIDs with GUID-shaped pseudonyms; the middle (the policy) stays.
enum StatusIdentifiers {
  static func pseudonymize(_ text: String, _ pseudonymizer: Pseudonymizer) -> String? {
    guard text.utf8.count >= 110, text.utf8.contains(UInt8(ascii: "_")) else { return nil }
    let bytes = Array(text.utf8)
    var output = bytes
    var changed = false
    var index = 0
    while index + 110 <= output.count {
      if GUIDText.isGUID(in: output, at: index), output[index + 36] == UInt8(ascii: "_"),
        GUIDText.isGUID(in: output, at: index + 37),
        output[index + 73] == UInt8(ascii: "_"), GUIDText.isGUID(in: output, at: index + 74),
        index == 0 || !GUIDText.isHexDigit(output[index - 1])
      {
        let device = String(decoding: output[index..<(index + 36)], as: UTF8.self)
        let user = String(decoding: output[(index + 74)..<(index + 110)], as: UTF8.self)
        let newDevice = pseudonymizer.pseudonymGUID(for: device)
        let newUser = pseudonymizer.pseudonymGUID(for: user)
        // Already pseudonyms (a recorded id read back): nothing changes.
        if newDevice != device || newUser != user {
          output.replaceSubrange(index..<(index + 36), with: Array(newDevice.utf8))
          output.replaceSubrange((index + 74)..<(index + 110), with: Array(newUser.utf8))
          changed = true
        }
        index += 110
      } else {
        index += 1
      }
    }
    return changed ? String(decoding: output, as: UTF8.self) : nil
  }
}
