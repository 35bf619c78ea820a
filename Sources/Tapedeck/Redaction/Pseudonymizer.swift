import Crypto
public import Foundation
import Logging
import TapedeckLocking

/// Turns personal values into stable pseudonyms with HMAC-SHA256 under a key.
///
/// The key comes from `TAPEDECK_REDACTION_KEY`. When it is unset, a fixed key that is public
/// (``publicFallbackKey``) is used: pseudonyms stay stable, but anyone can test a guess
/// against them, so set your own key before recording real data.
///
/// ```swift
/// let pseudonymizer = Pseudonymizer(key: "a team secret")
/// pseudonymizer.pseudonym(for: "adele@contoso.com", prefix: "user")  // "user-…"
/// ```
public struct Pseudonymizer: Sendable {
  /// The documented key used when `TAPEDECK_REDACTION_KEY` is unset. It is public: not a secret.
  public static let publicFallbackKey = "tapedeck-public-fallback-redaction-key"

  let key: SymmetricKey
  /// Whether the key is the public fallback.
  public let usesFallbackKey: Bool

  /// A pseudonymizer with the given key text.
  public init(key: String) {
    self.key = SymmetricKey(data: Data(key.utf8))
    self.usesFallbackKey = key == Self.publicFallbackKey
  }

  /// A pseudonymizer keyed from `TAPEDECK_REDACTION_KEY`, or the public fallback key.
  public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    if let key = environment["TAPEDECK_REDACTION_KEY"], !key.isEmpty {
      self.init(key: key)
    } else {
      self.init(key: Self.publicFallbackKey)
    }
  }

  /// `<prefix>-<first 16 hex digits of HMAC-SHA256(key, value)>`.
  public func pseudonym(for value: String, prefix: String) -> String {
    let code = HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: key)
    let hex = code.prefix(8).map { byte in
      let text = String(byte, radix: 16)
      return byte < 16 ? "0" + text : text
    }.joined()
    return "\(prefix)-\(hex)"
  }

  /// A GUID-shaped pseudonym (8-4-4-4-12 hex), for identifiers that must keep their shape.
  ///
  /// ```swift
  /// pseudonymizer.pseudonymGUID(for: "3f0e…")  // "9c1d27a4-…"
  /// ```
  public func pseudonymGUID(for value: String) -> String {
    let code = HMAC<SHA256>.authenticationCode(for: Data(("guid:" + value).utf8), using: key)
    let hex = code.prefix(16).map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
    let characters = Array(hex)
    return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
  }

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
