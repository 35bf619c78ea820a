import Testing

/// The arguments of one parameterized Swift Testing case, read as Swift Testing itself
/// identifies them, for naming its cassette.
///
/// Swift Testing 6.3 keeps a case's arguments behind SPI, so this reads them with `Mirror`:
/// the argument's stable id (its JSON encoding when the type is `Encodable` or
/// `RawRepresentable`, its `CustomTestStringConvertible` text otherwise) and its position
/// among duplicates. `TestCaseArgumentsTests` pins the layout, so a Swift Testing release that
/// changes it fails our CI instead of renaming users' cassettes; if it ever cannot be read, the
/// trait reports an issue that says to name the cassette explicitly, and never guesses.
struct TestCaseArguments: Equatable {
  /// Each argument's identifying text, in parameter order.
  let identities: [String]
  /// Which of several cases with the same arguments this is (0 for the first).
  let discriminator: Int

  init(identities: [String], discriminator: Int) {
    self.identities = identities
    self.discriminator = discriminator
  }

  init?(_ testCase: Test.Case) {
    guard let kind = Self.child(testCase, "_kind"), let payload = Self.payload(kind, case: "parameterized"),
      let arguments = Self.child(payload, "arguments") as? [Any]
    else { return nil }
    var identities: [String] = []
    for argument in arguments {
      guard let id = Self.child(argument, "id"), let bytes = Self.child(id, "bytes") as? [UInt8] else { return nil }
      identities.append(String(decoding: bytes, as: UTF8.self))
    }
    self.identities = identities
    discriminator = Self.child(payload, "discriminator") as? Int ?? 0
  }

  /// A readable component (`compliant`, `compliant_beta`) when every argument reads well,
  /// else a slug with a stable hash (`__x__1__y__2_-4f2a19c0`).
  var cassetteComponent: String {
    let texts = identities.map(Self.plainText)
    let readable = texts.allSatisfy { text in
      !text.isEmpty && text.count <= 40
        && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) }
        && text != "." && text != ".."
    }
    if readable && discriminator == 0 { return texts.joined(separator: "_") }
    let slug = String(CassetteNaming.clean(texts.joined(separator: "_")).prefix(40))
    let hash = CassetteNaming.stableHash(identities.joined(separator: "\u{1F}") + "#\(discriminator)")
    return slug + "-" + hash.prefix(8)
  }

  /// A JSON string's contents without quotes; `.case` without the dot; anything else as is.
  static func plainText(_ identity: String) -> String {
    if identity.count >= 2, identity.hasPrefix("\""), identity.hasSuffix("\""),
      !identity.dropFirst().dropLast().contains("\\")
    {
      return String(identity.dropFirst().dropLast())
    }
    if identity.hasPrefix("."), identity.count > 1 { return String(identity.dropFirst()) }
    return identity
  }

  static func child(_ value: Any, _ label: String) -> Any? {
    Mirror(reflecting: value).children.first { $0.label == label }?.value
  }

  /// The associated values of an enum value in case `name`.
  static func payload(_ value: Any, case name: String) -> Any? {
    guard let child = Mirror(reflecting: value).children.first, child.label == name else { return nil }
    return child.value
  }
}
