public import Foundation
import GraphTenant
public import Tapedeck

/// How a ``TapedeckServer`` runs: where it listens, where cassettes live, where recordings are
/// forwarded, the default cassette for clients that send no recording id, and HTTPS.
///
/// ```swift
/// var configuration = ServerConfiguration(cassettes: CassetteDirectory(url: folder))
/// configuration.upstream = sandbox.graphURL
/// let server = try await TapedeckServer.start(configuration)
/// ```
public struct ServerConfiguration: Sendable {
  /// The address to bind: loopback unless told otherwise.
  ///
  /// ```swift
  /// configuration.host = "::1"
  /// ```
  public var host = "127.0.0.1"
  /// The port; 0 picks a free one (read it from ``TapedeckServer/port``).
  ///
  /// ```swift
  /// configuration.port = 5001
  /// ```
  public var port = 0
  /// The folder every cassette name (`x-recording-file`, ``defaultCassette``) is resolved in;
  /// names that would leave it are refused.
  ///
  /// ```swift
  /// configuration.cassettes = try CassetteDirectory.default()
  /// ```
  public var cassettes: CassetteDirectory
  /// Where Graph requests are forwarded while recording when the client sends no
  /// `x-recording-upstream-base-uri` (a live tenant's Graph, or `tapedeck sandbox`).
  ///
  /// ```swift
  /// configuration.upstream = URL(string: "https://graph.microsoft.com")
  /// ```
  public var upstream: URL?
  /// Where token requests (`/{tenant}/oauth2/…`) are forwarded while recording; `nil`: ``upstream``.
  ///
  /// ```swift
  /// configuration.authority = URL(string: "https://login.microsoftonline.com")
  /// ```
  public var authority: URL?
  /// The cassette that answers clients sending no `x-recording-id`; `nil`: such requests are
  /// refused with a message saying how to start a recording.
  ///
  /// ```swift
  /// configuration.defaultCassette = "PowerShell/listStatuses"
  /// ```
  public var defaultCassette: String?
  /// The default cassette's record mode; `nil`: `TAPEDECK_RECORD`, else `.never` under CI and
  /// `.once` outside it.
  ///
  /// ```swift
  /// configuration.defaultMode = .missing
  /// ```
  public var defaultMode: RecordMode?
  /// Whether a recording, once replayed, answers again (the last of identical ones): for load
  /// generators and clients that repeat a request (the test proxy's `x-recording-remove: false`).
  ///
  /// ```swift
  /// configuration.allowPlaybackRepeats = true
  /// ```
  public var allowPlaybackRepeats = false
  /// Whether to serve HTTPS with a certificate generated at start (see ``LoopbackCertificate``).
  ///
  /// ```swift
  /// configuration.tls = true
  /// ```
  public var tls = false
  /// Where the generated certificate authority is written as PEM (with ``tls``); `nil`: a file
  /// in the temporary folder. Its path is ``TapedeckServer/certificateFile``.
  ///
  /// ```swift
  /// configuration.certificateOutput = URL(fileURLWithPath: "/tmp/tapedeck-ca.pem")
  /// ```
  public var certificateOutput: URL?
  /// The environment read for `TAPEDECK_RECORD`, `TAPEDECK_REDACTION_KEY`,
  /// `TAPEDECK_ALLOW_WRITES`, `TAPEDECK_MAX_BODY_BYTES`, `GRAPH_TENANT_ID`, `GRAPH_CLIENT_ID`,
  /// `GRAPH_BASE_URL`, `GRAPH_AUTHORITY` and `CI`.
  ///
  /// ```swift
  /// configuration.environment["TAPEDECK_RECORD"] = "never"
  /// ```
  public var environment: [String: String]

  /// A configuration serving cassettes from a folder, on loopback, over HTTP, on a free port.
  ///
  /// ```swift
  /// let configuration = ServerConfiguration(cassettes: CassetteDirectory(url: URL(fileURLWithPath: "cassettes")))
  /// ```
  public init(
    cassettes: CassetteDirectory, environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    self.cassettes = cassettes
    self.environment = environment
  }

  /// The redaction every recording uses: the Graph preset, keyed from `TAPEDECK_REDACTION_KEY`.
  var redactor: Redactor {
    Redactor.graph(pseudonymizer: Pseudonymizer(environment: environment), environment: environment)
  }

  /// Upstream origins that stand for Graph and its authority, so their links are stored canonical.
  var origins: CanonicalOrigins {
    var aliases = [upstream, authority].compactMap { $0?.absoluteString }
    aliases += ["GRAPH_BASE_URL", "GRAPH_AUTHORITY"].compactMap { environment[$0] }.filter { !$0.isEmpty }
    return CanonicalOrigins(aliases: aliases)
  }
}
