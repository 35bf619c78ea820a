import Foundation
import GraphSandbox
import Tapedeck
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whether this machine can bind IPv6 loopback (`::1`).
let ipv6LoopbackAvailable: Bool = {
  let descriptor = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
  guard descriptor >= 0 else { return false }
  defer { close(descriptor) }
  var address = sockaddr_in6()
  address.sin6_family = sa_family_t(AF_INET6)
  address.sin6_addr = in6addr_loopback
  return withUnsafePointer(to: &address) { pointer in
    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
      bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) == 0
    }
  }
}()

@Suite("The sandbox starts or says why it cannot, at once")
struct SandboxStartTests {
  static func startError(_ configuration: SandboxConfiguration) async -> SandboxStartError? {
    do {
      let sandbox = try await GraphSandbox.start(configuration)
      await sandbox.stop()
      return nil
    } catch {
      return error as? SandboxStartError
    }
  }

  @Test(
    "An IPv6 host is bracketed in its URLs, and tokens work there",
    .enabled(if: ipv6LoopbackAvailable, "this machine cannot bind ::1"))
  func ipv6Host() async throws {
    var configuration = SandboxConfiguration(seed: 7)
    configuration.host = "::1"
    try await withSandbox(configuration) { sandbox in
      #expect(sandbox.graphURL.absoluteString == "http://[::1]:\(sandbox.port)")
      #expect(sandbox.authorityURL.absoluteString == "http://[::1]:\(sandbox.port)")
      // swift-corelibs-foundation's URLSession refuses IPv6 literals (NSURLErrorBadURL), so this
      // speaks HTTP/1.1 over a socket.
      let app = SandboxConfiguration.defaultApp
      let form =
        "client_id=\(app.clientID)&client_secret=\(app.clientSecret)&grant_type=client_credentials"
        + "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"
      let answer = try await Self.post(
        "/\(app.tenantID)/oauth2/v2.0/token", form: form, toIPv6Loopback: sandbox.port)
      #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer)")
      #expect(answer.contains(#""token_type":"Bearer""#))
    }
  }

  /// Sends a form POST to `[::1]:port` and returns the whole answer. The blocking socket calls
  /// run on a thread of their own: on a concurrency thread they could starve the in-process
  /// sandbox that must answer them.
  static func post(_ path: String, form: String, toIPv6Loopback port: Int) async throws -> String {
    try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread {
        continuation.resume(with: Result { try blockingPost(path, form: form, toIPv6Loopback: port) })
      }
    }
  }

  static func blockingPost(_ path: String, form: String, toIPv6Loopback port: Int) throws -> String {
    let descriptor = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw POSIXError(.EIO) }
    defer { close(descriptor) }
    var address = sockaddr_in6()
    address.sin6_family = sa_family_t(AF_INET6)
    address.sin6_addr = in6addr_loopback
    address.sin6_port = UInt16(port).bigEndian
    let connected = withUnsafePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) == 0
      }
    }
    guard connected else { throw POSIXError(.ECONNREFUSED) }
    let request =
      "POST \(path) HTTP/1.1\r\nHost: [::1]:\(port)\r\nContent-Type: application/x-www-form-urlencoded\r\n"
      + "Content-Length: \(form.utf8.count)\r\nConnection: close\r\n\r\n\(form)"
    let bytes = Array(request.utf8)
    guard write(descriptor, bytes, bytes.count) == bytes.count else { throw POSIXError(.EIO) }
    var answer: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = read(descriptor, &chunk, chunk.count)
      if count <= 0 { break }
      answer += chunk[..<count]
    }
    return String(decoding: answer, as: UTF8.self)
  }

  @Test("A port outside 0…65535 is an error, not another port", arguments: [70_000, -1, 65_536])
  func portOutOfRange(port: Int) async throws {
    var configuration = SandboxConfiguration()
    configuration.port = port
    let error = try #require(await Self.startError(configuration))
    #expect(error.description.contains("127.0.0.1:\(port) (the port is outside 0…65535)"), "\(error)")
  }

  @Test("A taken port is an error naming host and port, not a hang")
  func takenPort() async throws {
    try await withSandbox { first in
      var configuration = SandboxConfiguration()
      configuration.port = first.port
      let error = try #require(await Self.startError(configuration))
      #expect(error.description.contains("could not listen on 127.0.0.1:\(first.port) (Address already in use)"))
      #expect(error.description.contains("Choose a free port"))
    }
  }

  @Test("A host that is not on this machine is an error, not a hang")
  func unbindableHost() async throws {
    var configuration = SandboxConfiguration()
    configuration.host = "192.0.2.1"  // TEST-NET-1: never a local address
    let error = try #require(await Self.startError(configuration))
    #expect(error.description.contains("could not listen on 192.0.2.1:0 ("), "\(error)")
  }

  @Test("A token form over 64 KiB gets 400 invalid_request with an AADSTS description, like the service")
  func oversizedTokenForm() async throws {
    try await withSandbox { sandbox in
      let app = SandboxConfiguration.defaultApp
      var request = URLRequest(url: sandbox.authorityURL.appendingPathComponent("\(app.tenantID)/oauth2/v2.0/token"))
      request.httpMethod = "POST"
      request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
      request.httpBody = Data(
        ("grant_type=client_credentials&client_id=\(app.clientID)&padding=" + String(repeating: "x", count: 70_000))
          .utf8)
      let (data, response) = try await URLSession(configuration: .ephemeral).data(for: request)
      #expect((response as? HTTPURLResponse)?.statusCode == 400)
      let body = try JSONParser.parse(data)
      #expect(body["error"] == "invalid_request")
      #expect(body["error_description"]?.stringValue?.hasPrefix("AADSTS50091: ") == true, "\(body)")
      #expect(body["error_codes"] == [50_091])
    }
  }
}
