/// Field, header and parameter names as redaction compares them: case and style do not matter,
/// so `client_secret`, `clientSecret`, `ClientSecret`, `CLIENT-SECRET` and `client%5Fsecret`
/// (once decoded) are one name.
enum FieldName {
  /// Lower-cased ASCII letters and digits only (`_`, `-`, `.`, `$` and spaces dropped).
  static func normalized(_ name: some StringProtocol) -> String {
    // Already normalized (lower-case letters and digits): no copy.
    if name.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }) { return String(name) }
    return String(unsafeUninitializedCapacity: name.utf8.count) { buffer in
      var count = 0
      for byte in name.utf8 {
        switch byte {
        case 0x41...0x5A: buffer[count] = byte + 0x20
        case 0x61...0x7A, 0x30...0x39, 0x80...: buffer[count] = byte
        default: continue
        }
        count += 1
      }
      return count
    }
  }

  /// Normalized names that hold a secret whole, by their ending (`clientSecret`, `userPassword`,
  /// `x-api-key`, `Ocp-Apim-Subscription-Key`, `storageAccountKey`, `refresh_token`).
  static let secretSuffixes = [
    "secret", "password", "passwd", "passphrase", "apikey", "accesskey", "accountkey", "privatekey", "secretkey",
    "subscriptionkey", "signingkey", "functionskey", "masterkey", "connectionstring", "credential", "credentials",
    "accesstoken", "refreshtoken", "idtoken", "sessiontoken", "bearertoken", "authtoken", "sastoken",
    "clientassertion",
  ]

  /// Normalized names that are secrets only when they are the whole name.
  static let secretNames: Set<String> = ["pwd", "token", "sig", "assertion", "apikey"]

  /// Whether a field, header or parameter with this name holds a secret (by its normalized name),
  /// read in place from the end of the name: no copy.
  static func isSecret(_ name: String) -> Bool { isSecret(utf8: name.utf8) }

  static func isSecret(_ name: Substring) -> Bool { isSecret(utf8: name.utf8) }

  private static func isSecret<Bytes: BidirectionalCollection<UInt8>>(utf8 bytes: Bytes) -> Bool {
    // Only the suffixes that end with the name's last letter or digit are tried.
    guard let last = bytes.last(where: { isNameByte($0) }), let candidates = suffixesByLastByte[last | 0x20]
    else { return false }
    for offset in candidates {
      if let rest = matchesSuffix(bytes, secretSuffixBytes[offset]), rest || !secretSuffixNeedsWhole[offset] {
        return true
      }
    }
    return false
  }

  /// Letters, digits and non-ASCII bytes: what a normalized name keeps.
  static func isNameByte(_ byte: UInt8) -> Bool {
    (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte >= 0x80
  }

  /// The indices in ``secretSuffixBytes`` by their last byte.
  static let suffixesByLastByte: [UInt8: [Int]] = Dictionary(
    grouping: secretSuffixBytes.indices, by: { secretSuffixBytes[$0].last ?? 0 })

  /// Whether the normalized `bytes` end with `suffix`: `nil` if not, else whether the suffix is
  /// the whole normalized name.
  private static func matchesSuffix<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes, _ suffix: [UInt8]) -> Bool? {
    var index = bytes.endIndex
    var position = suffix.count
    while index > bytes.startIndex, position > 0 {
      index = bytes.index(before: index)
      var byte = bytes[index]
      switch byte {
      case 0x41...0x5A: byte += 0x20
      case 0x61...0x7A, 0x30...0x39, 0x80...: break
      default: continue
      }
      position -= 1
      if byte != suffix[position] { return nil }
    }
    guard position == 0 else { return nil }
    while index > bytes.startIndex {
      index = bytes.index(before: index)
      let byte = bytes[index]
      if (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte >= 0x80 {
        return false
      }
    }
    return true
  }

  static func isSecret(normalized: String) -> Bool { isSecret(normalized) }

  /// ``secretSuffixes`` then ``secretNames`` as bytes, compared without Unicode work.
  static let secretSuffixBytes = (secretSuffixes + secretNames.sorted()).map { Array($0.utf8) }
  /// For each of ``secretSuffixBytes``: whether it must be the whole name (a ``secretNames`` entry).
  static let secretSuffixNeedsWhole = secretSuffixes.map { _ in false } + secretNames.map { _ in true }
}
