import Tapedeck
import Testing

/// Cassette names derived from tests: `<Suite>/<Nested>/<test>`, and for each argument set of a
/// parameterized test `<Suite>/<test>/<stable hash of the arguments>`.
enum CassetteNaming {
  static func name(for test: Test, testCase: Test.Case?) -> String {
    var components = test.id.nameComponents.map(clean)
    if components.isEmpty { components = [clean(test.name)] }
    if let testCase, testCase.isParameterized {
      components.append(stableHash(String(reflecting: testCase)))
    }
    return components.joined(separator: "/")
  }

  /// `patch(status:)` → `patch`; characters unsafe in file names → `_`.
  static func clean(_ component: String) -> String {
    let base = component.prefix { $0 != "(" }
    let safe = base.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" }
    return safe.isEmpty ? "test" : String(safe)
  }

  /// FNV-1a (64-bit) in hex: the same text gives the same name in every run.
  static func stableHash(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash &*= 0x100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return "case-" + String(repeating: "0", count: 16 - hex.count) + hex
  }
}

/// Reports a player's unmatched requests as test failures, each with the whole story.
enum CassetteFailures {
  static func report(_ player: CassettePlayer, at location: SourceLocation) {
    for error in player.unmatchedRequests {
      Issue.record(Comment(rawValue: error.description), sourceLocation: location)
    }
  }
}
