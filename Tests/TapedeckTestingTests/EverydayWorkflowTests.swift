import Foundation
import GraphSandbox
import GraphTenant
import HTTPTypes
import Tapedeck
import TapedeckTesting
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The everyday Intune test, as a user writes it: token, list a configuration's statuses,
/// PATCH the first by the id the list gave, GET it again.
@Suite("List, then act on an item: recorded against the sandbox, replayed anywhere")
struct EverydayWorkflowTests {
  struct Seen: Equatable {
    let listedID: String
    let patchedID: String
    let readStatus: String
  }

  static func everyday(_ session: URLSession, tenant: TenantConfiguration) async throws -> Seen {
    let token = try await TokenProvider(tenant: tenant, session: session).token()
    func send(_ method: String, _ path: String, _ body: String? = nil) async throws -> JSONValue {
      var request = URLRequest(url: URL(string: tenant.graphURL.absoluteString + path)!)
      request.httpMethod = method
      request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
      if let body {
        request.httpBody = Data(body.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
      }
      let (data, _) = try await session.data(for: request)
      return try JSONParser.parse(data)
    }
    let configurations = try await send("GET", "/beta/deviceManagement/deviceConfigurations")
    let configuration = try #require(Self.first(configurations)?["id"]?.stringValue)
    let collection = "/beta/deviceManagement/deviceConfigurations/\(configuration)/deviceStatuses"
    let list = try await send("GET", collection)
    let first = try #require(Self.first(list)?["id"]?.stringValue)
    let patched = try await send("PATCH", "\(collection)/\(first)", #"{"status":"nonCompliant"}"#)
    let read = try await send("GET", "\(collection)/\(first)")
    return Seen(
      listedID: first, patchedID: patched["id"]?.stringValue ?? "", readStatus: read["status"]?.stringValue ?? "")
  }

  static func first(_ list: JSONValue) -> JSONValue? {
    guard case .array(let items)? = list["value"] else { return nil }
    return items.first
  }

  static func tenant(_ graphURL: URL) -> TenantConfiguration {
    let app = SandboxConfiguration.defaultApp
    return TenantConfiguration(
      tenantID: app.tenantID, clientID: app.clientID, clientSecret: app.clientSecret, graphURL: graphURL,
      authorityURL: graphURL)
  }

  /// Records the everyday test with `withCassette`'s defaults into a fresh folder.
  static func record(into folder: URL) async throws -> (Seen, String) {
    let sandbox = try await GraphSandbox.start(SandboxConfiguration(seed: 3))
    let seen = try await withCassette("everyday", record: .once, directory: CassetteDirectory(url: folder)) {
      session in try await everyday(session, tenant: tenant(sandbox.graphURL))
    }
    await sandbox.stop()
    return (seen, try String(contentsOf: folder.appendingPathComponent("everyday.json"), encoding: .utf8))
  }

  @Test("Defaults are Graph-safe: no tenant id or personal value on disk, source sandbox, canonical origins")
  func grapheSafeDefaults() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-everyday-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let (seen, file) = try await Self.record(into: folder)
    #expect(seen.patchedID == seen.listedID && seen.readStatus == "nonCompliant")
    for leaked in [SandboxConfiguration.defaultApp.tenantID, "contoso.example", "DESKTOP-", "Adele", "Alex Wilber"] {
      #expect(!file.contains(leaked), "\(leaked) reached the cassette")
    }
    // The test saw what replay will show: the listed id's device GUID is a pseudonym, in the file.
    #expect(Pseudonymizer.looksLikePseudonym(String(seen.listedID.prefix(36))))
    #expect(file.contains(String(seen.listedID.prefix(36))))
    let cassette = try CassetteFile.load(from: folder.appendingPathComponent("everyday.json"))
    #expect(cassette.source == .sandbox)
    #expect(cassette.redactionKeyFingerprint != nil)
    #expect(cassette.interactions.allSatisfy { !$0.request.url.contains("127.0.0.1") })
    #expect(CassetteAudit.findings(in: cassette).isEmpty)
  }

  @Test("Replayed on another port, under another key or none, the ids read from answers match")
  func replaysAnywhere() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-everyday-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try await Self.record(into: folder)
    for key in ["FAKE-another-key", Pseudonymizer.publicFallbackKey] {
      let seen = try await withCassette(
        "everyday", record: .never, redactor: .graph(pseudonymizer: Pseudonymizer(key: key)),
        directory: CassetteDirectory(url: folder)
      ) { session in try await Self.everyday(session, tenant: Self.tenant(URL(string: "http://127.0.0.1:9")!)) }
      // What replay shows is what the cassette holds: the listed id is a pseudonym, sent back as is.
      #expect(seen.patchedID == seen.listedID)
      #expect(Pseudonymizer.looksLikePseudonym(String(seen.listedID.prefix(36))))
      #expect(seen.readStatus == "nonCompliant")
    }
  }

  @Test("A real value sent under another key fails with a message that names the key")
  func foreignKeyMessage() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-everyday-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try await Self.record(into: folder)
    let player = try CassettePlayer(
      cassette: "everyday", record: .never, redactor: .graph(pseudonymizer: Pseudonymizer(key: "FAKE-another-key")),
      directory: CassetteDirectory(url: folder), environment: [:])
    let real =
      "06137449-6e78-4a16-aa02-1d14c639422a_be29bbf3-f331-964c-aacf-f3d236d263cc_36840ccf-1d2c-4603-bc1b-18ede3318ad7"
    let url = "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/x/deviceStatuses/\(real)"
    await #expect(throws: (any Error).self) {
      _ = try await player.response(for: RecordedRequest(method: .get, url: url)) { _ in
        Issue.record("replay-only must not send")
        return RecordedResponse(status: .ok)
      }
    }
    let message = try #require(player.takeUnmatchedRequests().first).description
    #expect(message.contains("this cassette was pseudonymized under redaction key hmac-sha256:"))
    #expect(message.contains("Set TAPEDECK_REDACTION_KEY to the key the cassette was recorded with"))
    #expect(message.contains("are pseudonyms"))

    let appending = try CassettePlayer(
      cassette: "everyday", record: .missing,
      redactor: .graph(pseudonymizer: Pseudonymizer(key: "FAKE-another-key")),
      directory: CassetteDirectory(url: folder),
      environment: [:])
    await #expect(throws: RedactionKeyMismatchError.self) {
      _ = try await appending.response(for: RecordedRequest(method: .get, url: "http://127.0.0.1:9/beta/new")) { _ in
        RecordedResponse(status: .ok)
      }
    }
  }
}
