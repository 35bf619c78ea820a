import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Tapedeck
import Testing

/// `tapedeck record` against a loopback service whose answers carry planted secrets and personal
/// values in every place we know of: the cassette it writes holds none of them.
@Suite("tapedeck record keeps planted secrets and personal data off disk")
struct RecordPlantedTests {
  static let tenantID = "5c1f0e2a-0b7d-4e8e-9a4f-00000000c001"
  static let clientID = "7d9c2b1e-3f4a-4c5d-8e6f-00000000c002"
  /// A fake, unsigned JWT: `{"alg":"none"}.{"sub":"FAKE-cli"}.FAKE-signature`.
  static let jwt = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJGQUtFLWNsaSJ9.RkFLRS1zaWduYXR1cmU"

  /// The planted values, each with the JSON fragment that carries it in the answer.
  static let planted: [(value: String, json: String)] = [
    ("planted.cli@contoso.example", #""userPrincipalName":"planted.cli@contoso.example""#),
    ("FAKESERIALCLI01", #""serialNumber":"FAKESERIALCLI01""#),
    ("350000000000c03", #""imei":"350000000000c03""#),
    ("00:11:22:33:c0:04", #""wiFiMacAddress":"00:11:22:33:c0:04""#),
    ("FAKE-cli-secret-c05", #""ClientSecret":"FAKE-cli-secret-c05""#),
    ("AKIAFAKE00000000C006", #""note":"key AKIAFAKE00000000C006""#),
    ("FAKEcliAccountKeyC07", #""conn":"AccountName=x;AccountKey=FAKEcliAccountKeyC07==""#),
    ("FAKEPEMCLIC08", #""pem":"-----BEGIN PRIVATE KEY-----\nFAKEPEMCLIC08\n-----END PRIVATE KEY-----""#),
    ("eyJzdWIiOiJGQUtFLWNsaSJ9", #""\#(jwt)":true"#),
    ("c09@contoso.example", #""text":"ask c09@contoso.example""#),
    (tenantID, #""tenant":"in tenant \#(tenantID.uppercased())""#),
  ]

  static func start() async throws -> (port: Int, task: Task<Void, any Error>) {
    let router = Router()
    router.post("/:tenant/oauth2/v2.0/token") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "application/json"],
        body: .init(
          byteBuffer: ByteBuffer(string: #"{"token_type":"Bearer","expires_in":3599,"access_token":"\#(jwt)"}"#)))
    }
    let body = "{" + planted.map(\.json).joined(separator: ",") + "}"
    let answer: @Sendable (Request, BasicRequestContext) async throws -> Response = { _, _ in
      var headers: HTTPFields = [.contentType: "application/json"]
      headers[.wwwAuthenticate] = #"Bearer realm="x", access_token="FAKE-www-cli-c10""#
      headers[HTTPField.Name("x-ms-tenant-id")!] = tenantID
      return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
    router.get("/beta/**", use: answer)
    router.patch("/beta/**", use: answer)
    let ports = AsyncStream<Int>.makeStream()
    var logger = Logger(label: "planted")
    logger.logLevel = .critical
    let app = Application(
      router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
      onServerRunning: { channel in
        ports.continuation.yield(channel.localAddress?.port ?? 0)
        ports.continuation.finish()
      }, logger: logger)
    let task = Task { try await app.runService(gracefulShutdownSignals: []) }
    var iterator = ports.stream.makeAsyncIterator()
    guard let port = await iterator.next(), port > 0 else { throw CancellationError() }
    return (port, task)
  }

  @Test("Every planted answer value, header and id is scrubbed; the audit passes; nothing planted is printed")
  func record() async throws {
    let (port, task) = try await Self.start()
    defer { task.cancel() }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-cli-planted-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenario = CommandRunner.packageRoot.appendingPathComponent(
      "Examples/scenarios/beta/device-configuration-status.json")
    let base = "http://127.0.0.1:\(port)"
    // The command runs on a thread of its own: blocking a concurrency thread could starve the
    // in-process server that has to answer it.
    let arguments = ["record", "--scenario", scenario.path, "--cassette", "planted"]
    let environment = [
      "GRAPH_TENANT_ID": Self.tenantID, "GRAPH_CLIENT_ID": Self.clientID, "GRAPH_CLIENT_SECRET": "FAKE-cli-c11",
      "GRAPH_BASE_URL": base, "GRAPH_AUTHORITY": base, "TAPEDECK_CASSETTES": folder.path,
      "TAPEDECK_REDACTION_KEY": "FAKE-cli-planted-key",
    ]
    let outcome = try await withCheckedThrowingContinuation { continuation in
      Thread { continuation.resume(with: Result { try CommandRunner.run(arguments, environment: environment) }) }
        .start()
    }
    #expect(outcome.status == 0, "\(outcome.output)\(outcome.errors)")
    let file = try String(contentsOf: folder.appendingPathComponent("planted.json"), encoding: .utf8)
    let printed = outcome.output + outcome.errors
    for value in Self.planted.map(\.value) + [Self.clientID, "FAKE-cli-c11", "FAKE-www-cli-c10"] {
      #expect(!file.lowercased().contains(value.lowercased()), "\(value) reached the cassette")
      #expect(!printed.contains(value), "\(value) was printed")
    }
  }
}
