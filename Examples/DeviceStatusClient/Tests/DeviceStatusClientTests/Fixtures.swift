import Foundation
import GraphTenant
import Tapedeck

/// The tenant the cassettes were recorded against: the local sandbox (`tapedeck sandbox --seed 1
/// --port 48080`), whose credentials are fake. Ids are the sandbox's, for seed 1.
enum Fixtures {
  static let tenant = TenantConfiguration(
    tenantID: "00000000-0000-0000-0000-0000000000aa", clientID: "00000000-0000-0000-0000-0000000000bb",
    clientSecret: "sandbox-client-secret-FAKE", graphURL: URL(string: "http://127.0.0.1:48080")!,
    authorityURL: URL(string: "http://127.0.0.1:48080")!)
  static let configuration = "be29bbf3-f331-964c-aacf-f3d236d263cc"
  static let status =
    "06137449-6e78-2a16-ea02-1d14c639422a_be29bbf3-f331-964c-aacf-f3d236d263cc_36840ccf-1d2c-2603-bc1b-18ede3318ad7"
  /// The Graph preset with a fixed, non-secret key: these recordings hold only sandbox data.
  static let redactor = Redactor.graph(pseudonymizer: Pseudonymizer(key: "device-status-client-example-not-a-secret"))
}
