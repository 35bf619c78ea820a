import Foundation
import HTTPTypes
import Tapedeck
import Testing

@Suite("tapedeck verify recognises the reads a real client makes, and a team's own endpoints")
struct VerifyReadsTests {
  static let graph = "https://graph.microsoft.com/beta/deviceManagement"
  static let status: JSONValue = [
    "id": "s-1", "status": "compliant", "deviceDisplayName": "device-0123456789abcdef01234567",
  ]

  static func interaction(_ method: HTTPRequest.Method, _ url: String, _ body: JSONValue) -> Interaction {
    Interaction(
      recordedAt: Date(timeIntervalSince1970: 1_790_000_000),
      request: RecordedRequest(method: method, url: url),
      response: RecordedResponse(status: .ok, headers: [.contentType: "application/json"], body: .json(body)))
  }

  static func write(_ interactions: [Interaction], in folder: URL) throws {
    let cassette = Cassette(name: "reads", source: .handWritten, interactions: interactions)
    try CassetteFile.save(cassette, to: folder.appendingPathComponent("reads.json"))
  }

  @Test("Lists, items and status collections verify; a list with an invalid item is named by its path")
  func reads() throws {
    let folder = try VerifyCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.write(
      [
        Self.interaction(.get, "\(Self.graph)/deviceConfigurations", ["value": [["id": "c-1"]]]),
        Self.interaction(.get, "\(Self.graph)/deviceCompliancePolicies/p-1", ["id": "p-1"]),
        Self.interaction(.get, "\(Self.graph)/deviceConfigurations/c-1/deviceStatuses", ["value": [Self.status]]),
        Self.interaction(.get, "\(Self.graph)/deviceConfigurations/c-1/deviceStatuses/s-1", Self.status),
        Self.interaction(
          .get, "\(Self.graph)/deviceCompliancePolicies/p-1/deviceStatuses",
          ["value": [["id": "s-2", "status": "String"]]]),
      ], in: folder)
    let outcome = try CommandRunner.run(["verify", folder.path])
    #expect(outcome.status == 1)
    #expect(outcome.output.contains("$.interactions[4].response.body.json.value[0].status"), "\(outcome.output)")
    #expect(!outcome.output.contains("PATCH"), "\(outcome.output)")
    #expect(outcome.output.contains("1 with findings"))
  }

  @Test("An undocumented read is named with its method; an allow-list entry with a reason accepts it")
  func allowList() throws {
    let folder = try VerifyCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.write([Self.interaction(.get, "\(Self.graph)/managedDevices/d-1", ["id": "d-1"])], in: folder)
    let refused = try CommandRunner.run(["verify", folder.path])
    #expect(refused.status == 1)
    #expect(
      refused.output.contains(
        "GET https://graph.microsoft.com/beta/deviceManagement/managedDevices/d-1 is not a documented read"))
    let allow = folder.appendingPathComponent("endpoints.json")
    try Data(
      #"{"version":1,"allow":[{"method":"GET","path":"/beta/deviceManagement/managedDevices/{id}","reason":"the client reads the device first"}]}"#
        .utf8
    ).write(to: allow)
    let allowed = try CommandRunner.run([
      "verify", folder.appendingPathComponent("reads.json").path, "--allow-endpoints", allow.path,
    ])
    #expect(allowed.status == 0, "\(allowed.output)\(allowed.errors)")
    try Data(#"{"version":1,"allow":[{"method":"GET","path":"/beta/x"}]}"#.utf8).write(to: allow)
    let unreasoned = try CommandRunner.run([
      "verify", folder.appendingPathComponent("reads.json").path, "--allow-endpoints", allow.path,
    ])
    #expect(unreasoned.status == 2)
    #expect(
      unreasoned.errors.contains("$.allow[0].reason: every allowed endpoint needs a reason"), "\(unreasoned.errors)")
  }
}
