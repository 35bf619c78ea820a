import Foundation
import GraphTenant

/// The tenant the tests talk to: `GRAPH_*` from the environment when recording (the sandbox's
/// `export` lines, or a real tenant), else the sandbox's fake credentials and Graph's address.
/// A replay needs neither: the cassettes hold canonical origins and scrubbed values.
enum Fixtures {
  static var tenant: TenantConfiguration {
    if let configured = try? TenantConfiguration.fromEnvironment() { return configured }
    return TenantConfiguration(
      tenantID: "00000000-0000-0000-0000-0000000000aa", clientID: "00000000-0000-0000-0000-0000000000bb",
      clientSecret: "sandbox-client-secret-FAKE", graphURL: URL(string: "https://graph.microsoft.com")!,
      authorityURL: URL(string: "https://login.microsoftonline.com")!)
  }
}
