import Foundation
import TapedeckServer
import Testing

/// HTTPS on loopback with the certificate made at start: curl trusts the written authority
/// (`--cacert`) for 127.0.0.1 and localhost; the authority's PEM is all that is written.
@Suite("tapedeck serve --tls")
struct TLSTests {
  static let curl = ["/usr/bin/curl", "/bin/curl"].first { FileManager.default.isExecutableFile(atPath: $0) }

  /// Runs curl and returns what it printed, and its exit status.
  static func run(_ arguments: [String]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(curl))
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = Pipe()
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  @Test("The generated authority is written as PEM and holds no key")
  func certificateFile() async throws {
    let fixture = try ServeFixture()
    defer { fixture.remove() }
    var configuration = fixture.configuration()
    configuration.tls = true
    configuration.certificateOutput = fixture.folder.appendingPathComponent("ca.pem")
    try await withServer(configuration) { client in
      #expect(client.server.baseURL.absoluteString.hasPrefix("https://127.0.0.1:"))
      #expect(client.server.certificateFile == configuration.certificateOutput)
      let pem = try String(contentsOf: try #require(client.server.certificateFile), encoding: .utf8)
      #expect(pem.hasPrefix("-----BEGIN CERTIFICATE-----"))
      #expect(!pem.contains("PRIVATE KEY"))
    }
  }

  @Test("curl --cacert trusts the server on 127.0.0.1 and localhost", .enabled(if: curl != nil))
  func curlTrusts() async throws {
    let fixture = try ServeFixture()
    defer { fixture.remove() }
    var configuration = fixture.configuration()
    configuration.tls = true
    configuration.certificateOutput = fixture.folder.appendingPathComponent("ca.pem")
    try await withServer(configuration) { client in
      let port = client.server.port
      let ca = configuration.certificateOutput!.path
      for host in ["127.0.0.1", "localhost"] {
        let (status, code) = try Self.run([
          "--silent", "--show-error", "--cacert", ca, "--output", "/dev/null", "--write-out", "%{http_code}",
          "https://\(host):\(port)/Admin/IsAlive",
        ])
        #expect(status == 0)
        #expect(code == "200")
      }
      // Without the authority, curl refuses the certificate.
      let (refused, _) = try Self.run(["--silent", "--output", "/dev/null", "https://127.0.0.1:\(port)/Admin/IsAlive"])
      #expect(refused != 0)
    }
  }
}
