// README.md, Journey 1, kept identical to the README: proves the snippet compiles, records and replays.
import Foundation
import GraphContracts
import GraphTenant
import TapedeckTesting
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

// Recording: the `export GRAPH_…` lines `tapedeck sandbox` prints. Replay needs none of them;
// the fallback is the sandbox's fake app (its client id is in the recorded token request).
let tenant =
  (try? TenantConfiguration.fromEnvironment())
  ?? TenantConfiguration(
    tenantID: "00000000-0000-0000-0000-0000000000aa", clientID: "00000000-0000-0000-0000-0000000000bb",
    clientSecret: "sandbox-client-secret-FAKE")

struct Page: Decodable {
  struct Item: Decodable { let id: String }
  let value: [Item]
}

@Suite struct StatusTests {
  // cassettes/StatusTests/patchTheFirst.json: recorded on the first run outside CI,
  // replayed offline on every run after it (and always under CI).
  @Test(.cassette) func patchTheFirst() async throws {
    let session = try cassetteSession()
    let token = try await TokenProvider(tenant: tenant, session: session).token()  // stored as REDACTED
    func send(_ method: String, _ path: String, _ body: String? = nil) async throws -> (Data, URLResponse) {
      var request = URLRequest(url: tenant.graphURL.appendingPathComponent(path))
      request.httpMethod = method
      request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
      if let body {
        request.httpBody = Data(body.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
      }
      return try await session.data(for: request)
    }
    func firstID(_ path: String) async throws -> String {
      let (data, _) = try await send("GET", path)
      return try #require(try JSONDecoder().decode(Page.self, from: data).value.first).id
    }
    let configuration = try await firstID("beta/deviceManagement/deviceConfigurations")
    let statuses = "beta/deviceManagement/deviceConfigurations/\(configuration)/deviceStatuses"
    let status = try await firstID(statuses)  // a pseudonym at replay: sent back as is, it matches
    let (data, response) = try await send("PATCH", "\(statuses)/\(status)", #"{"status":"compliant"}"#)
    expectConforms(response, data, to: .deviceConfigurationDeviceStatus, version: .beta)
  }
}
