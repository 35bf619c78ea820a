import ArgumentParser
import Foundation
import GraphTenant
import JUnitXML
import Tapedeck

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `tapedeck drift`: re-issues each cassette's requests against a live tenant or the sandbox and
/// reports how the answers changed, in tiers.
struct DriftCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "drift",
    abstract: "Re-issue each cassette's requests against a live tenant or the sandbox and compare the answers.",
    discussion: """
      Credentials come from GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET (and GRAPH_BASE_URL, \
      GRAPH_AUTHORITY), as for tapedeck record; --against and --authority override the last two (a loopback \
      --against is its own authority). The fresh answers are scrubbed with the Graph preset and \
      TAPEDECK_REDACTION_KEY (use the key the cassettes were recorded with) and nothing is saved. GETs are \
      always re-issued; writes only where TAPEDECK_ALLOW_WRITES allows them, and the values read just \
      before are written back after.

      Tiers: breaking (status, a property removed, a type changed, @odata.type changed, a contract \
      violation the recording did not have), notable (a property added, a header clients read changed), \
      ignored (volatile values and ordinary data, each listed with its rule).

      Exit codes: 0 no breaking drift, 1 breaking drift, 2 bad usage, unreadable input or no credentials.
      """
  )

  @Argument(
    help: ArgumentHelp("The folder of cassettes (searched recursively), or one cassette file.", valueName: "dir"))
  var directory: String?

  @Option(help: ArgumentHelp("The Graph base URL to compare against (overrides GRAPH_BASE_URL).", valueName: "url"))
  var against: String?

  @Option(help: ArgumentHelp("The token authority URL (overrides GRAPH_AUTHORITY).", valueName: "url"))
  var authority: String?

  @Option(help: "Print a table (text) or one JSON document (json).")
  var format: VerifyCommand.OutputFormat = .text

  @Option(
    help: ArgumentHelp(
      "Write a JUnit XML report here (a suite per cassette, a case per interaction).", valueName: "path"))
  var junit: String?

  @Option(help: "The shape of the --junit report (surefire makes <path> a folder).")
  var profile: JUnitProfile = .portable

  func run() async throws {
    var environment = ProcessInfo.processInfo.environment
    if let against { environment["GRAPH_BASE_URL"] = against }
    if let authority {
      environment["GRAPH_AUTHORITY"] = authority
    } else if let against, let host = URL(string: against)?.host,
      ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host)
    {
      environment["GRAPH_AUTHORITY"] = against
    }
    let folderPath =
      directory ?? environment["TAPEDECK_CASSETTES"].flatMap { $0.isEmpty ? nil : $0 } ?? "cassettes"
    let (files, walkProblems) = try CassetteFolder.walk(at: folderPath)
    let tenant: TenantConfiguration
    do {
      tenant = try TenantConfiguration.fromEnvironment(environment)
    } catch {
      throw CommandFailure.input(error.description)
    }
    let session = URLSession(configuration: .ephemeral)
    let token: String
    do {
      token = try await TokenProvider(tenant: tenant, session: session).token()
    } catch {
      throw CommandFailure.input(Redactor.graph(environment: environment).scrubbing("no token: \(error)"))
    }
    let run = DriftRun(
      tenant: tenant, environment: environment, token: token,
      verifier: CassetteVerifier(model: nil, version: nil), session: session)
    var results: [DriftRun.CassetteResult] = []
    for file in files { results.append(await run.run(file.url, display: file.display)) }
    switch format {
    case .text: print(DriftOutput.table(results))
    case .json: print(JSONWriter.compactString(DriftOutput.json(results)))
    }
    if let junit {
      try JUnitWriter(profile: profile).write(DriftOutput.junit(results), to: URL(fileURLWithPath: junit))
    }
    let unreadable = results.filter { $0.problem != nil }
    if !walkProblems.isEmpty || !unreadable.isEmpty {
      let lines =
        walkProblems.map(TerminalText.escaped)
        + unreadable.map { "\(TerminalText.escaped($0.displayPath)): \($0.problem ?? "")" }
      throw CommandFailure.input(lines.joined(separator: "\n"))
    }
    let breaking = results.reduce(0) { $0 + $1.count(.breaking) }
    if breaking > 0 {
      throw CommandFailure(
        message: "\(breaking) breaking difference\(breaking == 1 ? "" : "s") between the cassettes and the service.",
        exitCode: 1)
    }
  }
}
