public import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
public import Tapedeck

/// `tapedeck serve`: a loopback record/replay server that any HTTP client, in any language,
/// can point its Graph base URL and token authority at. It answers from cassettes through
/// Tapedeck's player, and records through it (the Graph preset, the write guard, the audit
/// before saving), per test through the Azure SDK test proxy's protocol or from one default
/// cassette.
///
/// ```swift
/// var configuration = ServerConfiguration(cassettes: CassetteDirectory(url: folder))
/// configuration.upstream = sandbox.graphURL
/// let server = try await TapedeckServer.start(configuration)
/// print(server.baseURL)  // http://127.0.0.1:PORT: Graph at /v1.0 and /beta, tokens at /{tenant}/oauth2/v2.0/token
/// try await server.stop()
/// ```
public final class TapedeckServer: Sendable {
  /// The configuration it runs with.
  public let configuration: ServerConfiguration
  /// The bound port.
  public let port: Int
  /// `http(s)://HOST:PORT`: the Graph base URL is this plus `/v1.0` or `/beta`; the token
  /// authority is this.
  public let baseURL: URL
  /// The PEM file of the certificate authority to trust (with ``ServerConfiguration/tls``).
  public let certificateFile: URL?
  let registry: RecordingRegistry
  private let runTask: Task<Void, any Error>

  private init(
    configuration: ServerConfiguration, port: Int, baseURL: URL, certificateFile: URL?, registry: RecordingRegistry,
    runTask: Task<Void, any Error>
  ) {
    self.configuration = configuration
    self.port = port
    self.baseURL = baseURL
    self.certificateFile = certificateFile
    self.registry = registry
    self.runTask = runTask
  }

  /// Starts the server and returns once it listens.
  ///
  /// Throws ``ServerStartError`` for a port outside `0...65535`, a bind that fails, a
  /// `TAPEDECK_RECORD` or `TAPEDECK_MAX_BODY_BYTES` it cannot read, a default cassette that
  /// cannot be opened, or a certificate it cannot write.
  ///
  /// ```swift
  /// let server = try await TapedeckServer.start(ServerConfiguration(cassettes: folder))
  /// ```
  public static func start(_ configuration: ServerConfiguration) async throws -> TapedeckServer {
    func failure(_ reason: String) -> ServerStartError {
      ServerStartError(host: configuration.host, port: configuration.port, reason: reason)
    }
    guard (0...65_535).contains(configuration.port) else { throw failure("the port is outside 0…65535") }
    let registry: RecordingRegistry
    do {
      registry = try RecordingRegistry(configuration: configuration)
    } catch {
      throw failure(configuration.redactor.scrubbing(String(describing: error)))
    }
    let bindHost =
      configuration.host.hasPrefix("[") && configuration.host.hasSuffix("]")
      ? String(configuration.host.dropFirst().dropLast()) : configuration.host
    var server: HTTPServerBuilder = .http1()
    var certificateFile: URL?
    if configuration.tls {
      let file =
        configuration.certificateOutput
        ?? FileManager.default.temporaryDirectory.appendingPathComponent(
          "tapedeck-serve-\(ProcessInfo.processInfo.processIdentifier)-ca.pem")
      do {
        let certificate = try LoopbackCertificate.generate(extraHosts: [bindHost])
        try Data(certificate.authorityPEM.utf8).write(to: file, options: .atomic)
        server = try .tls(.http1(), tlsConfiguration: try certificate.serverTLSConfiguration())
      } catch {
        throw failure(
          "the certificate could not be made or written to \(file.path) (\(error)). Pass --cert-out PATH in a writable folder."
        )
      }
      certificateFile = file
    }
    let scheme = configuration.tls ? "https" : "http"
    let ports = AsyncStream<Int>.makeStream()
    var logger = Logger(label: "tapedeck-serve")
    logger.logLevel = .critical
    let registryForHandler = registry
    let handler = ServerHandler(
      control: TestProxyControl(registry: registry),
      exchange: ProxiedExchange(registry: registry, transport: UpstreamTransport()), registry: registryForHandler,
      scheme: scheme, fallbackAuthority: "\(Self.urlHost(bindHost)):\(configuration.port)")
    let app = Application(
      responder: CallbackResponder<BasicRequestContext> { request, _ in await handler.respond(to: request) },
      server: server,
      configuration: .init(address: .hostname(bindHost, port: configuration.port), serverName: nil),
      onServerRunning: { channel in
        ports.continuation.yield(channel.localAddress?.port ?? 0)
        ports.continuation.finish()
      },
      logger: logger)
    let runTask = Task {
      defer { ports.continuation.finish() }
      try await app.runService(gracefulShutdownSignals: [])
    }
    var iterator = ports.stream.makeAsyncIterator()
    guard let port = await iterator.next(), port > 0,
      let baseURL = URL(string: "\(scheme)://\(Self.urlHost(bindHost)):\(port)")
    else {
      runTask.cancel()
      let reason: String
      switch await runTask.result {
      case .failure(let error as IOError): reason = String(cString: strerror(error.errnoCode))
      case .failure(let error): reason = String(describing: error)
      case .success: reason = "the server stopped before it listened"
      }
      throw failure("\(reason). Choose a free port (0 picks one) and an address of this machine, such as 127.0.0.1.")
    }
    return TapedeckServer(
      configuration: configuration, port: port, baseURL: baseURL, certificateFile: certificateFile,
      registry: registry, runTask: runTask)
  }

  /// The default cassette's file, when there is one.
  ///
  /// ```swift
  /// print(server.defaultCassetteFile?.path ?? "none")
  /// ```
  public var defaultCassetteFile: URL? { registry.defaultSession?.player.fileURL }

  /// The default cassette's record mode, when there is one.
  ///
  /// ```swift
  /// print(server.defaultCassetteMode ?? .never)
  /// ```
  public var defaultCassetteMode: RecordMode? { registry.defaultSession?.player.mode }

  /// How many test-proxy recordings and playbacks are in progress.
  ///
  /// ```swift
  /// #expect(server.activeRecordings == 0)
  /// ```
  public var activeRecordings: Int { registry.activeCount }

  /// Stops listening, saves the default cassette (when it recorded anything and the audit
  /// passes) and forgets recordings that were never stopped, as the test proxy does. Returns
  /// what it did, one line each; throws ``AuditRefusalError`` (nothing written) or the save's error.
  ///
  /// ```swift
  /// for line in try await server.stop() { print(line) }
  /// ```
  @discardableResult
  public func stop() async throws -> [String] {
    runTask.cancel()
    _ = await runTask.result
    var report = registry.abandonAll().map { "recording \($0) was never stopped: not saved" }
    if let session = registry.defaultSession {
      let count = try session.save(environment: configuration.environment)
      if count > 0 { report.append("saved \(count) interactions to \(session.player.fileURL.path)") }
    }
    return report
  }

  /// A host as it goes in a URL: IPv6 in brackets.
  static func urlHost(_ host: String) -> String {
    host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
  }
}
