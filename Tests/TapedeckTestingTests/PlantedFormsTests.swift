import Foundation
import GraphTenant
import HTTPTypes
import Tapedeck
import Testing

/// Every secret and personal-data form we know of, planted in recorded traffic: none may reach
/// the cassette, and the audit must flag each one written into a cassette by hand. Grow the
/// table whenever a new form is found.
struct PlantedForm: Sendable, CustomTestStringConvertible {
  let name: String
  let request: RecordedRequest
  let response: RecordedResponse
  /// The values that must not be on disk.
  let planted: [String]

  var testDescription: String { name }

  static let graph = "https://graph.microsoft.com/beta/deviceManagement/managedDevices"
  static let tenantID = "5c1f0e2a-0b7d-4e8e-9a4f-00000000a049"
  static let clientID = "7d9c2b1e-3f4a-4c5d-8e6f-00000000a050"

  /// `header.payload.` with the given header JSON and a marker in the payload (unsigned, fake).
  static func jwt(_ marker: String, header: String = #"{"alg":"none"}"#) -> String {
    func encode(_ text: String) -> String {
      Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
        .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
    return encode(header) + "." + encode(#"{"sub":"FAKE-\#(marker)"}"#) + ".RkFLRS1zaWduYXR1cmU"
  }

  static func json(_ text: String) -> RecordedBody {
    RecordedBody(data: Data(text.utf8), contentType: "application/json")!
  }

  static func get(_ url: String = graph, headers: HTTPFields = [:]) -> RecordedRequest {
    RecordedRequest(method: .get, url: url, headers: headers)
  }

  static func answer(_ body: String = "{}", headers: HTTPFields = [.contentType: "application/json"], status: Int = 200)
    -> RecordedResponse
  {
    RecordedResponse(
      status: .init(code: status), headers: headers,
      body: RecordedBody(data: Data(body.utf8), contentType: headers[.contentType]))
  }

  static func inRequestJSON(_ name: String, _ json: String, _ planted: String) -> PlantedForm {
    PlantedForm(
      name: name,
      request: RecordedRequest(
        method: .patch, url: graph + "/x", headers: [.contentType: "application/json"], body: Self.json(json)),
      response: answer(), planted: [planted])
  }

  static func inAnswerJSON(_ name: String, _ json: String, _ planted: String) -> PlantedForm {
    PlantedForm(name: name, request: get(), response: answer(json), planted: [planted])
  }

  static func header(_ name: String, _ value: String, planted: String? = nil, inAnswer: Bool = false) -> PlantedForm {
    let field = HTTPField.Name(name)!
    if inAnswer {
      return PlantedForm(
        name: "answer header \(name)", request: get(),
        response: answer(headers: [.contentType: "application/json", field: value]), planted: [planted ?? value])
    }
    return PlantedForm(
      name: "request header \(name)", request: get(headers: [field: value]), response: answer(),
      planted: [planted ?? value])
  }

  static func query(_ text: String, _ planted: String) -> PlantedForm {
    PlantedForm(
      name: "query \(text.prefix(24))", request: get(graph + "?" + text), response: answer(), planted: [planted])
  }

  static func form(_ text: String, _ planted: String) -> PlantedForm {
    PlantedForm(
      name: "form body \(text.prefix(24))",
      request: RecordedRequest(
        method: .post, url: "https://login.microsoftonline.com/\(tenantID)/oauth2/v2.0/token",
        headers: [.contentType: "application/x-www-form-urlencoded"], body: .text(text)),
      response: answer(#"{"token_type":"Bearer"}"#), planted: [planted, tenantID])
  }

  static let all: [PlantedForm] = [
    header("X-Api-Key", "FAKE-api-key-0001aaaa"),
    header("Ocp-Apim-Subscription-Key", "FAKEsubscriptionkey0002"),
    header("Api-Key", "FAKE-api-key-0003bbbb"),
    header("X-Client-Secret", "FAKE-client-secret-0004"),
    header(
      "WWW-Authenticate", #"Bearer realm="x", access_token="FAKE-www-auth-token-0005""#,
      planted: "FAKE-www-auth-token-0005", inAnswer: true),
    header(
      "Location", "https://app.example/cb?code=FAKE-oauth-code-0006&state=1", planted: "FAKE-oauth-code-0006",
      inAnswer: true),
    header(
      "Location", "https://app.example/cb#access_token=FAKE-fragment-token-0007&token_type=Bearer",
      planted: "FAKE-fragment-token-0007", inAnswer: true),
    header("x-ms-tenant-id", "5c1f0e2a-0b7d-4e8e-9a4f-000000000008", inAnswer: true),
    query("client_secret=FAKE-query-secret-0009", "FAKE-query-secret-0009"),
    query("access_token=FAKE-query-token-0010", "FAKE-query-token-0010"),
    query("code=FAKE-query-code-0011", "FAKE-query-code-0011"),
    query("client%5Fsecret=FAKE-encoded-secret-0012", "FAKE-encoded-secret-0012"),
    query("sv=2020&sig=FAKEsasSignature0013", "FAKEsasSignature0013"),
    form("grant_type=client_credentials&client_secret=FAKE-form-secret-0014", "FAKE-form-secret-0014"),
    form("grant_type=client_credentials&ClientSecret=FAKE-form-secret-0015", "FAKE-form-secret-0015"),
    form("grant_type=client_credentials&client_id=\(clientID)&scope=x", clientID),
    inRequestJSON("JSON Password", #"{"Password":"FAKE-password-0017"}"#, "FAKE-password-0017"),
    inRequestJSON("JSON ClientSecret", #"{"ClientSecret":"FAKE-json-secret-0018"}"#, "FAKE-json-secret-0018"),
    inRequestJSON("JSON CLIENT_SECRET", #"{"CLIENT_SECRET":"FAKE-json-secret-0019"}"#, "FAKE-json-secret-0019"),
    inAnswerJSON(
      "JSON UserPrincipalName", #"{"UserPrincipalName":"planted.user20@contoso.example"}"#, "planted.user20"),
    inAnswerJSON("serialNumber", #"{"serialNumber":"FAKESERIAL0021"}"#, "FAKESERIAL0021"),
    inAnswerJSON("imei", #"{"imei":"350000000000022"}"#, "350000000000022"),
    inAnswerJSON("meid", #"{"meid":"A0000000000023"}"#, "A0000000000023"),
    inAnswerJSON("wiFiMacAddress", #"{"wiFiMacAddress":"00:11:22:33:00:24"}"#, "00:11:22:33:00:24"),
    inAnswerJSON("ethernetMacAddress", #"{"ethernetMacAddress":"00:11:22:33:00:25"}"#, "00:11:22:33:00:25"),
    inAnswerJSON("phoneNumber", #"{"phoneNumber":"+1 555 0100 026"}"#, "555 0100 026"),
    inAnswerJSON("emailAddress", #"{"emailAddress":"planted27@contoso.example"}"#, "planted27"),
    inAnswerJSON("mail", #"{"mail":"planted28@contoso.example"}"#, "planted28"),
    inAnswerJSON("an e-mail address in any field", #"{"notes":"contact planted29@contoso.example"}"#, "planted29"),
    inAnswerJSON("tenantId", #"{"tenantId":"5c1f0e2a-0b7d-4e8e-9a4f-000000000030"}"#, "000000000030"),
    inAnswerJSON(
      "innerError request-id", #"{"error":{"innerError":{"request-id":"9a1b2c3d-0000-4000-8000-000000000031"}}}"#,
      "000000000031"),
    inRequestJSON("apiKey", #"{"apiKey":"FAKEapikey0032xyz"}"#, "FAKEapikey0032xyz"),
    inAnswerJSON(
      "connectionString", #"{"connectionString":"DefaultEndpointsProtocol=https;AccountKey=FAKEaccountKey0033=="}"#,
      "FAKEaccountKey0033"),
    inAnswerJSON(
      "AccountKey= in free text", #"{"note":"AccountName=x;AccountKey=FAKEaccountKey0034==;EndpointSuffix=core"}"#,
      "FAKEaccountKey0034"),
    inAnswerJSON(
      "SAS sig= in a URL value", #"{"url":"https://x.blob.core.windows.net/c/b?sv=2020&sig=FAKEsasSig0035%3D&se=1"}"#,
      "FAKEsasSig0035"),
    inAnswerJSON(
      "PEM private key", #"{"cert":"-----BEGIN PRIVATE KEY-----\nFAKEPEMKEY0036\n-----END PRIVATE KEY-----"}"#,
      "FAKEPEMKEY0036"),
    inAnswerJSON("AWS access key id", #"{"note":"key AKIAFAKE000000000037 here"}"#, "AKIAFAKE000000000037"),
    inAnswerJSON("JWT in a JSON value", #"{"value":"\#(jwt("0038"))"}"#, jwt("0038")),
    inAnswerJSON("JWT as a JSON key", #"{"\#(jwt("0039"))":true}"#, jwt("0039")),
    inAnswerJSON(
      "JWT with whitespace in its header", #"{"t":"\#(jwt("0040", header: #"{ "alg": "none" }"#))"}"#,
      jwt("0040", header: #"{ "alg": "none" }"#)),
    PlantedForm(
      name: "JWT with %2E dots in a query",
      request: get(graph + "?assertion=" + jwt("0041").replacingOccurrences(of: ".", with: "%2E")),
      response: answer(), planted: [jwt("0041").replacingOccurrences(of: ".", with: "%2E"), "RkFLRS1zaWduYXR1cmU"]),
    PlantedForm(
      name: "Bearer credential in a text body", request: get(),
      response: answer("Authorization: Bearer FAKEopaqueToken0042abcdef", headers: [.contentType: "text/plain"]),
      planted: ["FAKEopaqueToken0042abcdef"]),
    PlantedForm(
      name: "JWT in an application/jwt body (stored as base64)", request: get(),
      response: answer(jwt("0043"), headers: [.contentType: "application/jwt"]), planted: [jwt("0043")]),
    PlantedForm(
      name: "JWT in a binary body that is not UTF-8", request: get(),
      response: RecordedResponse(
        status: .ok, headers: [.contentType: "application/octet-stream"],
        body: .base64(Data([0xFF, 0xFE, 0x00]) + Data(jwt("0044").utf8) + Data([0xC3]))),
      planted: [jwt("0044")]),
    PlantedForm(
      name: "password in the URL's userinfo",
      request: get("https://user:FAKE-userinfo-pass-0045@graph.microsoft.com/beta/me"),
      response: answer(), planted: ["FAKE-userinfo-pass-0045"]),
    PlantedForm(
      name: "UPN in a URL path",
      request: get("https://graph.microsoft.com/beta/users/planted46@contoso.example/managedDevices"),
      response: answer(), planted: ["planted46"]),
    PlantedForm(
      name: "a value echoed in a Graph error message",
      request: RecordedRequest(
        method: .patch, url: graph + "/x", headers: [.contentType: "application/json"],
        body: json(#"{"deviceName":"FAKE-DEVICE-0047"}"#)),
      response: answer(
        #"{"error":{"code":"BadRequest","message":"Device 'FAKE-DEVICE-0047' is not valid"}}"#, status: 400),
      planted: ["FAKE-DEVICE-0047"]),
    inAnswerJSON(
      "client-request-id in an error body",
      #"{"error":{"innerError":{"client-request-id":"9a1b2c3d-0000-4000-8000-000000000048"}}}"#,
      "000000000048"),
    inAnswerJSON("the recording app's tenant id in free text", #"{"note":"tenant \#(tenantID) says no"}"#, tenantID),
    inAnswerJSON(
      "the recording app's client id in free text", #"{"note":"app \#(clientID.uppercased())"}"#, clientID.uppercased()),
    PlantedForm(
      name: "password in the userinfo of a user name starting like another format (admin, sa, bob, eve, pat)",
      request: get("https://admin:FAKE-userinfo-pass-0051@graph.microsoft.com/beta/me"),
      response: answer(), planted: ["FAKE-userinfo-pass-0051"]),
    PlantedForm(
      name: "a secret-named field in JSON sent as text/plain",
      request: get(),
      response: answer(#"{"clientSecret":"FAKE-client-secret-0052"}"#, headers: [.contentType: "text/plain"]),
      planted: ["FAKE-client-secret-0052"]),
    PlantedForm(
      name: "client_secret in a token form with no Content-Type",
      request: RecordedRequest(
        method: .post, url: "https://login.microsoftonline.com/\(tenantID)/oauth2/v2.0/token",
        body: .text("client_id=\(clientID)&client_secret=FAKE-client-secret-0053&grant_type=client_credentials")),
      response: answer(), planted: ["FAKE-client-secret-0053", tenantID]),
    PlantedForm(
      name: "client_secret in a form sent as an octet stream (stored as base64)",
      request: RecordedRequest(
        method: .post, url: graph + "/x", headers: [.contentType: "application/octet-stream"],
        body: .base64(Data("client_id=x&client_secret=FAKE-client-secret-0054".utf8))),
      response: answer(), planted: ["FAKE-client-secret-0054"]),
    inAnswerJSON(
      "business phones as a list, each element",
      #"{"businessPhones":["+1 555 0100 FAKE-0056","+1 555 0199 FAKE-0056b"]}"#, "FAKE-0056"),
    inAnswerJSON("a job title and a given name", #"{"jobTitle":"FAKE-title-0057","givenName":"x"}"#, "FAKE-title-0057"),
    PlantedForm(
      name: "a PKCE code_verifier and MSAL client_info in a browser's token form",
      request: RecordedRequest(
        method: .post, url: "https://login.microsoftonline.com/\(tenantID)/oauth2/v2.0/token",
        headers: [.contentType: "application/x-www-form-urlencoded"],
        body: .text("grant_type=authorization_code&code_verifier=FAKE-verifier-0058&client_info=1&code=x")),
      response: answer(#"{"client_info":"FAKE-client-info-0058b"}"#),
      planted: ["FAKE-verifier-0058", "FAKE-client-info-0058b", tenantID]),
    PlantedForm(
      name: "a secret after a secret-named key in free text (YAML-like)",
      request: get(),
      response: answer("password: FAKE-yaml-pass-0055\nuser: x", headers: [.contentType: "text/plain"]),
      planted: ["FAKE-yaml-pass-0055"]),
  ]
}

@Suite("Planted secrets and personal data never reach disk, and the audit flags each one left by hand")
struct PlantedFormsTests {
  static let environment = ["GRAPH_TENANT_ID": PlantedForm.tenantID, "GRAPH_CLIENT_ID": PlantedForm.clientID]

  /// Everything the file says, base64 bodies decoded.
  static func onDisk(_ url: URL) throws -> String {
    let text = try String(contentsOf: url, encoding: .utf8)
    let cassette = try CassetteFile.load(from: url)
    var decoded = ""
    for interaction in cassette.interactions {
      for body in [interaction.request.body, interaction.response.body] {
        if case .base64(let data)? = body { decoded += String(decoding: data, as: UTF8.self) }
      }
    }
    return text + decoded
  }

  @Test("Recorded through the player with the Graph preset: no planted value on disk", arguments: PlantedForm.all)
  func recorded(_ form: PlantedForm) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-planted-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let player = try CassettePlayer(
      cassette: "planted", record: .once,
      redactor: .graph(pseudonymizer: Pseudonymizer(key: "FAKE-planted-key"), environment: Self.environment),
      directory: CassetteDirectory(url: folder), liveRequestGuard: .unrestricted, environment: [:])
    _ = try await player.response(for: form.request) { _ in form.response }
    try player.finish()
    let disk = try Self.onDisk(folder.appendingPathComponent("planted.json"))
    for value in form.planted {
      #expect(!disk.contains(value), "\(form.name): \(value) reached the cassette")
    }
  }

  @Test("Written into a cassette by hand: the audit flags it, without printing it", arguments: PlantedForm.all)
  func audited(_ form: PlantedForm) throws {
    let cassette = Cassette(
      name: "hand", source: .live,
      interactions: [Interaction(recordedAt: Date(), request: form.request, response: form.response)])
    let findings = CassetteAudit.findings(in: cassette, rules: CassetteAudit.rules(environment: Self.environment))
    #expect(!findings.isEmpty, "\(form.name) was not flagged")
    for finding in findings {
      for value in form.planted { #expect(!"\(finding)".contains(value), "the finding shows the value: \(finding)") }
    }
  }

  @Test("A clean recording has no finding, and pseudonyms pass whatever their key")
  func cleanRecording() throws {
    let pseudonym = Pseudonymizer(key: "FAKE-other-key").pseudonym(for: "alice@contoso.example", prefix: "user")
    let cassette = Cassette(
      name: "clean", source: .live,
      interactions: [
        Interaction(
          recordedAt: Date(), request: PlantedForm.get(),
          response: PlantedForm.answer(
            #"{"userPrincipalName":"\#(pseudonym)","passwordRequired":true,"passwordRequiredType":"deviceDefault","status":"compliant"}"#
          ))
      ])
    #expect(CassetteAudit.findings(in: cassette, rules: CassetteAudit.rules(environment: [:])).isEmpty)
    // A prefix is not a pseudonym.
    let fake = Cassette(
      name: "fake", source: .live,
      interactions: [
        Interaction(
          recordedAt: Date(), request: PlantedForm.get(),
          response: PlantedForm.answer(#"{"userPrincipalName":"user-alice@contoso.com"}"#))
      ])
    #expect(!CassetteAudit.findings(in: fake, rules: CassetteAudit.rules(environment: [:])).isEmpty)
  }
}
