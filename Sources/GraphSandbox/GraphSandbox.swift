public import Foundation
public import GraphContracts
import Hummingbird
import Logging
import NIOCore
import Tapedeck
import TapedeckLocking

/// A local Microsoft Graph tenant on loopback that behaves like the real service for the
/// Intune device-status endpoints: client-credentials tokens, GET and PATCH on every documented
/// path that resolves (beta and v1.0), validation with the real error shapes, real headers,
/// throttling and injectable faults. Deterministic from a seed.
///
/// ```swift
/// let sandbox = try await GraphSandbox.start(SandboxConfiguration(seed: 42))
/// print(sandbox.graphURL)     // http://127.0.0.1:PORT
/// print(sandbox.authorityURL) // http://127.0.0.1:PORT (token endpoint: /{tenant}/oauth2/v2.0/token)
/// await sandbox.stop()
/// ```
public final class GraphSandbox: Sendable {
  /// The application permission PATCH needs.
  public static let permission = "DeviceManagementConfiguration.ReadWrite.All"

  /// The configuration it runs with.
  public let configuration: SandboxConfiguration
  /// The bound port.
  public let port: Int
  let store: SandboxStore
  let faults = SandboxFaults()
  private let runTask: Task<Void, any Error>

  /// The base URL for Graph requests (`/beta/…`, `/v1.0/…`).
  public var graphURL: URL { URL(string: "http://\(configuration.host):\(port)")! }
  /// The base URL of the token authority.
  public var authorityURL: URL { graphURL }

  private init(configuration: SandboxConfiguration, port: Int, store: SandboxStore, runTask: Task<Void, any Error>) {
    self.configuration = configuration
    self.port = port
    self.store = store
    self.runTask = runTask
  }

  /// Starts a sandbox and returns once it listens.
  public static func start(_ configuration: SandboxConfiguration = SandboxConfiguration()) async throws -> GraphSandbox
  {
    let store = SandboxStore(seed: configuration.seed)
    let handler = SandboxHandler(configuration: configuration, store: store)
    let ports = AsyncStream<Int>.makeStream()
    var logger = Logger(label: "graph-sandbox")
    logger.logLevel = .critical
    let app = Application(
      responder: CallbackResponder<BasicRequestContext> { request, _ in try await handler.respond(to: request) },
      configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
      onServerRunning: { channel in
        ports.continuation.yield(channel.localAddress?.port ?? 0)
        ports.continuation.finish()
      },
      logger: logger)
    let runTask = Task { try await app.runService(gracefulShutdownSignals: []) }
    var iterator = ports.stream.makeAsyncIterator()
    guard let port = await iterator.next(), port > 0 else {
      runTask.cancel()
      throw SandboxStartError(host: configuration.host, port: configuration.port)
    }
    let sandbox = GraphSandbox(configuration: configuration, port: port, store: store, runTask: runTask)
    handler.faults.value = sandbox.faults
    return sandbox
  }

  /// Stops the server.
  public func stop() async {
    runTask.cancel()
    _ = await runTask.result
  }

  /// The next `count` requests fail with `status` (503 or 504, say).
  public func injectFaults(count: Int, status: Int = 503) { faults.inject(count: count, status: status) }

  /// Delays every answer.
  public func setLatency(_ latency: Duration) { faults.setLatency(latency) }

  /// Client-request-ids (or request ids) of the PATCHes applied so far, in order.
  public var appliedPatches: [String] { store.state.withLock { $0.appliedPatches } }

  /// A documented device-status URL path of the tenant, for each kind of path, with real ids:
  /// handy for examples, scenarios and tests.
  public func samplePaths(version: GraphVersion = .beta) -> [String] {
    let (configurations, policies) = store.sampleIDs()
    var paths: [String] = []
    for item in configurations where item.type.hasSuffix("windows10GeneralConfiguration") {
      paths.append("/\(version)/deviceManagement/deviceConfigurations/\(item.id)/deviceStatuses/\(item.status)")
      break
    }
    for policy in policies.prefix(1) {
      paths.append("/\(version)/deviceManagement/deviceCompliancePolicies/\(policy.id)/deviceStatuses/\(policy.status)")
    }
    guard version == .beta else { return paths }
    let byID = Dictionary(configurations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    for item in configurations {
      for (navigation, targets) in item.links.sorted(by: { $0.key < $1.key })
      where navigation != "rootCertificateForClientValidation" {
        guard let target = targets.first.flatMap({ byID[$0] }) else { continue }
        let cast = "\(item.type)"
        let key = navigation == "rootCertificatesForServerValidation" ? "/\(target.id)" : ""
        paths.append(
          "/beta/deviceManagement/deviceConfigurations/\(item.id)/\(cast)/\(navigation)\(key)/deviceStatuses/\(target.status)"
        )
      }
    }
    return paths
  }
}

/// The sandbox could not bind.
public struct SandboxStartError: Error, Sendable, CustomStringConvertible {
  /// The address asked for.
  public let host: String
  /// The port asked for.
  public let port: Int
  public var description: String {
    "The Graph sandbox could not listen on \(host):\(port). Choose another port (0 picks a free one)."
  }
}

/// A reference the handler gets after start (the faults object lives on the sandbox).
final class FaultsBox: @unchecked Sendable {
  // Set once, before the first request can arrive (start returns after binding, and tests send
  // requests only after start returns).
  var value: SandboxFaults?
}
