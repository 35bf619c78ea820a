import Foundation
import HTTPTypes
import Testing

@testable import Tapedeck

/// The HAR model and its mapping to cassettes: what an import keeps, drops and notes, the
/// errors a malformed archive gives, and export followed by import giving the same interactions.
@Suite("HAR 1.2 in and out")
struct HARTests {
  /// A fake, unsigned JWT: `{"alg":"none"}.{"sub":"FAKE-har"}.FAKE-signature`.
  static let jwt = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJGQUtFLWhhciJ9.RkFLRS1zaWduYXR1cmU"

  /// A capture shaped like a browser's: HTTP/2 pseudo-headers, session cookies, a CORS
  /// preflight, an analytics call, a blocked request, a base64 body and an omitted one.
  static let browserHAR = """
    {"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"}, "pages": [],
     "entries": [
      {"startedDateTime": "2026-11-22T11:00:00.250+01:00", "time": 12.5,
       "request": {"method": "POST", "url": "https://login.microsoftonline.com/contoso.example/oauth2/v2.0/token",
        "httpVersion": "http/2.0", "cookies": [{"name": "ESTSAUTH", "value": "\(jwt)"}],
        "headers": [{"name": ":authority", "value": "login.microsoftonline.com"},
                    {"name": "content-type", "value": "application/x-www-form-urlencoded"},
                    {"name": "cookie", "value": "ESTSAUTH=\(jwt)"}],
        "queryString": [], "headersSize": -1, "bodySize": 80,
        "postData": {"mimeType": "application/x-www-form-urlencoded",
          "text": "client_id=00000000-0000-0000-0000-0000000000bb&client_secret=FAKE-secret-0000&grant_type=client_credentials"}},
       "response": {"status": 200, "statusText": "", "httpVersion": "http/2.0",
        "cookies": [{"name": "fpc", "value": "FAKE-cookie-0000"}],
        "headers": [{"name": "content-type", "value": "application/json; charset=utf-8"},
                    {"name": "set-cookie", "value": "fpc=FAKE-cookie-0000; path=/"},
                    {"name": "content-encoding", "value": "gzip"}],
        "content": {"size": 60, "mimeType": "application/json",
          "text": "{\\"token_type\\":\\"Bearer\\",\\"access_token\\":\\"\(jwt)\\"}"},
        "redirectURL": "", "headersSize": -1, "bodySize": -1},
       "cache": {}, "timings": {"send": 0, "wait": 12, "receive": 0.5}},
      {"startedDateTime": "2026-11-22T10:00:01Z", "time": 1,
       "request": {"method": "OPTIONS", "url": "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations",
        "httpVersion": "http/2.0", "cookies": [], "headers": [{"name": "access-control-request-method", "value": "GET"}],
        "queryString": [], "headersSize": -1, "bodySize": 0},
       "response": {"status": 204, "statusText": "", "httpVersion": "http/2.0", "cookies": [], "headers": [],
        "content": {"size": 0, "mimeType": "x-unknown"}, "redirectURL": "", "headersSize": -1, "bodySize": 0},
       "cache": {}, "timings": {"send": 0, "wait": 1, "receive": 0}},
      {"startedDateTime": "2026-11-22T10:00:02Z", "time": 1,
       "request": {"method": "GET", "url": "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations?$top=1",
        "httpVersion": "http/2.0", "cookies": [],
        "headers": [{"name": "authorization", "value": "Bearer \(jwt)"}, {"name": "accept", "value": "application/json"}],
        "queryString": [{"name": "$top", "value": "1"}], "headersSize": -1, "bodySize": 0},
       "response": {"status": 200, "statusText": "OK", "httpVersion": "http/2.0", "cookies": [],
        "headers": [{"name": "content-type", "value": "application/json"}],
        "content": {"size": 4000, "mimeType": "application/json"}, "redirectURL": "", "headersSize": -1, "bodySize": -1},
       "cache": {}, "timings": {"send": 0, "wait": 1, "receive": 0}},
      {"startedDateTime": "2026-11-22T10:00:03Z", "time": 1,
       "request": {"method": "GET", "url": "https://browser.events.data.microsoft.example/collect",
        "httpVersion": "http/2.0", "cookies": [], "headers": [], "queryString": [], "headersSize": -1, "bodySize": 0},
       "response": {"status": 200, "statusText": "", "httpVersion": "http/2.0", "cookies": [], "headers": [],
        "content": {"size": 0, "mimeType": ""}, "redirectURL": "", "headersSize": -1, "bodySize": 0},
       "cache": {}, "timings": {"send": 0, "wait": 1, "receive": 0}},
      {"startedDateTime": "2026-11-22T10:00:04Z", "time": 0,
       "request": {"method": "GET", "url": "https://graph.microsoft.com/v1.0/me/photo/$value",
        "httpVersion": "", "cookies": [], "headers": [], "queryString": [], "headersSize": -1, "bodySize": 0},
       "response": {"status": 0, "statusText": "", "httpVersion": "", "cookies": [], "headers": [],
        "content": {"size": 0, "mimeType": ""}, "redirectURL": "", "headersSize": -1, "bodySize": -1, "_error": "net::ERR_BLOCKED_BY_CLIENT"},
       "cache": {}, "timings": {"send": 0, "wait": 0, "receive": 0}},
      {"startedDateTime": "2026-11-22T10:00:05Z", "time": 1,
       "request": {"method": "GET", "url": "https://graph.microsoft.us/v1.0/deviceManagement/managedDevices/x/logo",
        "httpVersion": "http/2.0", "cookies": [], "headers": [], "queryString": [], "headersSize": -1, "bodySize": 0},
       "response": {"status": 200, "statusText": "", "httpVersion": "http/2.0", "cookies": [],
        "headers": [{"name": "content-type", "value": "image/png"}],
        "content": {"size": 4, "mimeType": "image/png", "text": "iVBORw==", "encoding": "base64"},
        "redirectURL": "", "headersSize": -1, "bodySize": -1},
       "cache": {}, "timings": {"send": 0, "wait": 1, "receive": 0}},
      {"startedDateTime": "2026-11-22T10:00:06Z", "time": 1,
       "request": {"method": "GET", "url": "https://graph.microsoft.com/$metadata",
        "httpVersion": "http/2.0", "cookies": [], "headers": [], "queryString": [], "headersSize": -1, "bodySize": 0},
       "response": {"status": 200, "statusText": "", "httpVersion": "http/2.0", "cookies": [], "headers": [],
        "content": {"size": 0, "mimeType": ""}, "redirectURL": "", "headersSize": -1, "bodySize": 0},
       "cache": {}, "timings": {"send": 0, "wait": 1, "receive": 0}}
     ]}}
    """

  static func browserArchive() throws -> HARArchive {
    try HARArchive.decode(Data(browserHAR.utf8), path: "browser.har")
  }

  @Test(
    "Graph and token traffic is kept; preflights, other hosts, blocked calls and other Graph paths are dropped, each with its reason"
  )
  func keepsGraphAndToken() throws {
    let imported = HARImport(try Self.browserArchive(), origins: HARImport.origins(environment: [:]))
    #expect(imported.exchanges.map(\.entryIndex) == [0, 2, 5])
    #expect(
      imported.dropped == [
        .init(entryIndex: 1, reason: .corsPreflight), .init(entryIndex: 3, reason: .otherHost),
        .init(entryIndex: 4, reason: .noResponse), .init(entryIndex: 6, reason: .notGraphVersion),
      ])
    let all = HARImport(try Self.browserArchive(), keepingAllHosts: true, origins: HARImport.origins(environment: [:]))
    #expect(all.exchanges.map(\.entryIndex) == [0, 2, 3, 5, 6])
  }

  @Test("Dates with offsets and fractions, base64 bodies, omitted bodies, headers a cassette never holds")
  func mapsEntries() throws {
    let imported = HARImport(try Self.browserArchive(), origins: HARImport.origins(environment: [:]))
    let token = imported.exchanges[0].interaction
    #expect(token.recordedAt == Date(timeIntervalSince1970: 1_795_341_600))
    #expect(token.request.method == .post)
    #expect(token.request.headers[.cookie] == nil)
    #expect(token.request.headers.contains { $0.name.rawName.hasPrefix(":") } == false)
    #expect(token.response.headers[.setCookie] == nil)
    #expect(token.response.headers[.contentEncoding] == nil)
    #expect(token.request.body?.encodingName == "text")
    #expect(token.response.body?.jsonValue?["token_type"] == "Bearer")
    #expect(imported.cookieHeadersDropped == 2)
    let omitted = imported.exchanges[1].interaction
    #expect(omitted.response.body == nil)
    #expect(
      imported.notes.contains { $0.entryIndex == 2 && $0.text.contains("omitted the response body (4000 bytes)") })
    let logo = imported.exchanges[2].interaction
    #expect(logo.response.body == .base64(Data([0x89, 0x50, 0x4E, 0x47])))
    // A national cloud's Graph host is stored under the canonical origin.
    let origins = HARImport.origins(environment: [:])
    #expect(
      origins.canonical(logo.request.url) == "https://graph.microsoft.com/v1.0/deviceManagement/managedDevices/x/logo")
  }

  @Test("Recorded through a player: scrubbed like a live recording, and no cookie or planted secret reaches the file")
  func recordsScrubbed() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-har-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let player = try CassettePlayer(
      cassette: "browser", record: .all, source: nil, directory: CassetteDirectory(url: folder),
      liveRequestGuard: .unrestricted, origins: HARImport.origins(environment: [:]), environment: [:])
    player.recordImported(HARImport(try Self.browserArchive(), origins: player.origins))
    try player.finish()
    let text = try String(contentsOf: folder.appendingPathComponent("browser.json"), encoding: .utf8)
    for planted in ["eyJ", "FAKE-secret-0000", "FAKE-cookie-0000", "ESTSAUTH", "fpc=", "graph.microsoft.us"] {
      #expect(!text.contains(planted), "\(planted) reached the cassette")
    }
    let saved = try CassetteFile.load(from: folder.appendingPathComponent("browser.json"))
    #expect(saved.source == .live)
    #expect(saved.interactions.count == 3)
  }

  @Test("Export then import gives the same interactions: JSON, text and binary bodies, queries, 204s, header order")
  func roundTrip() throws {
    let date = Date(timeIntervalSince1970: 1_795_827_600)
    let cassette = Cassette(
      name: "round/trip", source: .sandbox,
      interactions: [
        Interaction(
          recordedAt: date,
          request: RecordedRequest(
            method: .post, url: "https://login.microsoftonline.com/REDACTED/oauth2/v2.0/token",
            headers: [.contentType: "application/x-www-form-urlencoded"],
            body: .text("client_id=REDACTED&grant_type=client_credentials")),
          response: RecordedResponse(
            status: .ok, headers: [.contentType: "application/json"],
            body: .json(["access_token": "REDACTED", "expires_in": 3599, "ratio": 1.50]))),
        Interaction(
          recordedAt: date.addingTimeInterval(1),
          request: RecordedRequest(
            method: .get,
            url: "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations?$top=2&$filter=a%20eq%20'b'",
            headers: [.authorization: "REDACTED", .accept: "application/json", HTTPField.Name("X-Two")!: "2"]),
          response: RecordedResponse(
            status: .ok, headers: [:], body: .json(["value": [["id": "x", "n": nil, "b": true]]]))),
        Interaction(
          recordedAt: date.addingTimeInterval(2),
          request: RecordedRequest(
            method: .patch, url: "https://graph.microsoft.com/beta/deviceManagement/x", headers: [:],
            body: .json(["status": "compliant"])),
          response: RecordedResponse(status: .noContent)),
        Interaction(
          recordedAt: date.addingTimeInterval(3),
          request: RecordedRequest(method: .get, url: "https://graph.microsoft.com/v1.0/x/$value"),
          response: RecordedResponse(
            status: .ok, headers: [.contentType: "text/plain"], body: .base64(Data([0xFF, 0x00, 0x41])))),
        Interaction(
          recordedAt: date.addingTimeInterval(4),
          request: RecordedRequest(method: .get, url: "https://graph.microsoft.com/v1.0/x/notes"),
          response: RecordedResponse(
            status: .badRequest, headers: [.contentType: "application/json"], body: .text("{not json"))),
      ], redactionKeyFingerprint: "hmac-sha256:0000000000000000")
    let bytes = HARExport.archive(of: cassette).encoded()
    let archive = try HARArchive.decode(bytes, path: "round.har")
    let imported = HARImport(archive, origins: HARImport.origins(environment: [:]))
    #expect(imported.dropped.isEmpty)
    #expect(imported.notes.isEmpty)
    #expect(imported.exchanges.map(\.interaction) == cassette.interactions)
    #expect(imported.claimedSource == .sandbox)
    #expect(imported.redactionKeyFingerprint == "hmac-sha256:0000000000000000")
  }

  @Test("The export is HAR 1.2: version, creator, every required field, cookies empty, _tapedeck fields")
  func exportShape() throws {
    let cassette = Cassette(
      name: "shape", source: .live,
      interactions: [
        Interaction(
          recordedAt: Date(timeIntervalSince1970: 0),
          request: RecordedRequest(method: .get, url: "https://graph.microsoft.com/v1.0/a?b=c%20d"),
          response: RecordedResponse(status: .ok, headers: [.contentType: "application/json"], body: .json([:])))
      ])
    let root = try JSONParser.parse(HARExport.archive(of: cassette).encoded())
    let log = try #require(root["log"])
    #expect(log["version"] == "1.2")
    #expect(log["creator"]?["name"] == "tapedeck")
    #expect(log["_tapedeck"]?["cassette"] == "shape")
    #expect(log["_tapedeck"]?["source"] == "live")
    guard case .array(let entries)? = log["entries"], let entry = entries.first else {
      Issue.record("no entries")
      return
    }
    #expect(entry["startedDateTime"] == "1970-01-01T00:00:00.000Z")
    for key in ["time", "request", "response", "cache", "timings"] { #expect(entry[key] != nil, "entry.\(key)") }
    for key in ["method", "url", "httpVersion", "cookies", "headers", "queryString", "headersSize", "bodySize"] {
      #expect(entry["request"]?[key] != nil, "request.\(key)")
    }
    for key in [
      "status", "statusText", "httpVersion", "cookies", "headers", "content", "redirectURL", "headersSize", "bodySize",
    ] {
      #expect(entry["response"]?[key] != nil, "response.\(key)")
    }
    #expect(entry["request"]?["cookies"] == [])
    #expect(entry["request"]?["queryString"] == [["name": "b", "value": "c d"]])
    #expect(entry["response"]?["content"]?["mimeType"] == "application/json")
    #expect(entry["response"]?["content"]?["size"] == 2)
    #expect(entry["response"]?["statusText"] == "OK")
    for key in ["send", "wait", "receive"] { #expect(entry["timings"]?[key] != nil, "timings.\(key)") }
  }

  @Test(
    "A malformed archive names the file and the JSON path",
    arguments: [
      (#"{"log": {"version": "1.2", "entries": [{}]}}"#, "$.log.entries[0]", "startedDateTime"),
      (#"{"log": {"version": "1.2"}}"#, "$.log", "entries"),
      (#"{"log": {"version": "2.0", "entries": []}}"#, "$.log.version", "1.2"),
      (#"[]"#, "$", "object"),
      (
        #"{"log": {"version": "1.2", "entries": [{"startedDateTime": "2026-01-01T00:00:00Z", "request": {"method": "GET", "url": "https://graph.microsoft.com/v1.0/a", "headers": {}}, "response": {}}]}}"#,
        "$.log.entries[0].request.headers", "array"
      ),
      (
        #"{"log": {"version": "1.2", "entries": [{"startedDateTime": "2026-01-01T00:00:00Z", "request": {"method": "G T", "url": "u", "headers": []}, "response": {}}]}}"#,
        "$.log.entries[0].request.method", "method"
      ),
      (
        #"{"log": {"version": "1.2", "entries": [{"startedDateTime": "2026-01-01T00:00:00Z", "request": {"method": "GET", "url": "u", "headers": []}, "response": {"status": 200, "headers": [], "content": {"text": "%%%", "encoding": "base64"}}}]}}"#,
        "$.log.entries[0].response.content.text", "base64"
      ),
      (
        #"{"log": {"version": "1.2", "entries": [{"startedDateTime": "2026-01-01T00:00:00Z", "request": {"method": "GET", "url": "u", "headers": []}, "response": {"status": 200.5, "headers": [], "content": {}}}]}}"#,
        "$.log.entries[0].response.status", "integer"
      ),
      (#"{"log": {"version": "1.2", "entries": [}"#, "line 1, column 40", "JSON"),
    ])
  func malformed(json: String, location: String, mentions: String) {
    #expect {
      _ = try HARArchive.decode(Data(json.utf8), path: "bad.har")
    } throws: { error in
      guard let error = error as? HARFormatError else { return false }
      return error.location == location && error.problem.contains(mentions)
        && error.description.hasPrefix("bad.har at \(location): ")
    }
  }

  @Test("Every truncation and byte flip of a valid archive decodes or fails cleanly, never crashes")
  func truncations() throws {
    let bytes = Array(Self.browserHAR.utf8)
    for cut in stride(from: 0, to: bytes.count, by: 7) {
      _ = try? HARArchive.decode(Data(bytes[..<cut]), path: "cut.har")
    }
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<300 {
      var copy = bytes
      copy[Int.random(in: 0..<copy.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
      if let archive = try? HARArchive.decode(Data(copy), path: "flip.har") {
        _ = HARImport(archive, keepingAllHosts: true)
      }
    }
  }

  @Test(
    "startedDateTime: Z, offsets with and without a colon, fractions of any length",
    arguments: [
      ("2026-11-22T10:00:00Z", 1_795_341_600.0), ("2026-11-22T10:00:00.5Z", 1_795_341_600.5),
      ("2026-11-22T11:30:00+01:30", 1_795_341_600.0), ("2026-11-22T08:00:00.000-0200", 1_795_341_600.0),
      ("2026-11-22T10:00:00.123456+00:00", 1_795_341_600.123456),
    ])
  func dates(text: String, seconds: Double) throws {
    let date = try #require(HARDate.parse(text))
    #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_01)
  }

  @Test(
    "Not dates", arguments: ["2026-11-22", "2026-11-22T10:00:00", "2026-11-22T10:00:00+1", "2026-13-01T00:00:00Z", "x"])
  func notDates(text: String) {
    #expect(HARDate.parse(text) == nil)
  }
}
