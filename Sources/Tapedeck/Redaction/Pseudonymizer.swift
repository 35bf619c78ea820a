import Crypto
public import Foundation
import Logging
import TapedeckSupport

/// Turns personal values into stable pseudonyms with HMAC-SHA256 under a key.
///
/// The key comes from `TAPEDECK_REDACTION_KEY`. When it is unset, a fixed key that is public
/// (``publicFallbackKey``) is used: pseudonyms stay stable, but anyone can test a guess
/// against them, so set your own key before recording real data.
///
/// Pseudonyms carry a check computed under the key, so pseudonymizing is idempotent: a value
/// that is already a pseudonym under this key is returned unchanged. An id that a test reads
/// from a recorded answer and sends back therefore matches its recording.
///
/// ```swift
/// let pseudonymizer = Pseudonymizer(key: "a team secret")
/// let user = pseudonymizer.pseudonym(for: "adele@contoso.com", prefix: "user")  // "user-…"
/// pseudonymizer.pseudonym(for: user, prefix: "user") == user  // true
/// ```
public struct Pseudonymizer: Sendable, Hashable {
  /// The documented key used when `TAPEDECK_REDACTION_KEY` is unset. It is public: not a secret.
  public static let publicFallbackKey = "tapedeck-public-fallback-redaction-key"

  let keyBytes: Data
  /// Whether the key is the public fallback.
  public let usesFallbackKey: Bool
  /// A non-secret fingerprint of the key (`hmac-sha256:<16 hex>`), written into cassettes so a
  /// replay under another key can say so.
  public let keyFingerprint: String
  /// When set, any value shaped like a pseudonym is left alone, whatever key made it. Used for
  /// replaying a cassette that was pseudonymized under another key (never while recording).
  var trustsPseudonymShapes = false
  /// Where the pseudonyms made are remembered (a player's, in memory only); not part of equality.
  var ledger: RedactionLedger?

  var key: SymmetricKey { SymmetricKey(data: keyBytes) }

  /// A pseudonymizer with the given key text.
  public init(key: String) {
    keyBytes = Data(key.utf8)
    usesFallbackKey = key == Self.publicFallbackKey
    let code = HMAC<SHA256>.authenticationCode(
      for: Data("tapedeck key fingerprint".utf8), using: SymmetricKey(data: Data(key.utf8)))
    keyFingerprint = "hmac-sha256:" + Self.hex(code.prefix(8))
  }

  /// A pseudonymizer keyed from `TAPEDECK_REDACTION_KEY`, or the public fallback key.
  public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    if let key = environment["TAPEDECK_REDACTION_KEY"], !key.isEmpty {
      self.init(key: key)
    } else {
      self.init(key: Self.publicFallbackKey)
    }
  }

  /// `<prefix>-<16 hex digits of HMAC-SHA256(key, value)><8 hex digits of check>`; a value that
  /// already is a pseudonym under this key (any prefix) comes back unchanged.
  public func pseudonym(for value: String, prefix: String) -> String {
    if isPseudonym(value) { return value }
    let digest = Self.hex(HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: key).prefix(8))
    let pseudonym = "\(prefix)-\(digest)\(check(digest, digits: 8))"
    ledger?.notePseudonym(pseudonym, for: value)
    return pseudonym
  }

  /// A GUID-shaped pseudonym (8-4-4-4-12 lower-case hex, version and variant digits `0`, the
  /// last 8 digits a check), for identifiers that must keep their shape. Idempotent, like
  /// ``pseudonym(for:prefix:)``.
  ///
  /// ```swift
  /// pseudonymizer.pseudonymGUID(for: "3f0e…")  // "9c1d27a4-…-0…-0…-…"
  /// ```
  public func pseudonymGUID(for value: String) -> String {
    if isPseudonymGUID(value) { return value }
    let code = HMAC<SHA256>.authenticationCode(for: Data(("guid:" + value).utf8), using: key)
    let digest = Array(Self.hex(code.prefix(11)).prefix(22))
    let body = String(digest[0..<12]) + "0" + String(digest[12..<15]) + "0" + String(digest[15..<22])
    let hex = Array(body + check(String(digest), digits: 8))
    let pseudonym = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(hex[$0]) }.joined(separator: "-")
    ledger?.notePseudonym(pseudonym, for: value)
    return pseudonym
  }

  /// Whether `value` is a pseudonym this pseudonymizer made (name-style or GUID-style).
  ///
  /// ```swift
  /// pseudonymizer.isPseudonym(pseudonymizer.pseudonym(for: "x", prefix: "user"))  // true
  /// ```
  public func isPseudonym(_ value: String) -> Bool {
    guard let (digest, tag) = Self.namePseudonymParts(value) else { return isPseudonymGUID(value) }
    return trustsPseudonymShapes || check(digest, digits: 8) == tag
  }

  /// Whether `value` is a GUID-shaped pseudonym this pseudonymizer made.
  func isPseudonymGUID(_ value: String) -> Bool {
    guard let (digest, tag) = Self.guidPseudonymParts(value) else { return false }
    return trustsPseudonymShapes || check(digest, digits: 8) == tag
  }

  /// Whether `value` has the shape of a Tapedeck pseudonym under any key.
  ///
  /// ```swift
  /// Pseudonymizer.looksLikePseudonym("user-0123456789abcdef01234567")  // true
  /// ```
  public static func looksLikePseudonym(_ value: String) -> Bool {
    namePseudonymParts(value) != nil || guidPseudonymParts(value) != nil
  }

  /// The key-derived check over a digest, as hex.
  func check(_ digest: String, digits: Int) -> String {
    let code = HMAC<SHA256>.authenticationCode(for: Data(("check:" + digest).utf8), using: key)
    return String(Self.hex(code.prefix((digits + 1) / 2)).prefix(digits))
  }

  /// `prefix-<16 hex><8 hex>` split into digest and check.
  static func namePseudonymParts(_ value: String) -> (String, String)? {
    let utf8 = value.utf8
    guard utf8.count >= 26, utf8.count <= 64, let dash = utf8.lastIndex(of: UInt8(ascii: "-")) else { return nil }
    let prefix = utf8[..<dash]
    let tail = utf8[utf8.index(after: dash)...]
    guard !prefix.isEmpty, tail.count == 24, tail.allSatisfy(isLowerHex),
      prefix.allSatisfy({ isLowerHex($0) || ($0 >= 97 && $0 <= 122) || ($0 >= 65 && $0 <= 90) || $0 == 95 })
    else { return nil }
    let text = String(decoding: tail, as: UTF8.self)
    return (String(text.prefix(16)), String(text.suffix(8)))
  }

  /// A GUID with version and variant digits `0`, split into its 22-digit digest and 8-digit check.
  static func guidPseudonymParts(_ value: String) -> (String, String)? {
    let bytes = Array(value.utf8)
    guard bytes.count == 36 else { return nil }
    var hex: [UInt8] = []
    for (offset, byte) in bytes.enumerated() {
      if [8, 13, 18, 23].contains(offset) {
        guard byte == UInt8(ascii: "-") else { return nil }
      } else {
        guard isLowerHex(byte) else { return nil }
        hex.append(byte)
      }
    }
    guard hex[12] == UInt8(ascii: "0"), hex[16] == UInt8(ascii: "0") else { return nil }
    let digest = hex[0..<12] + hex[13..<16] + hex[17..<24]
    return (String(decoding: digest, as: UTF8.self), String(decoding: hex[24..<32], as: UTF8.self))
  }

  static func isLowerHex(_ byte: UInt8) -> Bool { (byte >= 48 && byte <= 57) || (byte >= 97 && byte <= 102) }

  static func hex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
    bytes.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
  }

  /// Whether `value` is a GUID-shaped pseudonym under this key (never trusting shapes): the
  /// test for a pseudonym that must be mapped back before a request goes live.
  func madeGUID(_ value: some Collection<UInt8>) -> Bool {
    guard let (digest, tag) = Self.guidPseudonymParts(String(decoding: value, as: UTF8.self)) else { return false }
    return check(digest, digits: 8) == tag
  }

  /// This pseudonymizer, remembering what it makes in `ledger`.
  func recording(into ledger: RedactionLedger) -> Pseudonymizer {
    var copy = self
    copy.ledger = ledger
    return copy
  }

  /// This pseudonymizer, leaving anything pseudonym-shaped alone, whatever key made it: for
  /// replaying or auditing a cassette pseudonymized under another key (never for recording).
  ///
  /// ```swift
  /// let redactor = Redactor.graph(pseudonymizer: Pseudonymizer(key: "any").trustingPseudonymShapes())
  /// ```
  public func trustingPseudonymShapes() -> Pseudonymizer {
    var copy = self
    copy.trustsPseudonymShapes = true
    return copy
  }

  public static func == (lhs: Pseudonymizer, rhs: Pseudonymizer) -> Bool {
    lhs.keyBytes == rhs.keyBytes && lhs.trustsPseudonymShapes == rhs.trustsPseudonymShapes
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(keyFingerprint) }

  /// Logs, once per process, that the public fallback key is in use while recording.
  func warnIfFallbackWhileRecording(logger: Logger) {
    guard usesFallbackKey else { return }
    FallbackWarning.once.emit(logger)
  }
}

private final class FallbackWarning: Sendable {
  static let once = FallbackWarning()
  private let emitted = Locked(false)

  func emit(_ logger: Logger) {
    let first = emitted.withLock { flag in
      defer { flag = true }
      return !flag
    }
    if first {
      logger.warning(
        "TAPEDECK_REDACTION_KEY is unset: pseudonyms use the public fallback key, so a guessed value can be checked against them. Set TAPEDECK_REDACTION_KEY to a secret before recording real data."
      )
    }
  }
}
