import Foundation
import Testing

@Suite("tapedeck inspect, run as a built binary")
struct InspectCommandTests {
  static let shipped = "Examples/docs-examples/update-device-configuration-device-status.json"

  @Test("Prints the shipped cassette's interactions as a table")
  func table() throws {
    let outcome = try CommandRunner.run(["inspect", Self.shipped])
    #expect(outcome.status == 0, "\(outcome.errors)")
    let lines = outcome.output.split(separator: "\n")
    #expect(lines.first?.contains("1 interaction, source docs-example") == true)
    #expect(lines.contains { $0.hasPrefix("#  METHOD  URL") && $0.hasSuffix("STATUS  REQUEST BODY  RESPONSE BODY") })
    #expect(
      lines.contains {
        $0.hasPrefix("0  PATCH   https://graph.microsoft.com/beta/deviceManagement/") && $0.contains("200")
          && $0.contains("json 400 B")
      })
  }

  @Test(
    "TAPEDECK_MAX_BODY_BYTES reaches the commands: a body above it is a finding at its JSON path; a bad value exits 2")
  func bodySizeLimit() throws {
    let small = try CommandRunner.run(["inspect", Self.shipped], environment: ["TAPEDECK_MAX_BODY_BYTES": "100"])
    #expect(small.status == 2)
    #expect(small.errors.contains("at $.interactions[0].request.body: the body is"), "\(small.errors)")
    #expect(small.errors.contains("above Tapedeck's body limit of 100 bytes"))
    let verify = try CommandRunner.run(
      ["verify", "Examples/docs-examples", "--format", "json"], environment: ["TAPEDECK_MAX_BODY_BYTES": "100"])
    #expect(verify.status == 1)
    #expect(verify.output.contains("above Tapedeck's body limit of 100 bytes"))
    let bad = try CommandRunner.run(["inspect", Self.shipped], environment: ["TAPEDECK_MAX_BODY_BYTES": "huge"])
    #expect(bad.status == 2)
    #expect(bad.errors.contains("TAPEDECK_MAX_BODY_BYTES=\"huge\" is not a size"), "\(bad.errors)")
  }

  @Test("A cassette name resolves under TAPEDECK_CASSETTES")
  func byName() throws {
    let outcome = try CommandRunner.run(
      ["inspect", "sandbox/beta/device-configuration-status"],
      environment: ["TAPEDECK_CASSETTES": CommandRunner.packageRoot.appendingPathComponent("cassettes").path])
    #expect(outcome.status == 0, "\(outcome.errors)")
  }

  @Test(
    "Bad input exits 2 with a message naming the file and place",
    arguments: [
      (["inspect", "no-such-cassette"], "no cassette no-such-cassette"),
      (["inspect", "../escape"], "Refused cassette name \"../escape\""),
      (["inspect"], "Missing expected argument"),
      (["inspect", "--bogus", "x"], "Unknown option '--bogus'"),
    ])
  func badInput(arguments: [String], message: String) throws {
    let outcome = try CommandRunner.run(arguments)
    #expect(outcome.status == 2)
    #expect(outcome.errors.contains(message), "\(outcome.errors)")
  }

  @Test("A malformed cassette exits 2 naming the line and column")
  func malformed() throws {
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
      "tapedeck-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("broken.json")
    try Data("{\n  \"version\": 1,\n  \"name\": ".utf8).write(to: file)
    let outcome = try CommandRunner.run(["inspect", file.path])
    #expect(outcome.status == 2)
    #expect(
      outcome.errors.contains("\(file.path) at line 3, column 11: the file is not valid JSON"), "\(outcome.errors)")
  }

  @Test("--help lists the subcommands")
  func help() throws {
    let outcome = try CommandRunner.run(["--help"])
    #expect(outcome.status == 0)
    #expect(outcome.output.contains("inspect") && outcome.output.contains("format"))
  }
}
