import Foundation
import TapedeckSupport

/// What one player's redaction replaced, held in memory and never written: each pseudonym with
/// the value it stands for, and the secret values replaced with fixed text.
///
/// It lets a recording send the real value where a test sends back a pseudonym it was given
/// (``PseudonymRestorer``), and lets everything Tapedeck prints be scrubbed of the values it saw
/// (``TextScrubber``).
final class RedactionLedger: Sendable {
  struct Entries {
    /// Pseudonym → the value it stands for.
    var originals: [String: String] = [:]
    /// The 24-digit tail (`<digest><check>`) of each name-style pseudonym → the whole pseudonym.
    var nameTails: [String: String] = [:]
    /// Values replaced by fixed text (tokens, secrets), each at least ``minimumSecretLength`` long.
    var secrets: Set<String> = []
  }

  /// Values shorter than this are not remembered as secrets: scrubbing them from text would
  /// mangle it, and the pattern rules still cover their usual places.
  static let minimumSecretLength = 8
  /// The most entries one ledger keeps, so a recording of huge lists cannot grow memory
  /// without bound; a pseudonym past it cannot be mapped back and says so.
  static let capacity = 200_000

  private let entries = Locked(Entries())

  /// Remembers that `pseudonym` stands for `original`.
  func notePseudonym(_ pseudonym: String, for original: String) {
    guard pseudonym != original else { return }
    entries.withLock { entries in
      guard entries.originals[pseudonym] == nil, entries.originals.count < Self.capacity else { return }
      entries.originals[pseudonym] = original
      if let (digest, check) = Pseudonymizer.namePseudonymParts(pseudonym) {
        entries.nameTails[digest + check] = pseudonym
      }
    }
  }

  /// Remembers a secret value that a rule replaced with fixed text (and, for `Bearer <token>`
  /// style values, the credential after the scheme).
  func noteSecret(_ value: String) {
    guard value.utf8.count >= Self.minimumSecretLength, value != "REDACTED" else { return }
    entries.withLock { entries in
      guard entries.secrets.count < Self.capacity else { return }
      entries.secrets.insert(value)
      if let space = value.firstIndex(of: " ") {
        let credential = value[value.index(after: space)...].trimmingCharacters(in: .whitespaces)
        if credential.utf8.count >= Self.minimumSecretLength { entries.secrets.insert(credential) }
      }
    }
  }

  /// The value a pseudonym stands for, if this ledger saw it made.
  func original(for pseudonym: String) -> String? { entries.withLock { $0.originals[pseudonym] } }

  /// The whole name-style pseudonym whose 24-digit tail is `tail`.
  func namePseudonym(withTail tail: String) -> String? { entries.withLock { $0.nameTails[tail] } }

  /// A copy of what the ledger holds now.
  var snapshot: Entries { entries.withLock { $0 } }
}
