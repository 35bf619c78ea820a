/// The documented device-status PATCH templates, from both docs pages and the compliance page.
///
/// ```swift
/// EndpointCatalog.documented.templates.count  // 14
/// ```
public struct EndpointCatalog: Sendable {
  /// The templates, in documentation order.
  public let templates: [EndpointTemplate]

  /// A catalog of templates.
  public init(templates: [EndpointTemplate]) { self.templates = templates }

  static let configurationPage = "Update deviceConfigurationDeviceStatus (beta docs page)"
  static let configurationPageB = "Update deviceConfigurationDeviceStatus (2024 revision of the beta docs page)"
  static let compliancePage = "Update deviceComplianceDeviceStatus (beta docs page)"
  static let complianceStub = "Update deviceStatuses (auto-generated docs stub)"

  /// Every documented PATCH path for the two device-status types.
  public static let documented: EndpointCatalog = {
    let configurations = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}"
    let status = "deviceStatuses/{deviceConfigurationDeviceStatusId}"
    let pageA = [
      "\(configurations)/\(status)",
      "\(configurations)/rootCertificate/\(status)",
      "\(configurations)/identityCertificate/\(status)",
      "\(configurations)/identityCertificate/rootCertificate/\(status)",
      "\(configurations)/microsoft.graph.iosScepCertificateProfile/rootCertificate/\(status)",
      "\(configurations)/microsoft.graph.windowsPhone81VpnConfiguration/identityCertificate/\(status)",
      "\(configurations)/microsoft.graph.macOSWiredNetworkConfiguration/rootCertificateForServerValidation/\(status)",
      "\(configurations)/microsoft.graph.macOSWiredNetworkConfiguration/identityCertificateForClientAuthentication/\(status)",
      "\(configurations)/microsoft.graph.windowsWifiEnterpriseEAPConfiguration/identityCertificateForClientAuthentication/\(status)",
      "\(configurations)/microsoft.graph.windowsWifiEnterpriseEAPConfiguration/rootCertificatesForServerValidation/{windows81TrustedRootCertificateId}/\(status)",
    ]
    let pageB = [
      "\(configurations)/microsoft.graph.macOSScepCertificateProfile/rootCertificate/\(status)",
      "\(configurations)/microsoft.graph.windowsPhone81SCEPCertificateProfile/rootCertificate/\(status)",
    ]
    let compliance = "/deviceManagement/deviceCompliancePolicies/{deviceCompliancePolicyId}/deviceStatuses"
    return EndpointCatalog(
      templates: pageA.map { EndpointTemplate(method: "PATCH", path: $0, source: configurationPage) }
        + pageB.map { EndpointTemplate(method: "PATCH", path: $0, source: configurationPageB) } + [
          EndpointTemplate(
            method: "PATCH", path: "\(compliance)/{deviceComplianceDeviceStatusId}", source: compliancePage),
          EndpointTemplate(method: "PATCH", path: compliance, source: complianceStub),
        ])
  }()
}
