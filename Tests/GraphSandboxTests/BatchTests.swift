import Foundation
import GraphSandbox
import Tapedeck
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `POST /{version}/$batch` as Graph answers it.
@Suite("JSON batching")
struct BatchTests {
  static func batch(_ client: SandboxClient, _ requests: [JSONValue], token: String) async throws -> (
    status: Int, body: JSONValue?, response: HTTPURLResponse
  ) {
    let body = String(decoding: JSONWriter.compactData(["requests": .array(requests)]), as: UTF8.self)
    return try await client.send("POST", "/beta/$batch", body: body, token: token)
  }

  static func responses(_ body: JSONValue?) -> [String: JSONValue] {
    guard case .array(let answers)? = body?["responses"] else { return [:] }
    return Dictionary(answers.map { ($0["id"]?.stringValue ?? "", $0) }, uniquingKeysWith: { first, _ in first })
  }

  @Test("Per-request status, headers and body; dependsOn gets 424 when its dependency failed; the order is seeded")
  func statusesAndDependencies() async throws {
    try await withSandbox { sandbox in
      let client = SandboxClient(sandbox: sandbox)
      let token = try await client.accessToken()
      let relative = String(sandbox.samplePaths()[0].dropFirst("/beta".count))
      let requests: [JSONValue] = [
        ["id": "1", "method": "GET", "url": .string(relative + "?$select=status")],
        [
          "id": "2", "method": "PATCH", "url": .string(relative), "headers": ["Content-Type": "application/json"],
          "body": ["status": "compliant"],
        ],
        [
          "id": "3", "method": "PATCH", "url": .string(relative), "headers": ["Content-Type": "application/json"],
          "body": ["status": "bogus"],
        ],
        ["id": "4", "method": "GET", "url": "deviceManagement/deviceConfigurations?$top=1", "dependsOn": ["3"]],
        ["id": "5", "method": "GET", "url": "deviceManagement/deviceCompliancePolicies", "dependsOn": ["2"]],
        ["id": "6", "method": "DELETE", "url": .string(relative)],
      ]
      let answer = try await Self.batch(client, requests, token: token)
      #expect(answer.status == 200)
      let byID = Self.responses(answer.body)
      #expect(byID["1"]?["status"] == .number(JSONNumber(200)))
      #expect(byID["1"]?["body"]?.objectKeys == ["@odata.context", "status"])
      #expect(byID["2"]?["status"] == .number(JSONNumber(200)))
      #expect(byID["2"]?["body"]?["status"] == "compliant")
      #expect(byID["3"]?["status"] == .number(JSONNumber(400)))
      #expect(byID["3"]?["body"]?["error"]?["code"] == "ModelValidationFailure")
      #expect(byID["4"]?["status"] == .number(JSONNumber(424)))
      #expect(byID["4"]?["body"]?["error"]?["code"] == "FailedDependency")
      #expect(byID["5"]?["status"] == .number(JSONNumber(200)))
      #expect(byID["6"]?["status"] == .number(JSONNumber(405)))
      #expect(byID["6"]?["headers"]?["Allow"] == "GET, PATCH")
      let order = { (body: JSONValue?) -> [String] in
        guard case .array(let answers)? = body?["responses"] else { return [] }
        return answers.compactMap { $0["id"]?.stringValue }
      }
      let again = try await Self.batch(client, requests, token: token)
      #expect(order(again.body) == order(answer.body))
      #expect(order(answer.body) != ["1", "2", "3", "4", "5", "6"])
    }
  }

  @Test("A throttled sub-request is a 429 inside the envelope with Retry-After in its headers")
  func throttledInside() async throws {
    var configuration = SandboxConfiguration(seed: 7)
    configuration.throttling?.writesPerApp = 1
    try await withSandbox(configuration) { sandbox in
      let client = SandboxClient(sandbox: sandbox)
      let token = try await client.accessToken()
      let relative = String(sandbox.samplePaths()[0].dropFirst("/beta".count))
      let patch = { (id: String) -> JSONValue in
        [
          "id": .string(id), "method": "PATCH", "url": .string(relative),
          "headers": ["Content-Type": "application/json"], "body": ["status": "compliant"],
        ]
      }
      let answer = try await Self.batch(client, [patch("a"), patch("b")], token: token)
      #expect(answer.status == 200)
      let byID = Self.responses(answer.body)
      #expect(byID["a"]?["status"] == .number(JSONNumber(200)))
      #expect(byID["b"]?["status"] == .number(JSONNumber(429)))
      #expect(byID["b"]?["headers"]?["Retry-After"]?.stringValue.flatMap(Int.init) != nil)
    }
  }

  @Test(
    "Malformed batches are refused whole with 400",
    arguments: [
      (
        21, "Number of requests inside batch exceeds the limit. A batch may carry at most 20 requests; this one has 21."
      ),
      (-1, "Batch request ids must be unique; 'x' appears more than once."),
      (-2, "Invalid batch payload format. The url of request 'x' must be relative, such as /me."),
      (-3, "Request 'x' depends on 'later', which is not an earlier request of the batch."),
    ])
  func malformed(kind: Int, message: String) async throws {
    try await withSandbox { sandbox in
      let client = SandboxClient(sandbox: sandbox)
      let token = try await client.accessToken()
      let get: JSONValue = ["id": "x", "method": "GET", "url": "/deviceManagement/deviceConfigurations"]
      let requests: [JSONValue] =
        switch kind {
        case -1: [get, get]
        case -2: [["id": "x", "method": "GET", "url": "https://graph.microsoft.com/beta/deviceManagement"]]
        case -3: [["id": "x", "method": "GET", "url": "/deviceManagement", "dependsOn": ["later"]]]
        default:
          (0..<kind).map {
            ["id": .string("r\($0)"), "method": "GET", "url": "/deviceManagement/deviceConfigurations"]
          }
        }
      let answer = try await Self.batch(client, requests, token: token)
      #expect(answer.status == 400)
      #expect(answer.body?["error"]?["message"]?.stringValue == message)
    }
  }
}
