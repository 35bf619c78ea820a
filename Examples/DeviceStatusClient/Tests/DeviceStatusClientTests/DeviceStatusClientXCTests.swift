import DeviceStatusClient
import GraphContracts
import Tapedeck
import TapedeckTesting
import XCTest

/// The same client in XCTest: each test gets `cassettes/DeviceStatusClientXCTests/<test>.json`.
final class DeviceStatusClientXCTests: CassetteTestCase {
  func testListThenPatchTheFirstThenRead() async throws {
    let client = DeviceStatusClient(tenant: Fixtures.tenant, session: cassetteSession())
    let configurations = try await client.configurations()
    let configuration = configurations.first { $0.type == "microsoft.graph.windows81TrustedRootCertificate" }
    let collection = DeviceStatusClient.Statuses.configuration(try XCTUnwrap(configuration).id)
    let statuses = try await client.statuses(in: collection)
    let first = try XCTUnwrap(statuses.first?["id"]?.stringValue)
    let updated = try await client.updateStatus(in: collection, id: first, to: "conflict")
    XCTAssertEqual(updated?["id"]?.stringValue, first)
    let read = try await client.status(in: collection, id: first)
    XCTAssertEqual(read["status"], "conflict")
    XCTAssertTrue(ContractValidator(version: .beta).validate(read, as: .deviceConfigurationDeviceStatus).isEmpty)
    Observations.note("XCTest-listThenPatchTheFirstThenRead", statuses + [updated ?? .null, read])
  }

  func testTypeCastCertificatePath() async throws {
    let client = DeviceStatusClient(tenant: Fixtures.tenant, session: cassetteSession())
    let configurations = try await client.configurations()
    let profile = try XCTUnwrap(configurations.first { $0.type == "microsoft.graph.macOSScepCertificateProfile" })
    let collection = DeviceStatusClient.Statuses.certificate(
      configuration: profile.id, type: profile.type, navigation: "rootCertificate")
    let statuses = try await client.statuses(in: collection)
    let first = try XCTUnwrap(statuses.first?["id"]?.stringValue)
    let updated = try await client.updateStatus(in: collection, id: first, to: "remediated")
    XCTAssertEqual(updated?["status"], "remediated")
  }
}

/// Without the base class: `withCassette` names the cassette explicitly.
final class DeviceStatusClientWithCassetteTests: XCTestCase {
  func testWithCassette() async throws {
    let value = try await withCassette("DeviceStatusClientXCTests/withCassette") { session in
      let client = DeviceStatusClient(tenant: Fixtures.tenant, session: session)
      let policies = try await client.policies()
      let collection = DeviceStatusClient.Statuses.policy(try XCTUnwrap(policies.first).id)
      let statuses = try await client.statuses(in: collection)
      let first = try XCTUnwrap(statuses.last?["id"]?.stringValue)
      return try await client.updateStatus(in: collection, id: first, to: "notAssigned")
    }
    XCTAssertEqual(value?["status"], "notAssigned")
  }
}
