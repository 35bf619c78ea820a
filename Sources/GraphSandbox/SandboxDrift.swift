import TapedeckJSON

/// Changes the sandbox's device-status answers the way Graph drifts under a cassette, one change
/// in each tier `tapedeck drift` reports, chosen by a seed: a property removed (breaking), a
/// property added and a `Deprecation`/`Sunset` pair of headers (notable), and a new
/// `lastReportedDateTime` (ignored: a volatile value).
///
/// ```swift
/// var configuration = SandboxConfiguration()
/// configuration.drift = SandboxDrift(seed: 7)  // removes "userName", adds "deviceModel"
/// ```
public struct SandboxDrift: Sendable, Hashable {
  /// The seed the changes are chosen by.
  public let seed: UInt64
  /// The status property left out of every answer (breaking drift).
  public var removedProperty: String { Self.removable[Int(seed % UInt64(Self.removable.count))] }
  /// The property added to every status answer (notable drift).
  public var addedProperty: String { Self.addable[Int((seed / 3) % UInt64(Self.addable.count))] }
  /// The `lastReportedDateTime` every status answer carries (ignored drift: a timestamp).
  public var reportedAt: String { "2031-0\(1 + seed % 9)-1\(seed % 10)T08:00:00Z" }

  /// Drift chosen by `seed`.
  public init(seed: UInt64) { self.seed = seed }

  static let removable = ["userName", "deviceDisplayName", "complianceGracePeriodExpirationDateTime"]
  static let addable = ["deviceModel", "lastSyncSource", "enrollmentProfileName"]

  /// A status as the drifted service shows it.
  func apply(to status: [String: JSONValue]) -> [String: JSONValue] {
    var members = status
    members[removedProperty] = nil
    members[addedProperty] = .string("drift-\(seed)")
    if members["lastReportedDateTime"] != nil { members["lastReportedDateTime"] = .string(reportedAt) }
    return members
  }

  /// The headers a deprecated API answers with (RFC 9745 `Deprecation`, RFC 8594 `Sunset`).
  static let deprecation = (name: "Deprecation", value: "@1798761600")
  static let sunset = (name: "Sunset", value: "Wed, 01 Dec 2027 00:00:00 GMT")
}
