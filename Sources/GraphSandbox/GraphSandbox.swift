public import Foundation
public import GraphContracts
import Hummingbird
import Logging
import NIOCore
import TapedeckJSON
import TapedeckSupport

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
  let faults: SandboxFaults
  private let runTask: Task<Void, any Error>

  /// The base URL for Graph requests (`/beta/…`, `/v1.0/…`); an IPv6 host is bracketed
  /// (`http://[::1]:PORT`).
  public let graphURL: URL
  /// The base URL of the token authority.
  public var authorityURL: URL { graphURL }

  private init(
    configuration: SandboxConfiguration, port: Int, graphURL: URL, store: SandboxStore, faults: SandboxFaults,
    runTask: Task<Void, any Error>
  ) {
    self.faults = faults
    self.configuration = configuration
    self.port = port
    self.graphURL = graphURL
    self.store = store
    self.runTask = runTask
  }

  /// `http://HOST:PORT`, with an IPv6 host in brackets (and a zone's `%` escaped); `nil` when
  /// no URL can hold the host.
  static func baseURL(host: String, port: Int) -> URL? {
    var authority = host
    if host.contains(":"), !host.hasPrefix("[") {
      authority = "[" + host.replacingOccurrences(of: "%", with: "%25") + "]"
    }
    guard let url = URL(string: "http://\(authority):\(port)"), url.host != nil, url.port == port else { return nil }
    return url
  }

  /// Starts a sandbox and returns once it listens.
  ///
  /// Throws ``SandboxStartError`` when the port is outside `0...65535`, when the host cannot
  /// be written in a URL, or when binding fails (the port is taken, the host is not an address
  /// of this machine): never waits forever.
  public static func start(_ configuration: SandboxConfiguration = SandboxConfiguration()) async throws -> GraphSandbox
  {
    guard (0...65_535).contains(configuration.port) else {
      throw SandboxStartError(
        host: configuration.host, port: configuration.port, reason: "the port is outside 0…65535")
    }
    guard baseURL(host: configuration.host, port: 1) != nil else {
      throw SandboxStartError(
        host: configuration.host, port: configuration.port,
        reason: "the host is not an IP address or host name a URL can hold")
    }
    let bindHost =
      configuration.host.hasPrefix("[") && configuration.host.hasSuffix("]")
      ? String(configuration.host.dropFirst().dropLast()) : configuration.host
    for fault in configuration.faults {
      do { try fault.validate() } catch {
        throw SandboxStartError(host: configuration.host, port: configuration.port, reason: error.description)
      }
    }
    let store = SandboxStore(seed: configuration.seed)
    let faults = SandboxFaults(seed: configuration.seed, rules: configuration.faults)
    let handler = SandboxHandler(configuration: configuration, store: store, faults: faults)
    let ports = AsyncStream<Int>.makeStream()
    var logger = Logger(label: "graph-sandbox")
    logger.logLevel = .critical
    let app = Application(
      responder: CallbackResponder<BasicRequestContext> { request, _ in try await handler.respond(to: request) },
      configuration: .init(address: .hostname(bindHost, port: configuration.port), serverName: nil),
      onServerRunning: { channel in
        ports.continuation.yield(channel.localAddress?.port ?? 0)
        ports.continuation.finish()
      },
      logger: logger)
    // When the server stops before it runs (bind failed), the stream ends and start throws.
    let runTask = Task {
      defer { ports.continuation.finish() }
      try await app.runService(gracefulShutdownSignals: [])
    }
    var iterator = ports.stream.makeAsyncIterator()
    guard let port = await iterator.next(), port > 0,
      let graphURL = baseURL(host: configuration.host, port: port)
    else {
      runTask.cancel()
      let reason: String
      switch await runTask.result {
      case .failure(let error): reason = SandboxStartError.reason(for: error)
      case .success: reason = "the server stopped before it listened"
      }
      throw SandboxStartError(host: configuration.host, port: configuration.port, reason: reason)
    }
    let sandbox = GraphSandbox(
      configuration: configuration, port: port, graphURL: graphURL, store: store, faults: faults, runTask: runTask)
    return sandbox
  }

  /// Stops the server.
  public func stop() async {
    runTask.cancel()
    _ = await runTask.result
  }

  /// The next `count` requests fail with `status` (503 or 504, say).
  ///
  /// ```swift
  /// sandbox.injectFaults(count: 2, status: 503)
  /// ```
  public func injectFaults(count: Int, status: Int = 503) {
    faults.add(SandboxFault(status: status, count: count))
  }

  /// Adds a fault rule (see ``SandboxFault``); rules are tried in the order they were added.
  ///
  /// ```swift
  /// sandbox.addFault(SandboxFault(status: 429, trigger: .rate(0.2), retryAfter: 0))
  /// ```
  public func addFault(_ fault: SandboxFault) { faults.add(fault) }

  /// Removes every fault rule.
  ///
  /// ```swift
  /// sandbox.clearFaults()
  /// ```
  public func clearFaults() { faults.clear() }

  /// The fault rules in force.
  public var faultRules: [SandboxFault] { faults.rules }

  /// Delays every answer.
  public func setLatency(_ latency: Duration) { faults.setLatency(latency) }

  /// Client-request-ids (or request ids) of the PATCHes applied so far, in order: the latest
  /// 10,000, so a long-running sandbox's memory stays flat.
  public var appliedPatches: [String] {
    store.state.withLock { Array($0.appliedPatches.suffix(SandboxStore.appliedPatchesKept)) }
  }

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
