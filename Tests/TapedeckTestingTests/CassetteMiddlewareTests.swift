import Foundation
import HTTPTypes
import OpenAPIRuntime
import Tapedeck
import TapedeckOpenAPI
import Testing

@Suite("The OpenAPI middleware replays through a cassette")
struct CassetteMiddlewareTests {
  @Test("A PATCH through the middleware replays offline; the transport is never called; a miss throws")
  func replay() async throws {
    let player = try CassettePlayer(
      cassette: "sandbox/beta/device-configuration-status", record: .never, redactor: Shipped.redactor,
      directory: Shipped.cassettes, environment: [:])
    let middleware = CassetteMiddleware(player: player)
    let scenario = "beta/device-configuration-status"
    let path = try Shipped.path(scenario)
    var request = HTTPRequest(method: .patch, scheme: nil, authority: nil, path: path)
    request.headerFields[.contentType] = "application/json"
    let body = HTTPBody(#"{"status":"\#(try Shipped.status(scenario))"}"#)
    let (response, responseBody) = try await middleware.intercept(
      request, body: body, baseURL: URL(string: "http://127.0.0.1:48080")!, operationID: "updateStatus"
    ) { _, _, _ in
      Issue.record("the transport must not be called in .never")
      return (HTTPResponse(status: .internalServerError), nil)
    }
    #expect(response.status == .ok)
    let data = try await Data(collecting: try #require(responseBody), upTo: 1 << 20)
    #expect(try JSONParser.parse(data)["status"] == .string(try Shipped.status(scenario)))

    let unknown = HTTPRequest(
      method: .get, scheme: nil, authority: nil, path: "/beta/deviceManagement/deviceConfigurations/x/deviceStatuses/y")
    await #expect(throws: UnmatchedRequestError.self) {
      _ = try await middleware.intercept(
        unknown, body: nil, baseURL: URL(string: "http://127.0.0.1:48080")!, operationID: "status"
      ) {
        _, _, _ in (HTTPResponse(status: .ok), nil)
      }
    }
  }
}
