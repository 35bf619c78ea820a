import Foundation
import GraphTenant
import Tapedeck

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

/// What a test saw, written to `$OBSERVATIONS_DIR/<name>.json` when that is set, so that
/// `record-and-replay.sh` can check a test sees the same thing recording and replaying. Links
/// under the base URL the test used are written as `GRAPH`: the replay runs on another port.
enum Observations {
  static func note(_ name: String, _ values: [JSONValue]) {
    guard let folder = ProcessInfo.processInfo.environment["OBSERVATIONS_DIR"], !folder.isEmpty else { return }
    let url = URL(fileURLWithPath: folder).appendingPathComponent("\(name).json")
    let text = JSONWriter.compactString(.array(values))
      .replacingOccurrences(of: Fixtures.tenant.graphURL.absoluteString, with: "GRAPH")
    try? Data(text.utf8).write(to: url)
  }
}
