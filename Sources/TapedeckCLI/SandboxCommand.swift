import ArgumentParser
import Foundation
import GraphContracts
import GraphSandbox

/// `tapedeck sandbox`: serves the local Graph tenant until interrupted.
struct SandboxCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sandbox",
    abstract: "Serve a local Microsoft Graph tenant (Intune device statuses) on loopback until interrupted.",
    discussion: """
      Prints the URLs, sample paths and a block of environment variables (GRAPH_BASE_URL, \
      GRAPH_AUTHORITY, GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET) to record against it. \
      The sandbox binds to 127.0.0.1 unless --host says otherwise.

      Exit codes: 2 when it cannot listen (port outside 0…65535, port taken, host not on this machine).
      """
  )

  @Option(help: "The port to listen on, 0…65535 (0 picks a free one).")
  var port = 0

  @Option(help: "The seed of the generated tenant (the same seed gives the same tenant).")
  var seed: UInt64 = 1

  @Option(
    help: ArgumentHelp(
      "The address to bind (IPv4, IPv6 such as ::1, or a name). Anything but loopback exposes the sandbox.",
      valueName: "address"))
  var host = "127.0.0.1"

  @Flag(help: "Answer successful PATCHes with 204 No Content instead of 200 with the entity.")
  var noContent = false

  @Flag(help: "Turn throttling off.")
  var noThrottling = false

  @Option(
    help: ArgumentHelp(
      "Drift the device-status answers, chosen by this seed: a property removed, one added, Deprecation and Sunset headers, a new lastReportedDateTime (for testing tapedeck drift).",
      valueName: "seed"))
  var drift: UInt64?

  @Option(help: ArgumentHelp("The page size of collections when $top does not say.", valueName: "count"))
  var pageSize = 100

  @Option(
    name: .customLong("fault"),
    help: ArgumentHelp(
      "A fault on demand, repeatable: status=429|503|504 with rate=0…1 or nth=N, and optionally path=/beta/…, method=PATCH, retry-after=SECONDS|none, count=N. More can be added at run time with POST /_tapedeck/faults.",
      valueName: "rule"))
  var faults: [String] = []

  func run() async throws {
    var configuration = SandboxConfiguration(seed: seed)
    configuration.port = port
    configuration.host = host
    if noContent { configuration.patchAnswer = .noContent }
    if noThrottling { configuration.throttling = nil }
    configuration.drift = drift.map(SandboxDrift.init(seed:))
    guard pageSize >= 1 else { throw CommandFailure.input("--page-size must be 1 or more, not \(pageSize).") }
    configuration.pageSize = pageSize
    do {
      configuration.faults = try faults.map { rule throws(SandboxFaultError) in try SandboxFault(parsing: rule) }
    } catch {
      throw CommandFailure.input(error.description)
    }
    let sandbox: GraphSandbox
    do {
      sandbox = try await GraphSandbox.start(configuration)
    } catch let error as SandboxStartError {
      throw CommandFailure.input(error.description)
    }
    let app = SandboxConfiguration.defaultApp
    var text = """
      Graph sandbox listening on \(sandbox.graphURL.absoluteString) (seed \(seed)\(drift.map { ", drift \($0)" } ?? ""))
      Token endpoint: \(sandbox.authorityURL.absoluteString)/\(app.tenantID)/oauth2/v2.0/token
      Faults on demand: \(sandbox.graphURL.absoluteString)/_tapedeck/faults (GET, POST, DELETE)

      export GRAPH_BASE_URL=\(sandbox.graphURL.absoluteString)
      export GRAPH_AUTHORITY=\(sandbox.authorityURL.absoluteString)
      export GRAPH_TENANT_ID=\(app.tenantID)
      export GRAPH_CLIENT_ID=\(app.clientID)
      export GRAPH_CLIENT_SECRET=\(app.clientSecret)

      Sample device-status paths:

      """
    for path in sandbox.samplePaths() + sandbox.samplePaths(version: .v1_0) { text += "  \(path)\n" }
    text += "\nPress Ctrl-C to stop.\n"
    // Written unbuffered, so a pipe or a log sees it while the sandbox keeps running.
    FileHandle.standardOutput.write(Data(text.utf8))
    // Serve until the process is interrupted.
    while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
    await sandbox.stop()
  }
}
