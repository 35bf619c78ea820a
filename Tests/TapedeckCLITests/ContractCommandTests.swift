import Foundation
import Testing

@Suite("tapedeck validate and tapedeck endpoints, run as a built binary")
struct ContractCommandTests {
  static func write(_ text: String) throws -> URL {
    let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
      "tapedeck-body-\(UUID().uuidString).json")
    try Data(text.utf8).write(to: file)
    return file
  }

  @Test("A conforming body exits 0; violations are printed with their JSON path and exit 1")
  func validate() throws {
    let good = try Self.write(
      #"{"id":"a","status":"compliant","platform":0,"lastReportedDateTime":"2026-11-22T10:00:00Z"}"#)
    defer { try? FileManager.default.removeItem(at: good) }
    let passed = try CommandRunner.run(["validate", "--type", "deviceConfigurationDeviceStatus", good.path])
    #expect(passed.status == 0, "\(passed.output)\(passed.errors)")
    #expect(passed.output.contains("conforms to microsoft.graph.deviceConfigurationDeviceStatus (beta)"))

    let failed = try CommandRunner.run([
      "validate", "--type", "deviceConfigurationDeviceStatus", "--graph-version", "v1.0", "--request", good.path,
    ])
    #expect(failed.status == 1)
    #expect(
      failed.output.contains("$.platform: unknownProperty: expected a property of deviceConfigurationDeviceStatus"))
    #expect(failed.errors.contains("1 violation found."))
  }

  @Test(
    "A non-JSON body, an unknown type and an unknown version exit 2 with a clear message",
    arguments: [
      (["--type", "deviceConfigurationDeviceStatus"], "not JSON: line 1, column 1"),
      (["--type", "noSuchType"], "no type microsoft.graph.noSuchType"),
      (["--type", "deviceConfigurationDeviceStatus", "--graph-version", "v2"], "--graph-version"),
    ])
  func badInput(options: [String], message: String) throws {
    let body = try Self.write("<xml/>")
    defer { try? FileManager.default.removeItem(at: body) }
    let outcome = try CommandRunner.run(["validate"] + options + [body.path])
    #expect(outcome.status == 2)
    #expect(outcome.errors.contains(message), "\(outcome.errors)")
  }

  @Test("endpoints lists every documented template and which resolve")
  func endpoints() throws {
    let outcome = try CommandRunner.run(["endpoints"])
    #expect(outcome.status == 0)
    #expect(outcome.output.components(separatedBy: "\nPATCH ").count == 14)
    #expect(outcome.output.components(separatedBy: "beta: resolves to").count - 1 == 10)
    #expect(outcome.output.contains("a PATCH on a collection is not an entity update"))
  }
}
