import ArgumentParser
import Dispatch
import Foundation
import Tapedeck
import TapedeckServer

/// `tapedeck serve`: the loopback record/replay server for clients in any language.
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve cassettes to any HTTP client (Python, PowerShell, Go, curl) on loopback, and record through it.",
    discussion: """
      Point the client's Graph base URL at http://127.0.0.1:PORT/v1.0 (or /beta) and its token authority at \
      http://127.0.0.1:PORT. Per-test cassettes use the Azure SDK test proxy's protocol: POST /Record/Start or \
      /Playback/Start with {"x-recording-file": "Suite/test"}, then send x-recording-id on each request, and \
      POST /Record/Stop (saves) or /Playback/Stop. Requests without a recording id use --cassette. Recording \
      forwards to --upstream (tokens to --authority), or to x-recording-upstream-base-uri, through the write guard \
      (TAPEDECK_ALLOW_WRITES), scrubs with the Graph preset, and saves nothing that fails the audit.

      Stops on Ctrl-C or SIGTERM, saving the default cassette. Documentation/RecordReplayServer.md has the \
      protocol subset and examples. Exit codes: 2 when it cannot start, 1 when the default cassette fails the audit.
      """
  )

  @Option(help: "The port to listen on, 0…65535 (0 picks a free one; the test proxy's default is 5000).")
  var port = 5000

  @Option(
    help: ArgumentHelp(
      "The address to bind (IPv4, IPv6 such as ::1, or a name). Anything but loopback exposes the cassettes.",
      valueName: "address"))
  var host = "127.0.0.1"

  @Option(
    help: ArgumentHelp(
      "The cassettes folder; x-recording-file names resolve inside it (default: TAPEDECK_CASSETTES, else ./cassettes).",
      valueName: "folder"))
  var cassettes: String?

  @Option(
    help: ArgumentHelp(
      "The cassette that answers requests sending no x-recording-id (saved when the server stops).",
      valueName: "name"))
  var cassette: String?

  @Option(
    help: ArgumentHelp(
      "The default cassette's record mode: never, once, missing, all or passthrough (default: TAPEDECK_RECORD, else never under CI and once outside it).",
      valueName: "mode"))
  var record: String?

  @Option(
    help: ArgumentHelp(
      "Where Graph requests go while recording (a tenant's https://graph.microsoft.com, or tapedeck sandbox's URL).",
      valueName: "url"))
  var upstream: String?

  @Option(
    help: ArgumentHelp(
      "Where token requests (/{tenant}/oauth2/…) go while recording (default: --upstream).", valueName: "url"))
  var authority: String?

  @Flag(help: "Let a replayed recording answer again (for load generators and clients that repeat a request).")
  var allowRepeats = false

  @Flag(help: "Serve HTTPS with a certificate authority generated at start (for clients that refuse http://).")
  var tls = false

  @Option(
    name: .customLong("cert-out"),
    help: ArgumentHelp("Where --tls writes the certificate authority to trust, as PEM.", valueName: "path"))
  var certificateOutput: String?

  func run() async throws {
    let environment = ProcessInfo.processInfo.environment
    let folder = cassettes ?? environment["TAPEDECK_CASSETTES"].flatMap { $0.isEmpty ? nil : $0 } ?? "cassettes"
    var configuration = ServerConfiguration(
      cassettes: CassetteDirectory(url: URL(fileURLWithPath: folder, isDirectory: true)), environment: environment)
    configuration.host = host
    configuration.port = port
    configuration.defaultCassette = cassette
    configuration.tls = tls
    configuration.allowPlaybackRepeats = allowRepeats
    configuration.certificateOutput = certificateOutput.map { URL(fileURLWithPath: $0) }
    if let record {
      guard let mode = RecordMode(name: record) else {
        throw CommandFailure.input("--record must be never, once, missing, all or passthrough, not \(record).")
      }
      configuration.defaultMode = mode
    }
    configuration.upstream = try Self.url(upstream, option: "--upstream")
    configuration.authority = try Self.url(authority, option: "--authority")
    if certificateOutput != nil, !tls { throw CommandFailure.input("--cert-out needs --tls.") }
    let server: TapedeckServer
    do {
      server = try await TapedeckServer.start(configuration)
    } catch let error as ServerStartError {
      throw CommandFailure.input(error.description)
    }
    FileHandle.standardOutput.write(Data(Self.banner(server, folder: configuration.cassettes.url.path).utf8))
    await Self.waitForSignal()
    do {
      for line in try await server.stop() { print(TerminalText.escaped(line)) }
    } catch {
      throw CommandFailure(message: "\(error)", exitCode: 1)
    }
  }

  /// An option's URL, which must be absolute http(s).
  static func url(_ text: String?, option: String) throws -> URL? {
    guard let text else { return nil }
    guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
      url.host != nil
    else { throw CommandFailure.input("\(option) must be an absolute http or https URL, not \(text).") }
    return url
  }

  /// What the server prints once it listens: where to point clients, and `export` lines for scripts.
  static func banner(_ server: TapedeckServer, folder: String) -> String {
    let base = server.baseURL.absoluteString
    let configuration = server.configuration
    var text = """
      tapedeck serve listening on \(base)
      Graph base URL: \(base)/v1.0 and \(base)/beta
      Token authority: \(base) (/{tenant}/oauth2/v2.0/token)
      Test proxy: POST \(base)/Record/Start, /Record/Stop, /Playback/Start, /Playback/Stop
      Cassettes: \(folder)

      """
    let upstream = configuration.upstream?.absoluteString
    text += "Upstream: \(upstream ?? "none (recording needs x-recording-upstream-base-uri)")\n"
    if let authority = configuration.authority?.absoluteString ?? upstream { text += "Authority: \(authority)\n" }
    if let file = server.defaultCassetteFile, let mode = server.defaultCassetteMode {
      text += "Default cassette: \(file.path) (record mode \(mode))\n"
    } else {
      text += "Default cassette: none (requests need x-recording-id)\n"
    }
    if let certificate = server.certificateFile { text += "Certificate authority (PEM): \(certificate.path)\n" }
    text += "\nexport TAPEDECK_SERVE_URL=\(base)\n"
    if let certificate = server.certificateFile { text += "export TAPEDECK_SERVE_CA=\(certificate.path)\n" }
    text += "\nPress Ctrl-C to stop (the default cassette is saved then).\n"
    return text
  }

  /// Returns on the first SIGINT or SIGTERM (both stop the server cleanly instead of killing it).
  static func waitForSignal() async {
    signal(SIGINT, SIG_IGN)
    signal(SIGTERM, SIG_IGN)
    let (stream, continuation) = AsyncStream<Int32>.makeStream()
    let sources = [SIGINT, SIGTERM].map { number in
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { continuation.yield(number) }
      source.resume()
      return source
    }
    var iterator = stream.makeAsyncIterator()
    _ = await iterator.next()
    for source in sources { source.cancel() }
  }
}
