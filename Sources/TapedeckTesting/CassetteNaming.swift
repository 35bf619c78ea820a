import Tapedeck
import Testing

/// Cassette names derived from tests: `<Suite>/<Nested>/<test>`, and for each argument set of a
/// parameterized test `<Suite>/<test>/<arguments>` (see ``TestCaseArguments``).
enum CassetteNaming {
  /// The cassette name for a test (and case), or `nil` when a parameterized case's arguments
  /// cannot be read.
  static func name(for test: Test, testCase: Test.Case?) -> String? {
    var components = test.id.nameComponents.map(clean)
    if components.isEmpty { components = [clean(test.name)] }
    if let testCase, testCase.isParameterized {
      guard let arguments = TestCaseArguments(testCase) else { return nil }
      components.append(arguments.cassetteComponent)
    }
    return components.joined(separator: "/")
  }

  /// `patch(status:)` → `patch`; characters unsafe in file names → `_`.
  static func clean(_ component: String) -> String {
    let base = component.prefix { $0 != "(" }
    let safe = base.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" }
    let text = String(safe)
    return text.isEmpty || text == "." || text == ".." ? "test" : text
  }

  /// FNV-1a (64-bit) in 16 hex digits: the same text gives the same name in every run.
  static func stableHash(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash &*= 0x100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}

/// The issue reported when a parameterized case's arguments cannot be read.
struct UnnamedCaseError: Error, CustomStringConvertible {
  let test: String
  var description: String {
    """
    Tapedeck cannot name a cassette for this case of the parameterized test \(test): this Swift Testing release does not let Tapedeck read the case's arguments.
    What to do: give the cassette a name that includes the argument, inside the test, e.g. `try await withCassette("\(test)/\\(status)") { session in … }`.
    """
  }
}
