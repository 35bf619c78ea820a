import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

@Suite("tapedeck sandbox, run as a built binary")
struct SandboxCommandTests {
  @Test("It prints a ready environment block and serves tokens on loopback until stopped")
  func serves() async throws {
    let running = try CommandRunner.launch(
      CommandRunner.binary.path, ["sandbox", "--seed", "3"], in: CommandRunner.packageRoot)
    defer { running.process.terminate() }
    var text = ""
    let handle = running.output.fileHandleForReading
    while !text.contains("Press Ctrl-C to stop.") {
      let chunk = handle.availableData
      guard !chunk.isEmpty else { break }
      text += String(decoding: chunk, as: UTF8.self)
    }
    let base = try #require(text.split(separator: "\n").first { $0.hasPrefix("export GRAPH_BASE_URL=") }?.dropFirst(22))
    #expect(base.hasPrefix("http://127.0.0.1:"))
    #expect(text.contains("export GRAPH_CLIENT_SECRET=sandbox-client-secret-FAKE"))
    #expect(text.contains("/microsoft.graph.iosScepCertificateProfile/rootCertificate/deviceStatuses/"))
    var request = URLRequest(url: URL(string: "\(base)/00000000-0000-0000-0000-0000000000aa/oauth2/v2.0/token")!)
    request.httpMethod = "POST"
    let form =
      "client_id=00000000-0000-0000-0000-0000000000bb&client_secret=sandbox-client-secret-FAKE&grant_type=client_credentials"
      + "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"
    request.httpBody = Data(form.utf8)
    let (_, response) = try await URLSession(configuration: .ephemeral).data(for: request)
    #expect((response as? HTTPURLResponse)?.statusCode == 200)
  }

  /// Reads the sandbox's standard output until its last line (or the end).
  static func banner(_ running: CommandRunner.Running) -> String {
    var text = ""
    let handle = running.output.fileHandleForReading
    while !text.contains("Press Ctrl-C to stop.") {
      let chunk = handle.availableData
      guard !chunk.isEmpty else { break }
      text += String(decoding: chunk, as: UTF8.self)
    }
    return text
  }

  @Test("--host ::1 prints bracketed URLs")
  func ipv6Host() throws {
    let running = try CommandRunner.launch(
      CommandRunner.binary.path, ["sandbox", "--host", "::1"], in: CommandRunner.packageRoot)
    defer { running.process.terminate() }
    let text = Self.banner(running)
    if text.isEmpty {
      // No IPv6 loopback here: then the failure must be the clear one, exit 2.
      running.process.waitUntilExit()
      let errors = String(decoding: running.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      #expect(running.process.terminationStatus == 2)
      #expect(errors.contains("could not listen on [::1]:0"), "\(errors)")
      return
    }
    #expect(text.contains("Graph sandbox listening on http://[::1]:"), "\(text)")
    #expect(text.contains("export GRAPH_BASE_URL=http://[::1]:"))
    #expect(text.contains("Token endpoint: http://[::1]:"))
  }

  @Test("A port outside 0…65535 or a taken port exits 2 with a message naming host and port")
  func cannotListen() throws {
    let outOfRange = try CommandRunner.run(["sandbox", "--port", "70000"])
    #expect(outOfRange.status == 2)
    #expect(
      outOfRange.errors.contains("could not listen on 127.0.0.1:70000 (the port is outside 0…65535)"),
      "\(outOfRange.errors)")
    let first = try CommandRunner.launch(CommandRunner.binary.path, ["sandbox"], in: CommandRunner.packageRoot)
    defer { first.process.terminate() }
    let text = Self.banner(first)
    let base = try #require(text.split(separator: "\n").first { $0.hasPrefix("export GRAPH_BASE_URL=") })
    let port = try #require(base.split(separator: ":").last.map(String.init))
    let taken = try CommandRunner.run(["sandbox", "--port", port])
    #expect(taken.status == 2)
    #expect(taken.errors.contains("could not listen on 127.0.0.1:\(port) (Address already in use)"), "\(taken.errors)")
    #expect(taken.output.isEmpty)
  }
}
