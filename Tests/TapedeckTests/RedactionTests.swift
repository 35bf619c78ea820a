import Foundation
import HTTPTypes
import Testing

@testable import Tapedeck

@Suite("Redaction: default rules everywhere, pseudonyms that still match")
struct RedactionTests {
  let redactor = Redactor(rules: Redactor.default.rules, pseudonymizer: Pseudonymizer(key: "FAKE-test-redaction-key"))

  @Test(
    "Secret headers are replaced in requests and responses",
    arguments: [HTTPField.Name.authorization, .proxyAuthorization, .cookie, .setCookie])
  func secretHeaders(name: HTTPField.Name) {
    var headers = HTTPFields()
    headers[name] = "FAKE-secret-value"
    headers[.accept] = "application/json"
    let request = redactor.redact(RecordedRequest(method: .get, url: "https://example.invalid/", headers: headers))
    let response = redactor.redact(RecordedResponse(status: .ok, headers: headers))
    #expect(request.headers[name] == "REDACTED")
    #expect(response.headers[name] == "REDACTED")
    #expect(request.headers[.accept] == "application/json")
  }

  @Test(
    "OAuth fields are replaced in JSON bodies (any depth), form bodies and query strings",
    arguments: Redactor.oauthSecretFields)
  func oauthFields(field: String) {
    let json = redactor.redact(
      RecordedRequest(
        method: .post, url: "https://example.invalid/token?\(field)=FAKE-query&keep=1",
        body: .json(["outer": [field: "FAKE-json"], field: "FAKE-top", "keep": "visible"])))
    #expect(json.body == .json(["outer": [field: "REDACTED"], field: "REDACTED", "keep": "visible"]))
    #expect(json.url == "https://example.invalid/token?\(field)=REDACTED&keep=1")
    var form = HTTPFields()
    form[.contentType] = "application/x-www-form-urlencoded"
    let formRequest = redactor.redact(
      RecordedRequest(
        method: .post, url: "https://example.invalid/token", headers: form,
        body: .text("grant_type=client_credentials&\(field)=FAKE%2Fform&scope=x")))
    #expect(formRequest.body == .text("grant_type=client_credentials&\(field)=REDACTED&scope=x"))
  }

  @Test("`code` is redacted in forms and query strings but a JSON error code survives")
  func codeField() {
    var form = HTTPFields()
    form[.contentType] = "application/x-www-form-urlencoded"
    let token = redactor.redact(
      RecordedRequest(
        method: .post, url: "https://example.invalid/cb?code=FAKE-auth-code", headers: form,
        body: .text("code=FAKE-auth-code")))
    #expect(token.url == "https://example.invalid/cb?code=REDACTED")
    #expect(token.body == .text("code=REDACTED"))
    let error = redactor.redact(
      RecordedResponse(status: .notFound, body: .json(["error": ["code": "ResourceNotFound"]])))
    #expect(error.body == .json(["error": ["code": "ResourceNotFound"]]))
  }

  @Test("A JWT is replaced anywhere: header, URL, JSON string, text body")
  func jwtAnywhere() {
    let jwt = FakeTokens.jwt
    var headers = HTTPFields()
    headers[HTTPField.Name("X-Custom-Token")!] = "token \(jwt)"
    let request = redactor.redact(
      RecordedRequest(
        method: .post, url: "https://example.invalid/a/\(jwt)/b", headers: headers,
        body: .json(["nested": ["note": "see \(jwt) here"]])))
    #expect(request.headers[HTTPField.Name("X-Custom-Token")!] == "token REDACTED")
    #expect(request.url == "https://example.invalid/a/REDACTED/b")
    #expect(request.body == .json(["nested": ["note": "see REDACTED here"]]))
    let text = redactor.redact(RecordedResponse(status: .ok, body: .text("access=\(jwt);")))
    #expect(text.body == .text("access=REDACTED;"))
    #expect(SecretFormats.replacing(in: "eyJhbGciOi is not a token") == nil)
  }

  @Test("Pseudonyms are stable per key and value, and differ across keys")
  func pseudonyms() {
    let one = Pseudonymizer(key: "FAKE-key-one")
    let two = Pseudonymizer(key: "FAKE-key-two")
    #expect(
      one.pseudonym(for: "adele@example.invalid", prefix: "user")
        == one.pseudonym(for: "adele@example.invalid", prefix: "user"))
    #expect(
      one.pseudonym(for: "adele@example.invalid", prefix: "user")
        != two.pseudonym(for: "adele@example.invalid", prefix: "user"))
    #expect(one.pseudonym(for: "adele@example.invalid", prefix: "user").hasPrefix("user-"))
    #expect(Pseudonymizer(environment: [:]).usesFallbackKey)
    #expect(!Pseudonymizer(environment: ["TAPEDECK_REDACTION_KEY": "FAKE-team-key"]).usesFallbackKey)
  }

  @Test("Recorded secrets never reach disk, and a pseudonymized value still matches on replay")
  func pseudonymMatchesOnReplay() async throws {
    try await withTemporaryFolder { folder in
      try await LoopbackServer.with { server in
        let redactor = Redactor.default.adding(.jsonField("userPrincipalName", replacement: .pseudonym(prefix: "user")))
        let body = #"{"status":"compliant","userPrincipalName":"adele.vance@example.invalid"}"#
        let headers = ["Authorization": "Bearer \(FakeTokens.jwt)", "Cookie": "session=FAKE-cookie"]
        let recorder = try CassettePlayer.testing("pseudo", in: folder, record: .once, redactor: redactor)
        _ = try await HTTP.send(recorder.makeURLSession(), "PATCH", server.statusURL(), json: body, headers: headers)
        _ = try await HTTP.send(
          recorder.makeURLSession(), "POST", URL(string: "\(server.baseURL)/tenant-id-0000/oauth2/v2.0/token")!,
          json: #"{"client_secret":"\#(FakeTokens.clientSecret)"}"#)
        _ = try await HTTP.send(recorder.makeURLSession(), "GET", URL(string: "\(server.baseURL)/cookie")!)
        try recorder.finish()
        #expect(
          server.received.first?.headers["authorization"] == "Bearer \(FakeTokens.jwt)", "the live request is unchanged"
        )
        let onDisk = try String(contentsOf: folder.file("pseudo.json"), encoding: .utf8)
        for secret in [FakeTokens.jwt, FakeTokens.clientSecret, "FAKE-cookie", "FAKE-session-cookie", "adele.vance"] {
          #expect(!onDisk.contains(secret), "\(secret) reached disk")
        }
        #expect(onDisk.contains("user-"))

        let player = try CassettePlayer.testing("pseudo", in: folder, record: .never, redactor: redactor)
        let replayed = try await HTTP.send(
          player.makeURLSession(), "PATCH", server.statusURL(), json: body, headers: headers)
        #expect(replayed.status == 200)
      }
    }
  }
}
