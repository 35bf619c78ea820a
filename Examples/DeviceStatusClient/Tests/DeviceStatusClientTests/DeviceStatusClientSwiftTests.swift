import DeviceStatusClient
import GraphContracts
import Tapedeck
import TapedeckTesting
import Testing

/// Everyday Intune work on cassettes: each test records on its first run against the sandbox
/// (or a tenant) and replays offline after that, and always under CI.
@Suite("DeviceStatusClient on cassettes (Swift Testing)")
struct DeviceStatusClientSwiftTests {
  /// The configuration of a given type, found by listing (each test uses its own, so tests
  /// running in parallel while recording do not change each other's statuses).
  static func configuration(of type: String, _ client: DeviceStatusClient) async throws -> DeviceStatusClient.Item {
    try #require(try await client.configurations().first { $0.type == "microsoft.graph.\(type)" })
  }

  @Test(.cassette)
  func listThenPatchTheFirstThenRead() async throws {
    let client = DeviceStatusClient(tenant: Fixtures.tenant, session: try cassetteSession())
    let configuration = try await Self.configuration(of: "windows10GeneralConfiguration", client)
    let collection = DeviceStatusClient.Statuses.configuration(configuration.id)
    let list = try await client.statusList(in: collection)
    expectConforms(nil, JSONWriter.compactData(list.answer), to: .deviceConfigurationDeviceStatus)
    let first = try #require(list.statuses.first?["id"]?.stringValue)
    let updated = try #require(try await client.updateStatus(in: collection, id: first, to: "nonCompliant"))
    #expect(updated["id"]?.stringValue == first)
    let read = try await client.status(in: collection, id: first)
    #expect(read["id"]?.stringValue == first)
    #expect(read["status"] == "nonCompliant")
    Observations.note("listThenPatchTheFirstThenRead", [list.answer, updated, read])
  }

  @Test(.cassette, arguments: ["compliant", "remediated", "error"])
  func patchEachStatus(_ value: String) async throws {
    let client = DeviceStatusClient(tenant: Fixtures.tenant, session: try cassetteSession())
    let configuration = try await Self.configuration(of: "windows81SCEPCertificateProfile", client)
    let collection = DeviceStatusClient.Statuses.configuration(configuration.id)
    // Each case acts on its own status, so the cases may run in parallel.
    let statuses = try await client.statuses(in: collection)
    let index = ["compliant", "remediated", "error"].firstIndex(of: value)! % statuses.count
    let id = try #require(statuses[index]["id"]?.stringValue)
    let updated = try #require(try await client.updateStatus(in: collection, id: id, to: value))
    #expect(updated["status"]?.stringValue == value)
    Observations.note("patchEachStatus-\(value)", statuses + [updated])
  }

  @Test(.cassette)
  func compliancePolicyStatus() async throws {
    let client = DeviceStatusClient(tenant: Fixtures.tenant, session: try cassetteSession())
    let policy = try #require(try await client.policies().first { $0.type == "microsoft.graph.iosCompliancePolicy" })
    let collection = DeviceStatusClient.Statuses.policy(policy.id)
    let first = try #require(try await client.statuses(in: collection).first?["id"]?.stringValue)
    _ = try await client.updateStatus(in: collection, id: first, to: "compliant")
    let read = try await client.status(in: collection, id: first)
    #expect(read["status"] == "compliant")
    #expect(ContractValidator(version: .beta).validate(read, as: .deviceComplianceDeviceStatus).isEmpty)
  }

  @Test(.cassette)
  func certificateProfileRootCertificateStatus() async throws {
    let client = DeviceStatusClient(tenant: Fixtures.tenant, session: try cassetteSession())
    let profile = try await Self.configuration(of: "windowsPhone81SCEPCertificateProfile", client)
    let collection = DeviceStatusClient.Statuses.certificate(
      configuration: profile.id, type: "microsoft.graph.windowsPhone81SCEPCertificateProfile",
      navigation: "rootCertificate")
    let first = try #require(try await client.statuses(in: collection).first?["id"]?.stringValue)
    let updated = try #require(try await client.updateStatus(in: collection, id: first, to: "notApplicable"))
    #expect(updated["status"] == "notApplicable")
    #expect(try await client.status(in: collection, id: first)["status"] == "notApplicable")
  }

  @Test(.cassette)
  func rejectsAStatusThatIsNotAMember() async throws {
    let client = DeviceStatusClient(tenant: Fixtures.tenant, session: try cassetteSession())
    let policy = try #require(try await client.policies().last)
    let collection = DeviceStatusClient.Statuses.policy(policy.id)
    let first = try #require(try await client.statuses(in: collection).first?["id"]?.stringValue)
    await #expect(throws: DeviceStatusClient.CallError(status: 400, code: "ModelValidationFailure")) {
      _ = try await client.updateStatus(in: collection, id: first, to: "String")
    }
  }
}
