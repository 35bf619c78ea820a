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
    request.httpBody = Data(
      "client_id=00000000-0000-0000-0000-0000000000bb&client_secret=sandbox-client-secret-FAKE&grant_type=client_credentials"
        .utf8)
    let (_, response) = try await URLSession(configuration: .ephemeral).data(for: request)
    #expect((response as? HTTPURLResponse)?.statusCode == 200)
  }
}
