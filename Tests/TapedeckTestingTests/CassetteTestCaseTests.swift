import Foundation
import GraphContracts
import Tapedeck
import TapedeckTesting
import XCTest

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// XCTest downstream style: a base class puts each test on a cassette.
final class ShippedCassetteXCTests: CassetteTestCase {
  override var cassetteName: String { "sandbox/beta/ios-scep-root-certificate-status" }
  override var cassetteRecordMode: RecordMode? { .never }
  override var cassetteRedactor: Redactor { Shipped.redactor }
  override var cassetteDirectory: CassetteDirectory { Shipped.cassettes }

  func testReplaysThroughTheBaseClassSession() async throws {
    let scenario = "beta/ios-scep-root-certificate-status"
    let (status, data, response) = try await Shipped.scenario(
      cassetteSession(), path: try Shipped.path(scenario), status: try Shipped.status(scenario))
    XCTAssertEqual(status, 200)
    let violations = expectConforms(response, data, to: .deviceConfigurationDeviceStatus)
    XCTAssertEqual(violations.count, 0)
  }

  func testWithCassetteAsync() async throws {
    let scenario = "beta/macos-scep-root-certificate-status"
    let status = try await withCassette(
      "sandbox/\(scenario)", record: .never, redactor: Shipped.redactor, directory: Shipped.cassettes
    ) { session in
      try await Shipped.scenario(session, path: try Shipped.path(scenario), status: try Shipped.status(scenario)).0
    }
    XCTAssertEqual(status, 200)
  }

  func testWithCassetteSyncRunsTheBodyWithTheCassetteActive() throws {
    let name = try withCassette(
      "sandbox/beta/device-configuration-status", record: .never, redactor: Shipped.redactor,
      directory: Shipped.cassettes
    ) { _ in
      currentCassette?.name
    }
    XCTAssertEqual(name, "sandbox/beta/device-configuration-status")
  }
}
