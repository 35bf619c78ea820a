import Foundation
import HTTPTypes
import Tapedeck

/// Planted values for the tests. Every one is obviously fake (it says `FAKE` or is zeros), yet has
/// the shape the rules look for.
enum Fake {
  /// A JSON Web Token: `{"alg":"none","typ":"JWT"}.{"sub":"FAKE-0000"}.FAKE0000signature`.
  static let jwt = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJGQUtFLTAwMDAifQ.FAKE0000signature"
  /// A bearer credential that is no JWT.
  static let bearer = "FAKE-not-a-real-token-0000000000000000"
  /// A client secret.
  static let secret = "FAKE-client-secret-0000"
  /// An AWS access key id (`AKIA` and 16 upper-case letters or digits).
  static let awsKeyID = "AKIAFAKE000000000000"
  /// A PEM private key.
  static let privateKey = "-----BEGIN PRIVATE KEY-----\nFAKE0000FAKE0000FAKE0000\n-----END PRIVATE KEY-----"
  /// A SAS signature.
  static let signature = "FAKE0000signature%3D"
  /// A password in a URL's userinfo.
  static let password = "FAKE-password-0000"
  /// A tenant id (a version-4 GUID, so not shaped like a pseudonym).
  static let tenantID = "00000000-0000-4000-8000-00000000000a"
  /// A client id (a version-4 GUID).
  static let clientID = "00000000-0000-4000-8000-00000000000b"
  /// A user's e-mail address and UPN.
  static let upn = "adele.vance@contoso.example"
  /// A device name.
  static let deviceName = "DESKTOP-FAKE0000"
  /// A plain object id (a version-4 GUID).
  static let objectID = "00000000-0000-4000-8000-000000000001"
}

/// Builds one-interaction cassettes.
enum Build {
  static let graph = "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations"
  static let recordedAt = Date(timeIntervalSince1970: 1_700_000_000)

  /// A cassette holding one exchange.
  static func cassette(
    _ source: Cassette.Source = .live,
    request: RecordedRequest = RecordedRequest(method: .get, url: graph),
    response: RecordedResponse = RecordedResponse(status: .ok)
  ) -> Cassette {
    Cassette(
      name: "GraphTenantTests/audit", source: source,
      interactions: [Interaction(recordedAt: recordedAt, request: request, response: response)])
  }

  /// A cassette whose answer has this JSON body.
  static func answer(_ body: JSONValue, source: Cassette.Source = .live) -> Cassette {
    cassette(
      source, response: RecordedResponse(status: .ok, headers: [.contentType: "application/json"], body: .json(body)))
  }

  /// A cassette whose request goes to this URL.
  static func request(to url: String, source: Cassette.Source = .live) -> Cassette {
    cassette(source, request: RecordedRequest(method: .get, url: url))
  }

  /// A token request with this form body.
  static func tokenRequest(form: String) -> Cassette {
    cassette(
      request: RecordedRequest(
        method: .post, url: "https://login.microsoftonline.com/REDACTED/oauth2/v2.0/token",
        headers: [.contentType: "application/x-www-form-urlencoded"], body: .text(form)))
  }
}
