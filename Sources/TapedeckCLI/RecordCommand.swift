import ArgumentParser
import Foundation
import GraphContracts
import GraphTenant
import Tapedeck

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `tapedeck record`: runs a scenario against a tenant (or the sandbox) and records it.
struct RecordCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "record",
    abstract: "Run a scenario against a live tenant or the sandbox and record it, scrubbed, into a cassette.",
    discussion: """
      Credentials come from GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET (and GRAPH_BASE_URL, \
      GRAPH_AUTHORITY); --graph-url and --authority override the last two. The token exchange is \
      recorded too. Writes to hosts other than loopback need TAPEDECK_ALLOW_WRITES. A cassette that \
      fails the audit is not written.

      Scenario format: Documentation/Scenarios.md.
      """
  )

  @Option(help: ArgumentHelp("The scenario file (JSON).", valueName: "file"))
  var scenario: String

  @Option(
    help: ArgumentHelp(
      "The cassette name, under the cassettes folder (TAPEDECK_CASSETTES, else ./cassettes).", valueName: "name"))
  var cassette: String

  @Option(help: ArgumentHelp("The Graph base URL (overrides GRAPH_BASE_URL).", valueName: "url"))
  var graphURL: String?

  @Option(help: ArgumentHelp("The token authority URL (overrides GRAPH_AUTHORITY).", valueName: "url"))
  var authority: String?

  func run() async throws {
    let plan = try Scenario.load(scenario)
    var environment = ProcessInfo.processInfo.environment
    if let graphURL { environment["GRAPH_BASE_URL"] = graphURL }
    if let authority { environment["GRAPH_AUTHORITY"] = authority }
    let tenant: TenantConfiguration
    do {
      tenant = try TenantConfiguration.fromEnvironment(environment)
    } catch {
      throw CommandFailure.input(error.description)
    }
    let folder = CassetteDirectory(
      url: URL(fileURLWithPath: environment["TAPEDECK_CASSETTES"].flatMap { $0.isEmpty ? nil : $0 } ?? "cassettes"))
    let loopback = ["127.0.0.1", "localhost", "::1"].contains(tenant.graphURL.host ?? "")
    let player: CassettePlayer
    do {
      player = try CassettePlayer(
        cassette: cassette, record: .all, redactor: .graph(), source: loopback ? .sandbox : .live, directory: folder,
        liveRequestGuard: WriteGuard.fromEnvironment(environment).liveRequestGuard, environment: environment)
    } catch {
      throw CommandFailure.input("\(error)")
    }
    let session = player.makeURLSession()
    let token: String
    do {
      token = try await TokenProvider(tenant: tenant, session: session).token()
    } catch let error as TokenError {
      throw CommandFailure.input(player.scrub(error.localizedDescription))
    }
    for (index, step) in plan.steps.enumerated() {
      let path = plan.path(of: step)
      var request = URLRequest(url: URL(string: tenant.graphURL.absoluteString + path)!)
      request.httpMethod = step.method
      request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
      request.setValue("application/json", forHTTPHeaderField: "Accept")
      if let body = step.body {
        request.httpBody = JSONWriter.compactData(body)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
      }
      let response: URLResponse
      do {
        (_, response) = try await session.data(for: request)
      } catch {
        // What is printed is scrubbed like the cassette: no token, secret, id or personal value.
        throw CommandFailure.input(player.scrub("\(step.method) \(path): \(error)"))
      }
      let status = (response as? HTTPURLResponse)?.statusCode ?? 0
      print(TerminalText.escaped(player.scrub("\(index + 1). \(step.method) \(path) → \(status)")))
    }
    guard let recorded = try player.cassetteToSave() else { throw CommandFailure.input("nothing was recorded.") }
    let findings = CassetteAudit.findings(in: recorded)
    guard findings.isEmpty else {
      for finding in findings { print(TerminalText.escaped(player.scrub("audit: \(finding)"))) }
      throw CommandFailure(
        message:
          "refused to write \(player.fileURL.path): the recording fails the audit (\(findings.count) finding\(findings.count == 1 ? "" : "s")).",
        exitCode: 1)
    }
    try player.finish()
    print(
      TerminalText.escaped(
        "recorded \(recorded.interactions.count) interactions into \(player.fileURL.path) (source: \(recorded.source))")
    )
  }
}
