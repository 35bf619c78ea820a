import DeviceStatusClient
import GraphContracts
import Tapedeck
import TapedeckTesting
import Testing

@Suite("DeviceStatusClient on cassettes (Swift Testing)")
struct DeviceStatusClientSwiftTests {
  @Test(.cassette(redactor: Fixtures.redactor))
  func updateThenRead() async throws {
    let client = DeviceStatusClient(tenant: Fixtures.tenant, session: try cassetteSession())
    let updated = try #require(
      try await client.updateStatus(configuration: Fixtures.configuration, status: Fixtures.status, to: "nonCompliant"))
    #expect(updated["status"] == "nonCompliant")
    let read = try await client.status(configuration: Fixtures.configuration, status: Fixtures.status)
    #expect(read["status"] == "nonCompliant")
    #expect(ContractValidator(version: .beta).validate(read, as: .deviceConfigurationDeviceStatus).isEmpty)
  }

  @Test(.cassette(redactor: Fixtures.redactor))
  func rejectsAStatusThatIsNotAMember() async throws {
    let client = DeviceStatusClient(tenant: Fixtures.tenant, session: try cassetteSession())
    await #expect(throws: DeviceStatusClient.CallError(status: 400, code: "ModelValidationFailure")) {
      _ = try await client.updateStatus(configuration: Fixtures.configuration, status: Fixtures.status, to: "String")
    }
  }
}
