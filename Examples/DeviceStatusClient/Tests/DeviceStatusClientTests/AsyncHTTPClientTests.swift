import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Tapedeck
import TapedeckAsyncHTTPClient
import TapedeckTesting
import Testing

/// The same everyday work from code that calls Graph through AsyncHTTPClient: the test hands it
/// a `CassetteHTTPClient` on the test's cassette (Documentation/Clients.md).
@Suite("AsyncHTTPClient on cassettes")
struct AsyncHTTPClientTests {
  /// Sends one request and reads its JSON answer.
  static func send(
    _ http: any HTTPClientExecutor, _ method: HTTPMethod, _ url: String, token: String?,
    form: String? = nil, json: String? = nil
  ) async throws -> (status: UInt, body: JSONValue) {
    var request = HTTPClientRequest(url: url)
    request.method = method
    if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
    if let form {
      request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
      request.body = .bytes(ByteBuffer(string: form))
    }
    if let json {
      request.headers.add(name: "Content-Type", value: "application/json")
      request.body = .bytes(ByteBuffer(string: json))
    }
    let response = try await http.execute(request, timeout: .seconds(30), logger: nil)
    let body = try await response.body.collect(upTo: 1 << 20)
    return (response.status.code, try JSONParser.parse(Data(body.readableBytesView)))
  }

  @Test(.cassette)
  func listThenPatchWithAsyncHTTPClient() async throws {
    let http = CassetteHTTPClient(player: try #require(currentCassette))
    let tenant = Fixtures.tenant
    let form =
      "grant_type=client_credentials&client_id=\(tenant.clientID)&client_secret=\(tenant.clientSecret)"
      + "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"
    let tokenAnswer = try await Self.send(
      http, .POST, tenant.authorityURL.absoluteString + "/\(tenant.tenantID)/oauth2/v2.0/token", token: nil, form: form)
    let token = try #require(tokenAnswer.body["access_token"]?.stringValue)
    let graph = tenant.graphURL.absoluteString + "/beta/deviceManagement/deviceConfigurations"
    let list = try await Self.send(http, .GET, graph + "?$select=id,displayName", token: token)
    guard case .array(let items)? = list.body["value"] else { Issue.record("no configurations"); return }
    let general = try #require(items.first { $0["@odata.type"] == "#microsoft.graph.windows10GeneralConfiguration" })
    let id = try #require(general["id"]?.stringValue)
    let statuses = try await Self.send(http, .GET, graph + "/\(id)/deviceStatuses?$top=1", token: token)
    guard case .array(let page)? = statuses.body["value"], let first = page.first?["id"]?.stringValue else {
      Issue.record("no statuses")
      return
    }
    let updated = try await Self.send(
      http, .PATCH, graph + "/\(id)/deviceStatuses/\(first)", token: token, json: #"{"status":"conflict"}"#)
    #expect(updated.status == 200)
    #expect(updated.body["status"] == "conflict")
    Observations.note("listThenPatchWithAsyncHTTPClient", [list.body, statuses.body, updated.body])
  }
}
