import Foundation
import GraphTenant
import HTTPTypes
import Tapedeck
import Testing

/// `Redactor.graph(...)`: what the Graph preset adds to the generic rules.
@Suite struct GraphRedactionTests {
  static let pseudonymizer = Pseudonymizer(key: "FAKE-graph-redaction-test-key-0000")
  static let redactor = Redactor.graph(pseudonymizer: pseudonymizer, environment: [:])

  static func answer(_ body: JSONValue, headers: HTTPFields = [:]) -> RecordedResponse {
    var fields = headers
    fields[.contentType] = "application/json"
    return RecordedResponse(status: .ok, headers: fields, body: .json(body))
  }

  static func json(_ response: RecordedResponse) -> JSONValue? {
    if case .json(let value)? = response.body { return value }
    return nil
  }

  @Test("The tenant in a token URL and client_id in the form become REDACTED; the secret too")
  func tokenRequest() {
    let request = RecordedRequest(
      method: .post, url: "https://login.microsoftonline.com/\(Fake.tenantID)/oauth2/v2.0/token",
      headers: [.contentType: "application/x-www-form-urlencoded"],
      body: .text("client_id=\(Fake.clientID)&client_secret=\(Fake.secret)&grant_type=client_credentials"))
    let scrubbed = Self.redactor.redact(request)
    #expect(scrubbed.url == "https://login.microsoftonline.com/REDACTED/oauth2/v2.0/token")
    #expect(scrubbed.body == .text("client_id=REDACTED&client_secret=REDACTED&grant_type=client_credentials"))
  }

  @Test("client_id in a query string becomes REDACTED")
  func clientIDQuery() {
    let request = RecordedRequest(method: .get, url: "https://login.example/authorize?client_id=\(Fake.clientID)&x=1")
    #expect(Self.redactor.redact(request).url == "https://login.example/authorize?client_id=REDACTED&x=1")
  }

  @Test("Request ids and the diagnostic header become REDACTED, in headers and in error bodies")
  func requestIDs() {
    let response = Self.answer(
      ["error": ["code": "BadRequest", "innerError": ["request-id": "\(Fake.objectID)", "client-request-id": "x"]]],
      headers: [
        HTTPField.Name("request-id")!: Fake.objectID, HTTPField.Name("client-request-id")!: Fake.objectID,
        HTTPField.Name("x-ms-ags-diagnostic")!: #"{"ServerInfo":{"DataCenter":"FAKE"}}"#,
      ])
    let scrubbed = Self.redactor.redact(response)
    for name in ["request-id", "client-request-id", "x-ms-ags-diagnostic"] {
      #expect(scrubbed.headers[HTTPField.Name(name)!] == "REDACTED", "\(name)")
    }
    #expect(
      Self.json(scrubbed)?["error"]?["innerError"] == ["request-id": "REDACTED", "client-request-id": "REDACTED"])
  }

  @Test("Tenant ids become GUID-shaped pseudonyms: tenantId, tid and x-ms-tenant-id")
  func tenantIDs() {
    let expected = Self.pseudonymizer.pseudonymGUID(for: Fake.tenantID)
    let response = Self.answer(
      ["tenantId": "\(Fake.tenantID.uppercased())", "claims": ["tid": "\(Fake.tenantID)"]],
      headers: [HTTPField.Name("x-ms-tenant-id")!: Fake.tenantID])
    let scrubbed = Self.redactor.redact(response)
    #expect(Self.json(scrubbed) == ["tenantId": "\(expected)", "claims": ["tid": "\(expected)"]])
    #expect(scrubbed.headers[HTTPField.Name("x-ms-tenant-id")!] == expected)
    #expect(Self.pseudonymizer.isPseudonym(expected))
  }

  /// Each personal field with the prefix of its pseudonym.
  static let personalFields: [(String, String)] = [
    ("userPrincipalName", "user"), ("UserPrincipalName", "user"), ("user_principal_name", "user"),
    ("USER-PRINCIPAL-NAME", "user"), ("userName", "name"), ("userDisplayName", "name"),
    ("deviceDisplayName", "device"), ("deviceName", "device"), ("emailAddress", "email"), ("mail", "email"),
    ("phoneNumber", "phone"), ("serialNumber", "serial"), ("imei", "imei"), ("meid", "meid"),
    ("wiFiMacAddress", "mac"), ("ethernetMacAddress", "mac"),
  ]

  @Test("Personal fields become stable pseudonyms, whatever their case and style", arguments: personalFields)
  func personalField(name: String, prefix: String) {
    let value = "FAKE-personal-value-0000"
    let scrubbed = Self.redactor.redact(Self.answer(["device": [name: "\(value)"]]))
    let pseudonym = Self.pseudonymizer.pseudonym(for: value, prefix: prefix)
    #expect(pseudonym.hasPrefix("\(prefix)-"))
    #expect(Self.json(scrubbed) == ["device": [name: "\(pseudonym)"]])
  }

  @Test("A status id keeps its policy GUID; its device and user GUIDs become pseudonyms")
  func statusIDs() {
    let device = "00000000-0000-4000-8000-00000000000d"
    let policy = "00000000-0000-4000-8000-00000000000e"
    let user = "00000000-0000-4000-8000-00000000000f"
    let id = "\(device)_\(policy)_\(user)"
    let expected =
      "\(Self.pseudonymizer.pseudonymGUID(for: device))_\(policy)_\(Self.pseudonymizer.pseudonymGUID(for: user))"
    let request = RecordedRequest(
      method: .patch,
      url: "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/\(policy)/deviceStatuses/\(id)")
    #expect(Self.redactor.redact(request).url.hasSuffix("/deviceConfigurations/\(policy)/deviceStatuses/\(expected)"))
    #expect(Self.json(Self.redactor.redact(Self.answer(["id": "\(id)"]))) == ["id": "\(expected)"])
  }

  @Test("E-mail addresses become pseudonyms in URL paths, queries, headers and free text")
  func emailAddresses() {
    let pseudonym = Self.pseudonymizer.pseudonym(for: Fake.upn, prefix: "email")
    let request = RecordedRequest(
      method: .get,
      url: "https://graph.microsoft.com/beta/users/\(Fake.upn)/managedDevices?$filter=mail%20eq%20'\(Fake.upn)'",
      headers: [HTTPField.Name("x-on-behalf-of")!: "Adele <\(Fake.upn.uppercased())>"])
    let scrubbed = Self.redactor.redact(request)
    #expect(scrubbed.url.hasPrefix("https://graph.microsoft.com/beta/users/\(pseudonym)/managedDevices?$filter="))
    #expect(!scrubbed.url.contains(Fake.upn))
    #expect(scrubbed.headers[HTTPField.Name("x-on-behalf-of")!] == "Adele <\(pseudonym)>")
    let answer = Self.redactor.redact(Self.answer(["description": "assigned by \(Fake.upn)."]))
    #expect(Self.json(answer) == ["description": "assigned by \(pseudonym)."])
  }

  @Test("The recording app's ids from the environment are replaced in answers, never in requests")
  func knownValues() {
    let redactor = Redactor.graph(
      pseudonymizer: Self.pseudonymizer,
      environment: ["GRAPH_TENANT_ID": Fake.tenantID, "GRAPH_CLIENT_ID": Fake.clientID])
    #expect(redactor.replacesKnownValues)
    let answer = redactor.redact(
      Self.answer(
        ["note": "app \(Fake.clientID.uppercased()) in \(Fake.tenantID)"],
        headers: [.location: "https://x.example/\(Fake.tenantID)"]))
    let tenant = Self.pseudonymizer.pseudonymGUID(for: Fake.tenantID)
    let client = Self.pseudonymizer.pseudonymGUID(for: Fake.clientID)
    #expect(Self.json(answer) == ["note": "app \(client) in \(tenant)"])
    #expect(answer.headers[.location] == "https://x.example/\(tenant)")
    let request = RecordedRequest(method: .get, url: "https://graph.microsoft.com/beta/x?owner=\(Fake.tenantID)")
    #expect(redactor.redact(request).url == request.url)
  }

  @Test("Known values shorter than 8 characters, or unset, are not rules")
  func shortKnownValues() {
    #expect(
      !Redactor.graph(pseudonymizer: Self.pseudonymizer, environment: ["GRAPH_TENANT_ID": "abc"]).replacesKnownValues)
    #expect(!Self.redactor.replacesKnownValues)
  }

  @Test("Redacting twice changes nothing more, and the same key gives the same pseudonyms")
  func idempotentAndStable() {
    let response = Self.answer([
      "userPrincipalName": "\(Fake.upn)", "deviceName": "\(Fake.deviceName)", "tenantId": "\(Fake.tenantID)",
      "clientSecret": "\(Fake.secret)", "note": "\(Fake.jwt)",
    ])
    let once = Self.redactor.redact(response)
    #expect(Self.redactor.redact(once) == once)
    let again = Redactor.graph(
      pseudonymizer: Pseudonymizer(key: "FAKE-graph-redaction-test-key-0000"), environment: [:])
    #expect(again.redact(response) == once)
    let otherKey = Redactor.graph(pseudonymizer: Pseudonymizer(key: "FAKE-another-key-0000"), environment: [:])
    #expect(otherKey.redact(response) != once)
    #expect(Self.json(once)?["clientSecret"] == "REDACTED")
    #expect(Self.json(once)?["note"] == "REDACTED")
  }

  @Test("Ordinary Graph values pass unchanged")
  func ordinaryValues() {
    let response = Self.answer([
      "id": "\(Fake.objectID)", "status": "compliant", "platform": 0, "lastReportedDateTime": "2026-11-22T10:00:00Z",
      "@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceConfigurations",
    ])
    #expect(Self.redactor.redact(response) == response)
  }
}
