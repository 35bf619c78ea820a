import Foundation
import GraphTenant
import HTTPTypes
import Tapedeck
import Testing

/// What the audit must and must not report: each finding at its exact JSON path, and never
/// with the value it found.
@Suite struct CassetteAuditTests {
  /// One planted cassette and what the audit must say of it.
  struct Case: Sendable, CustomTestStringConvertible {
    let label: String
    let cassette: Cassette
    var environment: [String: String] = [:]
    /// The finding paths, in the audit's order (empty: the cassette is clean).
    let paths: [String]
    /// The planted values, none of which a finding may show.
    var planted: [String] = []

    var testDescription: String { label }

    func findings() -> [CassetteAudit.Finding] {
      CassetteAudit.findings(in: cassette, rules: CassetteAudit.rules(environment: environment))
    }
  }

  static let request0 = "$.interactions[0].request"
  static let answer0 = "$.interactions[0].response.body.json"

  static let mustReport: [Case] = [
    Case(
      label: "a bearer token in the Authorization header",
      cassette: Build.cassette(
        request: RecordedRequest(method: .get, url: Build.graph, headers: [.authorization: "Bearer \(Fake.bearer)"])),
      paths: ["\(request0).headers.Authorization[0]"], planted: [Fake.bearer]),
    Case(
      label: "an API key in a secret-named header of the answer",
      cassette: Build.cassette(
        response: RecordedResponse(status: .ok, headers: [HTTPField.Name("X-Custom-Secret")!: Fake.secret])),
      paths: ["$.interactions[0].response.headers.X-Custom-Secret[0]"], planted: [Fake.secret]),
    Case(
      label: "a JWT in a JSON string of the answer",
      cassette: Build.answer(["value": [["id": "\(Fake.objectID)", "description": "issued \(Fake.jwt) today"]]]),
      paths: ["\(answer0).value[0].description"], planted: [Fake.jwt]),
    Case(
      label: "a JWT as a JSON key",
      cassette: Build.answer(["\(Fake.jwt)": true]),
      paths: ["\(answer0)['…']"], planted: [Fake.jwt]),
    Case(
      label: "a JWT in a text answer",
      cassette: Build.cassette(
        response: RecordedResponse(status: .ok, headers: [.contentType: "text/plain"], body: .text("t=\(Fake.jwt)"))),
      paths: ["$.interactions[0].response.body.text"], planted: [Fake.jwt]),
    Case(
      label: "a JWT in a body stored as base64",
      cassette: Build.cassette(
        response: RecordedResponse(
          status: .ok, headers: [.contentType: "application/jwt"], body: .base64(Data(Fake.jwt.utf8)))),
      paths: ["$.interactions[0].response.body.base64"], planted: [Fake.jwt]),
    Case(
      label: "a JWT in a URL path", cassette: Build.request(to: "\(Build.graph)/\(Fake.jwt)"),
      paths: ["\(request0).url"], planted: [Fake.jwt]),
    Case(
      label: "a JWT in a query string", cassette: Build.request(to: "\(Build.graph)?state=\(Fake.jwt)&$top=1"),
      paths: ["\(request0).url"], planted: [Fake.jwt]),
    Case(
      label: "a JWT with percent-encoded dots in a query string",
      cassette: Build.request(to: "\(Build.graph)?state=\(Fake.jwt.replacingOccurrences(of: ".", with: "%2E"))"),
      paths: ["\(request0).url"], planted: [Fake.jwt]),
    Case(
      label: "an access token in a URL fragment",
      cassette: Build.request(to: "https://app.example/cb#access_token=FAKE0000"),
      paths: ["\(request0).url"], planted: ["FAKE0000"]),
    Case(
      label: "client_secret in a token form",
      cassette: Build.tokenRequest(
        form: "client_id=REDACTED&client_secret=\(Fake.secret)&grant_type=client_credentials"),
      paths: ["\(request0).body.text"], planted: [Fake.secret]),
    Case(
      label: "client_secret with an escaped name in a token form",
      cassette: Build.tokenRequest(form: "client_id=REDACTED&client%5Fsecret=\(Fake.secret)"),
      paths: ["\(request0).body.text"], planted: [Fake.secret]),
    Case(
      label: "client_id in a token form",
      cassette: Build.tokenRequest(form: "client_id=\(Fake.clientID)&client_secret=REDACTED"),
      paths: ["\(request0).body.text"], planted: [Fake.clientID]),
    Case(
      label: "the tenant id in a token URL",
      cassette: Build.request(to: "https://login.microsoftonline.com/\(Fake.tenantID)/oauth2/v2.0/token"),
      paths: ["\(request0).url"], planted: [Fake.tenantID]),
    Case(
      label: "client_secret in a query string",
      cassette: Build.request(to: "\(Build.graph)?client_secret=\(Fake.secret)"),
      paths: ["\(request0).url"], planted: [Fake.secret]),
    Case(
      label: "a PEM private key in a JSON string", cassette: Build.answer(["certificate": "\(Fake.privateKey)"]),
      paths: ["\(answer0).certificate"], planted: ["FAKE0000FAKE0000"]),
    Case(
      label: "an AWS access key id in a JSON string", cassette: Build.answer(["note": "key \(Fake.awsKeyID) here"]),
      paths: ["\(answer0).note"], planted: [Fake.awsKeyID]),
    Case(
      label: "a SAS signature in a URL",
      cassette: Build.request(to: "https://fake.blob.core.windows.net/c/b?sv=2024-01-01&sig=\(Fake.signature)&se=1"),
      paths: ["\(request0).url"], planted: [Fake.signature]),
    Case(
      label: "a SAS signature in a JSON string",
      cassette: Build.answer(["downloadUrl": "https://fake.blob.core.windows.net/c/b?sv=1&sig=\(Fake.signature)"]),
      paths: ["\(answer0).downloadUrl"], planted: [Fake.signature]),
    Case(
      label: "an account key in a connection string",
      cassette: Build.answer(["storage": "DefaultEndpointsProtocol=https;AccountName=fake;AccountKey=FAKE0000key=="]),
      paths: ["\(answer0).storage"], planted: ["FAKE0000key"]),
    Case(
      label: "a password in a URL's userinfo",
      cassette: Build.request(to: "https://user:\(Fake.password)@graph.microsoft.com/beta/me"),
      paths: ["\(request0).url"], planted: [Fake.password]),
    Case(
      label: "the GRAPH_TENANT_ID known value in a request URL and an answer",
      cassette: Build.cassette(
        request: RecordedRequest(method: .get, url: "\(Build.graph)?tenant=\(Fake.tenantID)"),
        response: RecordedResponse(
          status: .ok, headers: [.contentType: "application/json"], body: .json(["owner": "\(Fake.tenantID)"]))),
      environment: ["GRAPH_TENANT_ID": Fake.tenantID],
      paths: ["\(request0).url", "\(answer0).owner"], planted: [Fake.tenantID]),
    Case(
      label: "the GRAPH_CLIENT_ID known value in upper case in an answer header",
      cassette: Build.cassette(
        response: RecordedResponse(status: .ok, headers: [HTTPField.Name("x-app")!: Fake.clientID.uppercased()])),
      environment: ["GRAPH_CLIENT_ID": Fake.clientID],
      paths: ["$.interactions[0].response.headers.x-app[0]"], planted: [Fake.clientID, Fake.clientID.uppercased()]),
    Case(
      label: "a UPN and a device name in a live cassette",
      cassette: Build.answer(["userPrincipalName": "\(Fake.upn)", "deviceDisplayName": "\(Fake.deviceName)"]),
      paths: ["\(answer0).deviceDisplayName", "\(answer0).userPrincipalName"], planted: [Fake.upn, Fake.deviceName]),
    Case(
      label: "personal fields in other spellings in a sandbox cassette",
      cassette: Build.answer(
        ["USER_PRINCIPAL_NAME": "\(Fake.upn)", "device-name": "\(Fake.deviceName)"], source: .sandbox),
      paths: ["\(answer0).USER_PRINCIPAL_NAME", "\(answer0)['…']"], planted: [Fake.upn, Fake.deviceName]),
    Case(
      label: "an e-mail address in free text and in a URL path of a live cassette",
      cassette: Build.cassette(
        request: RecordedRequest(
          method: .get, url: "https://graph.microsoft.com/beta/users/\(Fake.upn)/managedDevices"),
        response: RecordedResponse(
          status: .ok, headers: [.contentType: "application/json"],
          body: .json(["description": "assigned by \(Fake.upn)"]))),
      paths: ["\(request0).url", "\(answer0).description"], planted: [Fake.upn]),
    Case(
      label: "a password in a URL's userinfo whose user name starts with a letter the other formats start with",
      cassette: Build.request(to: "https://admin:\(Fake.password)@graph.microsoft.com/beta/me"),
      paths: ["\(request0).url"], planted: [Fake.password]),
    Case(
      label: "a secret-named field in a JSON body stored as text",
      cassette: Build.cassette(
        response: RecordedResponse(
          status: .ok, headers: [.contentType: "text/plain"],
          body: .text(#"{"clientSecret":"FAKE-client-secret-0000"}"#))),
      paths: ["$.interactions[0].response.body.text"], planted: [Fake.secret]),
    Case(
      label: "client_secret in a token form sent without a Content-Type",
      cassette: Build.cassette(
        request: RecordedRequest(
          method: .post, url: "https://login.microsoftonline.com/REDACTED/oauth2/v2.0/token",
          body: .text("client_id=REDACTED&client_secret=\(Fake.secret)"))),
      paths: ["\(request0).body.text"], planted: [Fake.secret]),
    Case(
      label: "the GRAPH_TENANT_ID known value in a hand-written cassette",
      cassette: Build.answer(["owner": "\(Fake.tenantID)"], source: .handWritten),
      environment: ["GRAPH_TENANT_ID": Fake.tenantID], paths: ["\(answer0).owner"], planted: [Fake.tenantID]),
    Case(
      label: "client_secret in a token form stored as base64 with no Content-Type",
      cassette: Build.cassette(
        request: RecordedRequest(
          method: .post, url: "https://login.microsoftonline.com/REDACTED/oauth2/v2.0/token",
          body: .base64(Data("client_id=REDACTED&client_secret=\(Fake.secret)".utf8)))),
      paths: ["\(request0).body.base64"], planted: [Fake.secret]),
  ]

  /// Secret-named JSON fields, in the spellings people use.
  static let secretNames = [
    "clientSecret", "client_secret", "ClientSecret", "CLIENT-SECRET", "client.secret", "password", "userPassword",
    "refresh_token", "refreshToken", "access_token", "id_token", "apiKey", "x-api-key", "storageAccountKey",
    "connectionString", "credentials", "token", "pwd", "sig", "client_assertion",
  ]

  @Test("The audit reports", arguments: mustReport)
  func reports(_ planted: Case) {
    let findings = planted.findings()
    #expect(findings.map(\.path) == planted.paths)
    for value in planted.planted {
      #expect(!findings.map(\.description).joined(separator: "\n").contains(value), "the finding shows \(value)")
    }
  }

  @Test("The audit reports a secret-named JSON field, however it is spelled", arguments: secretNames)
  func reportsSecretNamedField(_ name: String) {
    let cassette = Build.answer(["settings": [name: "\(Fake.secret)", "displayName": "Kiosk"]])
    let findings = CassetteAudit.findings(in: cassette, rules: CassetteAudit.rules(environment: [:]))
    let plain = name.utf8.allSatisfy {
      $0 == UInt8(ascii: "_") || (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0)
    }
    #expect(findings.map(\.path) == ["\(Self.answer0).settings" + (plain ? ".\(name)" : "['…']")])
    #expect(findings.map(\.problem) == ["\(name) holds a real value"])
    #expect(!findings.map(\.description).joined().contains(Fake.secret))
  }

  /// Values the audit must leave alone.
  static let mustNotReport: [Case] = [
    Case(
      label: "REDACTED credentials, secrets, tenant segment and signature",
      cassette: Build.cassette(
        request: RecordedRequest(
          method: .post, url: "https://login.microsoftonline.com/REDACTED/oauth2/v2.0/token?sig=REDACTED",
          headers: [.authorization: "REDACTED", .contentType: "application/x-www-form-urlencoded"],
          body: .text("client_id=REDACTED&client_secret=REDACTED&grant_type=client_credentials")),
        response: RecordedResponse(
          status: .ok, headers: [.contentType: "application/json", HTTPField.Name("request-id")!: "REDACTED"],
          body: .json(["access_token": "REDACTED", "token_type": "Bearer", "expires_in": 3599]))),
      paths: []),
    Case(
      label: "null and boolean values under secret names",
      cassette: Build.answer(["clientSecret": nil, "password": nil, "passwordRequired": true, "apiKey": false]),
      paths: []),
    Case(
      label: "pseudonyms made by a Pseudonymizer under another key",
      cassette: {
        let other = Pseudonymizer(key: "FAKE-other-team-key-0000")
        let device = other.pseudonymGUID(for: Fake.objectID)
        let user = other.pseudonymGUID(for: "00000000-0000-4000-8000-000000000002")
        return Build.answer([
          "id": "\(device)_00000000-0000-4000-8000-000000000003_\(user)",
          "userPrincipalName": "\(other.pseudonym(for: Fake.upn, prefix: "user"))",
          "deviceDisplayName": "\(other.pseudonym(for: Fake.deviceName, prefix: "device"))",
          "emailAddress": "\(other.pseudonym(for: Fake.upn, prefix: "email"))",
          "tenantId": "\(other.pseudonymGUID(for: Fake.tenantID))",
        ])
      }(),
      paths: []),
    Case(
      label: "placeholder personal values in a hand-written cassette",
      cassette: Build.answer(
        ["userPrincipalName": "\(Fake.upn)", "deviceDisplayName": "\(Fake.deviceName)", "mail": "\(Fake.upn)"],
        source: .handWritten),
      paths: []),
    Case(
      label: "placeholder personal values in a docs example",
      cassette: Build.answer(["userName": "Adele Vance", "description": "ask \(Fake.upn)"], source: .docsExample),
      paths: []),
    Case(
      label: "ordinary GUID ids in URLs and bodies",
      cassette: Build.cassette(
        request: RecordedRequest(method: .get, url: "\(Build.graph)/\(Fake.objectID)/deviceStatuses?$top=10"),
        response: RecordedResponse(
          status: .ok, headers: [.contentType: "application/json"],
          body: .json([
            "id": "\(Fake.objectID)", "version": 3, "@odata.type": "#microsoft.graph.windows10GeneralConfiguration",
          ]))),
      paths: []),
    Case(
      label: "a known value that is absent from the environment",
      cassette: Build.answer(["owner": "\(Fake.tenantID)"]),
      paths: []),
    Case(
      label: "an ordinary device status answer from the sandbox",
      cassette: Build.cassette(
        .sandbox,
        request: RecordedRequest(
          method: .patch,
          url:
            "http://127.0.0.1:8080/beta/deviceManagement/deviceConfigurations/\(Fake.objectID)/deviceStatuses/\(Fake.objectID)",
          headers: [.contentType: "application/json", .authorization: "REDACTED"],
          body: .json(["status": "compliant"])),
        response: RecordedResponse(
          status: .ok,
          headers: [.contentType: "application/json", HTTPField.Name("client-request-id")!: "REDACTED"],
          body: .json([
            "@odata.context":
              "http://127.0.0.1:8080/beta/$metadata#deviceManagement/deviceConfigurations('x')/deviceStatuses/$entity",
            "id": "\(Fake.objectID)", "status": "compliant", "platform": 0,
            "complianceGracePeriodExpirationDateTime": "2026-11-22T10:00:00Z",
            "lastReportedDateTime": "2026-11-22T10:00:00Z",
          ]))),
      paths: []),
    Case(
      label: "a Graph error answer with REDACTED request ids",
      cassette: Build.answer([
        "error": [
          "code": "BadRequest", "message": "Cannot convert the literal 'x' to the expected type 'Edm.Int32'.",
          "innerError": ["request-id": "REDACTED", "client-request-id": "REDACTED", "date": "2026-11-22T10:00:00"],
        ]
      ]),
      paths: []),
    Case(
      label: "words that start like a secret format",
      cassette: Build.answer([
        "description": "Bearer tokens are REDACTED; see https://learn.microsoft.com/graph/auth and eyJ is a prefix",
        "signature": "Passwords expire; AccountKey= is empty",
      ]),
      paths: []),
  ]

  @Test("The audit leaves alone", arguments: mustNotReport)
  func leavesAlone(_ clean: Case) {
    #expect(clean.findings().map(\.description) == [])
  }

  /// The docs-example cassettes shipped with the package.
  static var docsExamples: [URL] {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Examples/docs-examples")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".json") }.sorted().map { folder.appendingPathComponent($0) }
  }

  @Test("The shipped docs-example cassettes pass the audit")
  func docsExamplesPass() throws {
    let files = Self.docsExamples
    #expect(!files.isEmpty)
    for file in files {
      let cassette = try CassetteFile.load(from: file)
      #expect(
        CassetteAudit.findings(in: cassette, rules: CassetteAudit.rules(environment: [:])) == [],
        "\(file.lastPathComponent)")
    }
  }
}
