import Foundation
import GraphContracts
import Testing

@Suite("The endpoint catalog: documented templates, URL matching, resolution")
struct EndpointCatalogTests {
  let catalog = EndpointCatalog.documented

  @Test("Every documented template resolves in beta except the three without a cast and the collection PATCH")
  func resolution() {
    let beta = BuiltInContracts.model(for: .beta)
    let unresolved = catalog.templates.filter { !TemplateResolution.resolve($0.segments, in: beta).resolves }.map(
      \.path)
    #expect(
      unresolved == [
        "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/rootCertificate/deviceStatuses/{deviceConfigurationDeviceStatusId}",
        "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/identityCertificate/deviceStatuses/{deviceConfigurationDeviceStatusId}",
        "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/identityCertificate/rootCertificate/deviceStatuses/{deviceConfigurationDeviceStatusId}",
        "/deviceManagement/deviceCompliancePolicies/{deviceCompliancePolicyId}/deviceStatuses",
      ])
    let cast = TemplateResolution.resolve(catalog.templates[1].segments, in: beta)
    #expect(cast.problem?.contains("declared only on types derived from deviceConfiguration") == true)
    #expect(cast.problem?.contains("microsoft.graph.") == true)
    let collection = TemplateResolution.resolve(catalog.templates.last!.segments, in: beta)
    #expect(collection.problem?.contains("a PATCH on a collection is not an entity update") == true)
    for template in catalog.templates where TemplateResolution.resolve(template.segments, in: beta).resolves {
      let target = TemplateResolution.resolve(template.segments, in: beta).targetType
      #expect(
        target == "microsoft.graph.deviceConfigurationDeviceStatus"
          || target == "microsoft.graph.deviceComplianceDeviceStatus")
    }
  }

  @Test("In v1.0 only the two base paths resolve")
  func v1Resolution() {
    let v1 = BuiltInContracts.model(for: .v1_0)
    let resolved = catalog.templates.filter { TemplateResolution.resolve($0.segments, in: v1).resolves }.map(\.path)
    #expect(resolved.count == 2)
  }

  @Test(
    "Concrete URLs match their template, version and target type",
    arguments: [
      "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/abc/deviceStatuses/def",
      "/beta/deviceManagement/deviceConfigurations('abc')/deviceStatuses('def')?$select=status",
      "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/abc/deviceStatuses/d%65f",
    ])
  func matching(url: String) throws {
    let match = try #require(catalog.match(url))
    #expect(match.version == .beta)
    #expect(match.parameters == ["deviceConfigurationId": "abc", "deviceConfigurationDeviceStatusId": "def"])
    #expect(match.targetType == "microsoft.graph.deviceConfigurationDeviceStatus")
    #expect(match.resolution.resolves)
  }

  @Test("Type-cast certificate URLs match; v1.0 certificate URLs do not resolve; unknown URLs do not match")
  func castsAndUnknowns() throws {
    let cast = try #require(
      catalog.match(
        "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/a/microsoft.graph.windowsWifiEnterpriseEAPConfiguration/rootCertificatesForServerValidation/r/deviceStatuses/s"
      ))
    #expect(cast.resolution.resolves)
    #expect(cast.parameters["windows81TrustedRootCertificateId"] == "r")
    let v1 = try #require(
      catalog.match(
        "https://graph.microsoft.com/v1.0/deviceManagement/deviceConfigurations/a/microsoft.graph.iosScepCertificateProfile/rootCertificate/deviceStatuses/s"
      ))
    #expect(!v1.resolution.resolves)
    #expect(catalog.match("https://graph.microsoft.com/beta/users/a") == nil)
    #expect(
      catalog.match("https://graph.microsoft.com/deviceManagement/deviceConfigurations/a/deviceStatuses/b") == nil)
  }
}
