import Foundation
import Tapedeck
import Testing

/// `tapedeck har import` and `har export`, run as the built binary: planted secrets never reach
/// disk, an import the audit flags writes nothing, bad archives exit 2 naming the place, and an
/// exported cassette imports back to the same interactions.
@Suite("tapedeck har, run as a built binary")
struct HARCommandTests {
  /// A fake, unsigned JWT: `{"alg":"none"}.{"sub":"FAKE-har-cli"}.FAKE-signature`.
  static let jwt = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJGQUtFLWhhci1jbGkifQ.RkFLRS1zaWduYXR1cmU"
  /// A fake, unsigned session-cookie JWT: `{"alg":"none"}.{"session":"FAKE-0000"}.FAKE-cookie`.
  static let cookieJWT = "eyJhbGciOiJub25lIn0.eyJzZXNzaW9uIjoiRkFLRS0wMDAwIn0.RkFLRS1jb29raWU"
  static let secret = "FAKE-client-secret-0000-har"
  static let upn = "planted.har.0000@contoso.example"
  static let tenant = "5c1f0e2a-0b7d-4e8e-9a4f-00000000ca01"
  static let shipped = "cassettes/sandbox/beta/device-configuration-status.json"
  static let shippedKey = "tapedeck-sandbox-cassettes-not-a-secret"

  /// Every value that must never reach a cassette, or the command's output.
  static let planted = [
    jwt, cookieJWT, "eyJ", secret, upn, "planted.har", tenant, "FAKE-fpc-0000", "ESTSAUTH", "FAKE-verifier-0000",
    "Plantedgiven0000",
  ]

  static func entry(
    _ method: String, _ url: String, requestHeaders: String = "", cookies: String = "", postData: String? = nil,
    status: Int = 200, responseHeaders: String = #"{"name": "Content-Type", "value": "application/json"}"#,
    content: String = #"{"size": 2, "mimeType": "application/json", "text": "{}"}"#
  ) -> String {
    """
    {"startedDateTime": "2026-11-22T10:00:00.000Z", "time": 5,
     "request": {"method": "\(method)", "url": "\(url)", "httpVersion": "HTTP/1.1", "cookies": [\(cookies)],
       "headers": [\(requestHeaders)], "queryString": [], "headersSize": -1, "bodySize": -1
       \(postData.map { #", "postData": \#($0)"# } ?? "")},
     "response": {"status": \(status), "statusText": "", "httpVersion": "HTTP/1.1",
       "cookies": [{"name": "fpc", "value": "FAKE-fpc-0000"}], "headers": [\(responseHeaders)],
       "content": \(content), "redirectURL": "", "headersSize": -1, "bodySize": -1},
     "cache": {}, "timings": {"send": 0, "wait": 5, "receive": 0}}
    """
  }

  static func archive(_ entries: [String]) -> String {
    #"{"log": {"version": "1.2", "creator": {"name": "test", "version": "1"}, "entries": ["#
      + entries.joined(separator: ",\n") + "]}}"
  }

  /// A browser-like capture with a secret in every place a browser puts one.
  static let plantedHAR = archive([
    entry(
      "POST", "https://login.microsoftonline.com/\(tenant)/oauth2/v2.0/token",
      requestHeaders: #"{"name": "Content-Type", "value": "application/x-www-form-urlencoded"}, "#
        + #"{"name": "Cookie", "value": "ESTSAUTH=\#(cookieJWT); fpc=FAKE-fpc-0000"}"#,
      cookies: #"{"name": "ESTSAUTH", "value": "\#(cookieJWT)"}"#,
      postData:
        #"{"mimeType": "application/x-www-form-urlencoded", "text": "client_id=\#(tenant)&client_secret=\#(secret)&code_verifier=FAKE-verifier-0000&grant_type=client_credentials"}"#,
      responseHeaders: #"{"name": "Content-Type", "value": "application/json"}, "#
        + #"{"name": "Set-Cookie", "value": "fpc=FAKE-fpc-0000; path=/; secure; HttpOnly"}"#,
      content:
        #"{"size": 90, "mimeType": "application/json", "text": "{\"token_type\":\"Bearer\",\"access_token\":\"\#(jwt)\"}"}"#
    ),
    entry(
      "GET",
      "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/c0000000-0000-0000-0000-000000000001/deviceStatuses",
      requestHeaders: #"{"name": "Authorization", "value": "Bearer \#(jwt)"}, "#
        + #"{"name": "Cookie", "value": "session=\#(cookieJWT)"}"#,
      cookies: #"{"name": "session", "value": "\#(cookieJWT)"}"#,
      content:
        #"{"size": 200, "mimeType": "application/json", "encoding": "base64", "text": "\#(Data(#"{"value":[{"id":"x","userPrincipalName":"\#(upn)","givenName":"Plantedgiven0000","status":"compliant"}]}"#.utf8).base64EncodedString())"}"#
    ),
    entry("GET", "https://www.google-analytics.example/collect?v=1"),
    entry(
      "GET", "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations",
      requestHeaders: #"{"name": "Authorization", "value": "Bearer \#(jwt)"}"#,
      content: #"{"size": 5120, "mimeType": "application/json"}"#),
  ])

  static func temporaryFolder() -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-har-cli-\(UUID())")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  static func environment(_ folder: URL, key: String = "FAKE-har-cli-key-0000") -> [String: String] {
    [
      "TAPEDECK_CASSETTES": folder.appendingPathComponent("cassettes").path, "TAPEDECK_REDACTION_KEY": key,
      "GRAPH_TENANT_ID": "", "GRAPH_CLIENT_ID": "", "GRAPH_BASE_URL": "", "GRAPH_AUTHORITY": "",
    ]
  }

  @Test(
    "Planted secrets (bearer token, cookie JWT, client_secret, UPN, tenant id) never reach the cassette or the output")
  func planted() throws {
    let folder = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let har = folder.appendingPathComponent("capture.har")
    try Data(Self.plantedHAR.utf8).write(to: har)
    let outcome = try CommandRunner.run(
      ["har", "import", har.path, "--cassette", "browser/capture"], environment: Self.environment(folder))
    #expect(outcome.status == 0, "\(outcome.errors)")
    let file = folder.appendingPathComponent("cassettes/browser/capture.json")
    let text = try String(contentsOf: file, encoding: .utf8)
    for value in Self.planted {
      #expect(!text.contains(value), "\(value) reached the cassette")
      #expect(!outcome.output.contains(value) && !outcome.errors.contains(value), "\(value) was printed")
    }
    #expect(!text.lowercased().contains("cookie"), "a cookie header reached the cassette")
    #expect(outcome.output.contains("4 entries, 3 kept, 1 dropped"), "\(outcome.output)")
    #expect(outcome.output.contains("dropped 1: not Graph or token traffic (another host) (entry 2)"))
    #expect(outcome.output.contains("interactions[2], entry 3: the archive omitted the response body (5120 bytes)"))
    #expect(outcome.output.contains("left out 3 Cookie/Set-Cookie headers"))
    #expect(outcome.output.contains("imported 3 interactions into"))
    let cassette = try CassetteFile.load(from: file)
    #expect(cassette.source == .live)
    #expect(cassette.interactions[1].response.body?.jsonValue?["value"] != nil)
    #expect(cassette.interactions[2].response.body == nil)
    let audit = try CommandRunner.run(["audit", file.path], environment: Self.environment(folder))
    #expect(audit.status == 0, "\(audit.output)")
  }

  @Test(
    "An import the audit flags writes nothing and leaves the old cassette as it was; findings name places, not values")
  func auditRefuses() throws {
    let folder = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // The recording app's own client id in a request: the preset replaces it in answers only,
    // and the audit flags it anywhere.
    let clientID = "7d9c2b1e-3f4a-4c5d-8e6f-00000000ca02"
    let har = folder.appendingPathComponent("leaky.har")
    try Data(
      Self.archive([
        Self.entry("GET", "https://graph.microsoft.com/v1.0/applications?$filter=appId%20eq%20'\(clientID)'")
      ]).utf8
    ).write(to: har)
    let file = folder.appendingPathComponent("cassettes/leaky.json")
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    let old = try Data(contentsOf: CommandRunner.packageRoot.appendingPathComponent(Self.shipped))
    var environment = Self.environment(folder)
    environment["GRAPH_CLIENT_ID"] = clientID
    // First with no file there: nothing is created.
    let fresh = try CommandRunner.run(["har", "import", har.path, "--cassette", "leaky"], environment: environment)
    #expect(fresh.status == 1, "\(fresh.output)\(fresh.errors)")
    #expect(fresh.output.contains("audit: $.interactions[0].request.url"), "\(fresh.output)")
    #expect(fresh.errors.contains("refused to write"), "\(fresh.errors)")
    #expect(!FileManager.default.fileExists(atPath: file.path))
    #expect(!fresh.output.contains(clientID) && !fresh.errors.contains(clientID))
    // Then over an existing cassette: it is left as it was.
    try old.write(to: file)
    let again = try CommandRunner.run(["har", "import", har.path, "--cassette", "leaky"], environment: environment)
    #expect(again.status == 1, "\(again.errors)")
    #expect(try Data(contentsOf: file) == old)
    let contents = try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)
    #expect(contents == ["leaky.json"], "a temporary file was left: \(contents)")
  }

  @Test(
    "A malformed archive exits 2 naming the file and the JSON path, and writes nothing",
    arguments: [
      (
        #"{"log": {"version": "1.2", "entries": [{"startedDateTime": "yesterday"}]}}"#,
        "at $.log.entries[0].startedDateTime:"
      ),
      (#"{"log": {"version": "1.2", "entries": [{"#, "at line 1, column 41: the file is not valid JSON"),
      (#"{"log": {"entries": []}}"#, #"at $.log: "version" is missing"#),
      ("", "at line 1, column 1: the file is not valid JSON"),
    ])
  func malformed(json: String, expected: String) throws {
    let folder = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let har = folder.appendingPathComponent("broken.har")
    try Data(json.utf8).write(to: har)
    let outcome = try CommandRunner.run(
      ["har", "import", har.path, "--cassette", "broken"], environment: Self.environment(folder))
    #expect(outcome.status == 2)
    #expect(outcome.errors.contains("\(har.path) \(expected)"), "\(outcome.errors)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("cassettes").path))
  }

  @Test("A missing file, and a capture with no Graph traffic, write nothing")
  func nothingToImport() throws {
    let folder = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let missing = try CommandRunner.run(
      ["har", "import", folder.appendingPathComponent("none.har").path, "--cassette", "x"],
      environment: Self.environment(folder))
    #expect(missing.status == 2)
    #expect(missing.errors.contains("none.har: the file cannot be read"), "\(missing.errors)")
    let har = folder.appendingPathComponent("other.har")
    try Data(Self.archive([Self.entry("GET", "https://cdn.example/app.js")]).utf8).write(to: har)
    let other = try CommandRunner.run(
      ["har", "import", har.path, "--cassette", "x"], environment: Self.environment(folder))
    #expect(other.status == 1)
    #expect(other.errors.contains("--all-hosts keeps every host"), "\(other.errors)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("cassettes").path))
    let all = try CommandRunner.run(
      ["har", "import", har.path, "--cassette", "x", "--all-hosts"], environment: Self.environment(folder))
    #expect(all.status == 0, "\(all.errors)")
  }

  @Test("A shipped cassette exported and imported back gives the same interactions; under another key it is refused")
  func roundTrip() throws {
    let folder = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let har = folder.appendingPathComponent("exported.har")
    let export = try CommandRunner.run(["har", "export", Self.shipped, "--output", har.path])
    #expect(export.status == 0, "\(export.errors)")
    let root = try JSONParser.parse(Data(contentsOf: har))
    #expect(root["log"]?["version"] == "1.2")
    #expect(root["log"]?["creator"]?["name"] == "tapedeck")
    #expect(root["log"]?["_tapedeck"]?["source"] == "sandbox")
    let imported = try CommandRunner.run(
      ["har", "import", har.path, "--cassette", "back"], environment: Self.environment(folder, key: Self.shippedKey))
    #expect(imported.status == 0, "\(imported.errors)")
    let original = try CassetteFile.load(from: CommandRunner.packageRoot.appendingPathComponent(Self.shipped))
    let back = try CassetteFile.load(from: folder.appendingPathComponent("cassettes/back.json"))
    #expect(back.interactions == original.interactions)
    #expect(back.source == original.source)
    #expect(back.redactionKeyFingerprint == original.redactionKeyFingerprint)
    let stdout = try CommandRunner.run(["har", "export", Self.shipped])
    #expect(stdout.status == 0)
    #expect(Data(stdout.output.utf8) == (try Data(contentsOf: har)))
    let otherKey = try CommandRunner.run(
      ["har", "import", har.path, "--cassette", "other"], environment: Self.environment(folder))
    #expect(otherKey.status == 2)
    #expect(otherKey.errors.contains("pseudonymized under redaction key"), "\(otherKey.errors)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("cassettes/other.json").path))
  }

  @Test("har export: a missing cassette exits 2")
  func exportMissing() throws {
    let outcome = try CommandRunner.run(["har", "export", "no/such/cassette"])
    #expect(outcome.status == 2)
    #expect(outcome.errors.contains("no cassette no/such/cassette"), "\(outcome.errors)")
  }
}
