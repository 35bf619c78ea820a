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

  /// Whether a field, header or parameter with this name holds a secret (by its normalized name).
  static func isSecret(_ name: some StringProtocol) -> Bool {
    isSecret(normalized: normalized(name))
  }

  static func isSecret(normalized: String) -> Bool {
    if secretNames.contains(normalized) { return true }
    let bytes = normalized.utf8
    return secretSuffixBytes.contains { suffix in
      bytes.count >= suffix.count && bytes.suffix(suffix.count).elementsEqual(suffix)
    }
  }

  /// ``secretSuffixes`` as bytes, compared without Unicode work.
  static let secretSuffixBytes = secretSuffixes.map { Array($0.utf8) }
}
