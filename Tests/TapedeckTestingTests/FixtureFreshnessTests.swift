import Foundation
import GraphTenant
import Tapedeck
import TapedeckSupport
import TapedeckTesting
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Expiry, unused interactions and the usage log, as a downstream test meets them.
@Suite("Fixtures that stay true: expiry, unused interactions, the usage log")
struct FixtureFreshnessTests {
  static let name = "sandbox/beta/device-configuration-status"

  /// A copy of the shipped cassette in a folder of its own, its interactions recorded `days` ago.
  static func copy(recordedDaysAgo days: Double) throws -> CassetteDirectory {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-fresh-\(UUID().uuidString)")
    let source = try Shipped.cassettes.fileURL(for: name)
    var cassette = try CassetteFile.load(from: source)
    for index in cassette.interactions.indices {
      cassette.interactions[index].recordedAt = Date().addingTimeInterval(-days * 86_400)
    }
    let directory = CassetteDirectory(url: folder)
    try CassetteFile.save(cassette, to: try directory.fileURL(for: name))
    return directory
  }

  /// Only the token exchange of the three recorded interactions.
  static func tokenOnly(_ session: URLSession) async throws {
    let base = URL(string: "http://127.0.0.1:48080")!
    let tenant = TenantConfiguration(
      tenantID: "00000000-0000-0000-0000-0000000000aa", clientID: "00000000-0000-0000-0000-0000000000bb",
      clientSecret: "sandbox-client-secret-FAKE", graphURL: base, authorityURL: base)
    _ = try await TokenProvider(tenant: tenant, session: session).token()
  }

  @Test("A cassette older than maxAge fails where the mode cannot record, saying what to do")
  func expiredFailsUnderNever() async throws {
    let directory = try Self.copy(recordedDaysAgo: 120)
    defer { try? FileManager.default.removeItem(at: directory.url) }
    let messages = Locked<[String]>([])
    await withKnownIssue {
      _ = try? await withCassetteConfiguration(CassetteConfiguration(maxAge: CassetteAge(days: 90))) {
        try await withCassette(Self.name, record: .never, redactor: Shipped.redactor, directory: directory) { _ in
          await Task.yield()
          return 1
        }
      }
    } matching: { issue in
      messages.withLock { $0.append(issue.description) }
      return true
    }
    let text = messages.withLock { $0.joined() }
    #expect(text.contains("device-configuration-status.json is 120 days old"), "\(text)")
    #expect(
      text.contains("the limit is 90d (maxAge or TAPEDECK_MAX_AGE), and record mode .never does not re-record it"))
    #expect(text.contains("1. Re-record it against a tenant or the sandbox: run the test with TAPEDECK_RECORD=all"))
  }

  @Test("Where the mode can record, an expired cassette is re-recorded whole; a fresh one replays")
  func expiredReRecords() async throws {
    let old = try Self.copy(recordedDaysAgo: 120)
    defer { try? FileManager.default.removeItem(at: old.url) }
    try await withCassetteConfiguration(CassetteConfiguration(maxAge: CassetteAge(days: 90))) {
      try await withCassette(Self.name, record: .once, redactor: Shipped.redactor, directory: old) { _ in
        await Task.yield()
        #expect(currentCassette?.mode == .all)
      }
      let fresh = try Self.copy(recordedDaysAgo: 10)
      defer { try? FileManager.default.removeItem(at: fresh.url) }
      try await withCassette(
        Self.name, record: .once, redactor: Shipped.redactor, allowPlaybackRepeats: true, directory: fresh
      ) { _ in
        await Task.yield()
        #expect(currentCassette?.mode == .once)
      }
    }
  }

  @Test("failsOnUnusedInteractions lists what the test never played, at the test")
  func unusedInteractionsFail() async throws {
    let messages = Locked<[String]>([])
    await withKnownIssue {
      try? await withCassetteConfiguration(CassetteConfiguration(failsOnUnusedInteractions: true)) {
        try await withCassette(
          Self.name, record: .never, redactor: Shipped.redactor, directory: Shipped.cassettes, Self.tokenOnly)
      }
    } matching: { issue in
      messages.withLock { $0.append(issue.description) }
      return true
    }
    let text = messages.withLock { $0.joined() }
    let path = try Shipped.cassettes.fileURL(for: Self.name).path
    #expect(text.contains("Tapedeck: 2 of 3 interactions in \(path) were never played by this test:"), "\(text)")
    #expect(text.contains("  #1 PATCH https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/"))
    #expect(text.contains("  #2 GET https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/"))
    #expect(text.contains("Re-record the cassette so it holds only what the test sends (TAPEDECK_RECORD=all)"))
  }

  @Test("Without the option, unused interactions pass; the usage log records what was opened and played")
  func usageLog() async throws {
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-usage-\(UUID().uuidString).log")
    defer { try? FileManager.default.removeItem(at: log) }
    try await withCassetteConfiguration(CassetteConfiguration(usageLog: log)) {
      try await withCassette(
        Self.name, record: .never, redactor: Shipped.redactor, directory: Shipped.cassettes, Self.tokenOnly)
    }
    let entries = try CassetteUsageLog.read(log)
    #expect(entries.count == 1)
    #expect(entries.first?.cassettePath == (try Shipped.cassettes.fileURL(for: Self.name)).standardizedFileURL.path)
    #expect(entries.first?.interactionCount == 3)
    #expect(entries.first?.played == [0])
    #expect(entries.first?.rewritten == false)
  }

  @Test("Ages parse as days, weeks and hours; anything else is an error naming the variable")
  func ages() throws {
    #expect(CassetteAge(parsing: "90d")?.seconds == 90 * 86_400)
    #expect(CassetteAge(parsing: "12w")?.seconds == 12 * 7 * 86_400)
    #expect(CassetteAge(parsing: "36h")?.seconds == 36 * 3600)
    #expect(CassetteAge(parsing: "30")?.description == "30d")
    #expect(
      CassetteAge(parsing: "soon") == nil && CassetteAge(parsing: "-3d") == nil && CassetteAge(parsing: "") == nil)
    #expect(throws: CassetteAgeError(value: "soon")) { try CassetteAge.fromEnvironment(["TAPEDECK_MAX_AGE": "soon"]) }
    #expect(
      CassetteAgeError(value: "soon").description
        == "TAPEDECK_MAX_AGE=soon is not an age; write it like 90d, 12w or 36h.")
  }
}
