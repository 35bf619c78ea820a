public import Foundation

/// Where and as whom to reach a Graph tenant, from the environment: `GRAPH_TENANT_ID`,
/// `GRAPH_CLIENT_ID`, `GRAPH_CLIENT_SECRET`, `GRAPH_BASE_URL` (default
/// `https://graph.microsoft.com`) and `GRAPH_AUTHORITY` (default `https://login.microsoftonline.com`).
///
/// ```swift
/// let tenant = try TenantConfiguration.fromEnvironment()
/// ```
public struct TenantConfiguration: Sendable, Hashable {
  /// The directory (tenant) id.
  public var tenantID: String
  /// The application (client) id.
  public var clientID: String
  /// The client secret.
  public var clientSecret: String
  /// The Graph base URL.
  public var graphURL: URL
  /// The token authority.
  public var authorityURL: URL

  /// Creates a configuration.
  public init(
    tenantID: String, clientID: String, clientSecret: String,
    graphURL: URL = URL(string: "https://graph.microsoft.com")!,
    authorityURL: URL = URL(string: "https://login.microsoftonline.com")!
  ) {
    self.tenantID = tenantID
    self.clientID = clientID
    self.clientSecret = clientSecret
    self.graphURL = graphURL
    self.authorityURL = authorityURL
  }

  /// Reads the configuration; the error names every missing variable.
  public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
    throws(TenantConfigurationError) -> TenantConfiguration
  {
    let required = ["GRAPH_TENANT_ID", "GRAPH_CLIENT_ID", "GRAPH_CLIENT_SECRET"]
    let missing = required.filter { (environment[$0] ?? "").isEmpty }
    guard missing.isEmpty else { throw TenantConfigurationError(missing: missing, invalid: []) }
    var invalid: [String] = []
    func url(_ name: String, _ fallback: String) -> URL {
      let text = environment[name].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
      guard let url = URL(string: text), url.scheme == "https" || url.scheme == "http", url.host != nil else {
        invalid.append(name)
        return URL(string: fallback)!
      }
      return url
    }
    let graph = url("GRAPH_BASE_URL", "https://graph.microsoft.com")
    let authority = url("GRAPH_AUTHORITY", "https://login.microsoftonline.com")
    guard invalid.isEmpty else { throw TenantConfigurationError(missing: [], invalid: invalid) }
    return TenantConfiguration(
      tenantID: environment["GRAPH_TENANT_ID"]!, clientID: environment["GRAPH_CLIENT_ID"]!,
      clientSecret: environment["GRAPH_CLIENT_SECRET"]!, graphURL: graph, authorityURL: authority)
  }

  /// The client-credentials token endpoint: `{authority}/{tenant}/oauth2/v2.0/token`.
  public var tokenURL: URL { authorityURL.appendingPathComponent(tenantID).appendingPathComponent("oauth2/v2.0/token") }
}
