/// One difference between a recorded answer and the fresh one, in a tier: **breaking** (a client
/// written against the cassette would break: status, a property removed, a type changed, an
/// `@odata.type` changed, a value the contract does not allow), **notable** (a property added, a
/// header clients read changed), **ignored** (a volatile value or ordinary data, by rule).
struct DriftFinding: Hashable, Sendable {
  /// How much a difference matters.
  enum Tier: String, CaseIterable, Sendable, Comparable {
    case breaking
    case notable
    case ignored

    static func < (lhs: Tier, rhs: Tier) -> Bool {
      allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
  }

  let tier: Tier
  /// Where: `status`, `headers.Location`, `body.value[0].userName`.
  let path: String
  /// The rule that placed it in its tier (`property-removed`, `volatile-timestamp`, …).
  let rule: String
  /// What changed, in words (values shown only where they are scrubbed already).
  let message: String
}
