import DeviceStatusClient
import GraphContracts
import Tapedeck
import TapedeckTesting
import XCTest

/// The same client in XCTest: each test gets `cassettes/DeviceStatusClientXCTests/<test>.json`.
final class DeviceStatusClientXCTests: CassetteTestCase {
  override var cassetteRedactor: Redactor { Fixtures.redactor }

  func testReadStatus() async throws {
    let client = DeviceStatusClient(tenant: Fixtures.tenant, session: session)
    let status = try await client.status(configuration: Fixtures.configuration, status: Fixtures.status)
    XCTAssertEqual(status["id"]?.stringValue?.count, 110)
    XCTAssertTrue(ContractValidator(version: .beta).validate(status, as: .deviceConfigurationDeviceStatus).isEmpty)
  }
}

/// Without the base class: `withCassette` names the cassette explicitly.
final class DeviceStatusClientWithCassetteTests: XCTestCase {
  func testWithCassette() async throws {
    let value = try await withCassette("DeviceStatusClientXCTests/withCassette", redactor: Fixtures.redactor) {
      session in
      try await DeviceStatusClient(tenant: Fixtures.tenant, session: session).updateStatus(
        configuration: Fixtures.configuration, status: Fixtures.status, to: "compliant")
    }
    XCTAssertEqual(value?["status"], "compliant")
  }
}
