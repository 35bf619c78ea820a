import TapedeckSupport

/// Recognizes values that change from run to run by nature (timestamps, GUIDs, long random
/// tokens), so the unmatched-request advice suggests ignoring only those, never a value a
/// request sets on purpose such as a status.
package enum VolatileValue {
  /// Whether a shown value (JSON text or a query value) looks volatile.
  package static func looksVolatile(_ shown: String?) -> Bool {
    guard var text = shown else { return false }
    if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { text = String(text.dropFirst().dropLast()) }
    return looksLikeTimestamp(text) || GUIDText.isGUID(text) || looksRandom(text)
  }

  /// `2026-11-22T10:00:00…`.
  static func looksLikeTimestamp(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard bytes.count >= 19 else { return false }
    let digits = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
    return digits.allSatisfy { bytes[$0] >= 48 && bytes[$0] <= 57 } && bytes[4] == UInt8(ascii: "-")
      && bytes[7] == UInt8(ascii: "-") && (bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "))
      && bytes[13] == UInt8(ascii: ":")
  }

  /// 16 or more letters and digits mixing both (nonces, hashes, epoch milliseconds).
  static func looksRandom(_ text: String) -> Bool {
    guard text.utf8.count >= 13,
      text.utf8.allSatisfy({ $0.isHexDigit || ($0 >= 65 && $0 <= 90) || ($0 >= 103 && $0 <= 122) })
    else { return false }
    let hasDigit = text.utf8.contains { $0 >= 48 && $0 <= 57 }
    let hasLetter = text.utf8.contains { ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }
    return hasDigit && (hasLetter || text.utf8.count >= 13)
  }
}

extension UInt8 {
  fileprivate var isHexDigit: Bool {
    (self >= 48 && self <= 57) || (self >= 97 && self <= 102) || (self >= 65 && self <= 70)
  }
}

/// Finds the first pseudonym-shaped value in text, for the unmatched-request note.
enum PseudonymSample {
  static func first(in text: String) -> String? {
    var token = ""
    for character in text + " " {
      if character.isLetter || character.isNumber || character == "-" || character == "_" {
        token.append(character)
        continue
      }
      for part in token.split(separator: "_") where Pseudonymizer.looksLikePseudonym(String(part)) {
        return "`\(part)`"
      }
      token = ""
    }
    return nil
  }
}
