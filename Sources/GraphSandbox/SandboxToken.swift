import Crypto
import Foundation
import TapedeckJSON
import TapedeckSupport

/// JWT-shaped access tokens signed with the sandbox's own key (HMAC-SHA256), carrying
/// `tid`, `appid`, `roles` and an expiry, like the real service's.
struct SandboxTokens: Sendable {
  let key = SymmetricKey(size: .bits256)
  /// Tokens whose signature checked out, so a client's next request costs a lookup and an
  /// expiry check (bounded: it starts over when full).
  private let verified = Locked<[String: Claims]>([:])
  static let verifiedCapacity = 1024

  struct Claims: Sendable {
    let tenantID: String
    let clientID: String
    let roles: [String]
    let expires: Int
  }

  func issue(for app: SandboxConfiguration.App, lifetime: Int, now: Date = Date()) -> String {
    let issued = Int(now.timeIntervalSince1970)
    let header: JSONValue = ["alg": "HS256", "typ": "JWT"]
    let payload: JSONValue = [
      "aud": "https://graph.microsoft.com", "iss": .string("https://sts.windows.net/\(app.tenantID)/"),
      "tid": .string(app.tenantID), "appid": .string(app.clientID), "roles": .array(app.roles.map(JSONValue.string)),
      "iat": .number(JSONNumber(issued)), "nbf": .number(JSONNumber(issued)),
      "exp": .number(JSONNumber(issued + lifetime)),
    ]
    let signingInput =
      Self.base64URL(JSONWriter.compactData(header)) + "." + Self.base64URL(JSONWriter.compactData(payload))
    let signature = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: key)
    return signingInput + "." + Self.base64URL(Data(signature))
  }

  enum Rejection: Error {
    case malformed
    case badSignature
    case expired
  }

  func verify(_ token: String, now: Date = Date()) -> Result<Claims, Rejection> {
    if let claims = verified.withLock({ $0[token] }) {
      return Double(claims.expires) > now.timeIntervalSince1970 ? .success(claims) : .failure(.expired)
    }
    let result = check(token, now: now)
    if case .success(let claims) = result {
      verified.withLock { table in
        if table.count >= Self.verifiedCapacity { table.removeAll(keepingCapacity: true) }
        table[token] = claims
      }
    }
    return result
  }

  /// The signature, shape and expiry of a token not seen before.
  private func check(_ token: String, now: Date) -> Result<Claims, Rejection> {
    let parts = token.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3, let payloadData = Self.decodeBase64URL(String(parts[1])),
      let signature = Self.decodeBase64URL(String(parts[2])), let payload = try? JSONParser.parse(payloadData)
    else { return .failure(.malformed) }
    let signingInput = Data("\(parts[0]).\(parts[1])".utf8)
    guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signingInput, using: key) else {
      return .failure(.badSignature)
    }
    guard case .number(let expiry)? = payload["exp"], let tenant = payload["tid"]?.stringValue,
      let client = payload["appid"]?.stringValue, case .array(let roles)? = payload["roles"]
    else { return .failure(.malformed) }
    guard expiry.doubleValue > now.timeIntervalSince1970 else { return .failure(.expired) }
    return .success(
      Claims(
        tenantID: tenant, clientID: client, roles: roles.compactMap(\.stringValue), expires: Int(expiry.doubleValue)))
  }

  static func base64URL(_ data: Data) -> String {
    data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }

  static func decodeBase64URL(_ text: String) -> Data? {
    var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while base64.count % 4 != 0 { base64 += "=" }
    return Data(base64Encoded: base64)
  }
}
