/// How a ``GraphSandbox`` behaves: where it listens, which apps may get tokens, how PATCH
/// answers, throttling, and limits.
///
/// ```swift
/// var configuration = SandboxConfiguration(seed: 7)
/// configuration.patchAnswer = .noContent
/// let sandbox = try await GraphSandbox.start(configuration)
/// ```
public struct SandboxConfiguration: Sendable {
  /// An application registered in the sandbox tenant.
  public struct App: Sendable, Hashable {
    /// The tenant id (any text; a GUID in real life).
    public var tenantID: String
    /// The client (application) id.
    public var clientID: String
    /// The client secret.
    public var clientSecret: String
    /// The application permissions its tokens carry in `roles`.
    public var roles: [String]

    /// Creates an app.
    public init(tenantID: String, clientID: String, clientSecret: String, roles: [String] = [GraphSandbox.permission]) {
      self.tenantID = tenantID
      self.clientID = clientID
      self.clientSecret = clientSecret
      self.roles = roles
    }
  }

  /// What a successful PATCH answers.
  public enum PatchAnswer: Sendable, Hashable {
    /// `200 OK` with the updated entity (what the docs promise).
    case entity
    /// `204 No Content` (what Intune often does).
    case noContent
  }

  /// Request limits per 20-second window, as Intune documents them for device configuration.
  public struct Throttling: Sendable, Hashable {
    /// Writes per app per tenant.
    public var writesPerApp = 100
    /// Writes per tenant.
    public var writesPerTenant = 200
    /// All requests per app per tenant.
    public var requestsPerApp = 1000
    /// All requests per tenant.
    public var requestsPerTenant = 2000
    /// The window, in seconds.
    public var window = 20.0
    /// Whether a 429 carries `Retry-After` (the real service sometimes omits it).
    public var sendsRetryAfter = true

    /// Intune's documented limits.
    public init() {}
  }

  /// Address to bind (loopback unless told otherwise).
  public var host = "127.0.0.1"
  /// Port (0 picks a free one).
  public var port = 0
  /// The seed of the generated tenant: the same seed gives the same tenant.
  public var seed: UInt64 = 1
  /// The registered apps. The default app's secret is an obvious test value.
  public var apps: [App] = [SandboxConfiguration.defaultApp]
  /// What a successful PATCH answers (a `Prefer: return=minimal` request always gets 204).
  public var patchAnswer: PatchAnswer = .entity
  /// Throttling, or `nil` for none.
  public var throttling: Throttling? = Throttling()
  /// The largest request body accepted (larger gets 413).
  public var maximumBodyBytes = 1 << 20
  /// Lifetime of issued tokens, in seconds.
  public var tokenLifetime = 3599
  /// The page size of collections when `$top` does not say (Intune pages status lists at 100).
  public var pageSize = 100
  /// Fault rules in force from the start (more can be added with ``GraphSandbox/addFault(_:)``
  /// or `POST /_tapedeck/faults`).
  public var faults: [SandboxFault] = []
  /// Drift in the device-status answers (for testing `tapedeck drift`), or `nil` for none.
  public var drift: SandboxDrift?

  /// The app every sandbox knows unless told otherwise.
  public static let defaultApp = App(
    tenantID: "00000000-0000-0000-0000-0000000000aa", clientID: "00000000-0000-0000-0000-0000000000bb",
    clientSecret: "sandbox-client-secret-FAKE")

  /// A configuration with a seed.
  public init(seed: UInt64 = 1) { self.seed = seed }
}
