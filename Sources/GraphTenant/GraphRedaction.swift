import HTTPTypes
public import Tapedeck

/// The Graph and Intune redaction preset: the generic rules plus the tenant id in token URLs,
/// `request-id`, `client-request-id`, `x-ms-ags-diagnostic`, and the personal fields of device
/// statuses (`userPrincipalName`, `userName`, `deviceDisplayName`, in single bodies and in
/// `value[]` lists) as stable pseudonyms, together with the device and user GUIDs that status
/// ids (`<device>_<policy>_<user>`) embed, wherever those ids appear (bodies, URLs, `@odata.context`).
///
/// ```swift
/// let player = try CassettePlayer(cassette: "patch", redactor: .graph())
/// ```
extension Redactor {
  /// The Graph preset, keyed from `TAPEDECK_REDACTION_KEY` unless a pseudonymizer is given.
  public static func graph(pseudonymizer: Pseudonymizer = Pseudonymizer()) -> Redactor {
    var redactor = Redactor.default
    redactor.pseudonymizer = pseudonymizer
    return redactor.adding(
      .pathSegment(before: "oauth2"),
      .header(.init("request-id")!), .header(.init("client-request-id")!), .header(.init("x-ms-ags-diagnostic")!),
      .jsonField("userPrincipalName", replacement: .pseudonym(prefix: "user")),
      .jsonField("userName", replacement: .pseudonym(prefix: "name")),
      .jsonField("deviceDisplayName", replacement: .pseudonym(prefix: "device")),
      .jsonField("tid", replacement: .pseudonym(prefix: "tenant")),
      .transforming("Intune status ids <device>_<policy>_<user>", StatusIdentifiers.pseudonymize))
  }
}

/// Finds `<guid>_<guid>_<guid>` status ids inside text and replaces the first (device) and last
/// (user) GUIDs with GUID-shaped pseudonyms; the middle (the policy) stays.
enum StatusIdentifiers {
  static func pseudonymize(_ text: String, _ pseudonymizer: Pseudonymizer) -> String? {
    let bytes = Array(text.utf8)
    guard bytes.count >= 110, bytes.contains(UInt8(ascii: "_")) else { return nil }
    var output = bytes
    var changed = false
    var index = 0
    while index + 110 <= output.count {
      if isGUID(output, index), output[index + 36] == UInt8(ascii: "_"), isGUID(output, index + 37),
        output[index + 73] == UInt8(ascii: "_"), isGUID(output, index + 74),
        index == 0 || !isHex(output[index - 1])
      {
        let device = String(decoding: output[index..<(index + 36)], as: UTF8.self)
        let user = String(decoding: output[(index + 74)..<(index + 110)], as: UTF8.self)
        output.replaceSubrange(index..<(index + 36), with: Array(pseudonymizer.pseudonymGUID(for: device).utf8))
        output.replaceSubrange((index + 74)..<(index + 110), with: Array(pseudonymizer.pseudonymGUID(for: user).utf8))
        changed = true
        index += 110
      } else {
        index += 1
      }
    }
    return changed ? String(decoding: output, as: UTF8.self) : nil
  }

  static func isGUID(_ bytes: [UInt8], _ start: Int) -> Bool {
    guard start + 36 <= bytes.count else { return false }
    for offset in 0..<36 {
      let byte = bytes[start + offset]
      if [8, 13, 18, 23].contains(offset) {
        guard byte == UInt8(ascii: "-") else { return false }
      } else if !isHex(byte) {
        return false
      }
    }
    return true
  }

  static func isHex(_ byte: UInt8) -> Bool {
    (byte >= 48 && byte <= 57) || (byte >= 97 && byte <= 102) || (byte >= 65 && byte <= 70)
  }
}
