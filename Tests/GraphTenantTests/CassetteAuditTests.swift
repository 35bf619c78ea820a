import Foundation
import GraphTenant
import HTTPTypes
import Tapedeck
import Testing

/// What the audit must and must not report.
@Suite struct CassetteAuditTests {
  @Test func aBearerTokenLeftInAHeaderIsFoundWithoutShowingIt() throws {
    let fakeToken = "Bearer FAKE-not-a-real-token-0000000000000000"
    let request = RecordedRequest(
      method: .get,
      url: "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations",
      headers: [.authorization: fakeToken]
    )
    let interaction = Interaction(
      recordedAt: Date(timeIntervalSince1970: 0), request: request, response: RecordedResponse(status: .ok))
    let cassette = Cassette(name: "audit", interactions: [interaction])
    let findings = CassetteAudit.findings(in: cassette, rules: CassetteAudit.rules(environment: [:]))
    #expect(findings.map(\.path) == ["$.interactions[0].request.headers.Authorization[0]"])
    #expect(!findings.map(\.description).joined().contains("FAKE-not-a-real-token"))
  }
}
