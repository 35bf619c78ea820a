/// The device-status contracts Tapedeck ships, written as data from Graph's published
/// metadata (see `Documentation/Contracts.md` for the sources).
///
/// Complete: `entity`, `deviceConfigurationDeviceStatus`, `deviceComplianceDeviceStatus`,
/// `complianceStatus`. Excerpts (``EDMStructuredType/isPartial``, enough to resolve every
/// documented PATCH path): `deviceManagement`, `deviceConfiguration`, `deviceCompliancePolicy`
/// and, in beta, the certificate-profile types. v1.0 has no `platform` and no certificate paths.
///
/// ```swift
/// let model = BuiltInContracts.model(for: .beta)
/// ```
public enum BuiltInContracts {
  static let graph = "microsoft.graph"

  /// The built-in model for a version (built once per process).
  public static func model(for version: GraphVersion) -> EDMModel {
    switch version {
    case .beta: beta
    case .v1_0: v1_0
    }
  }

  static let beta = makeModel(.beta)
  static let v1_0 = makeModel(.v1_0)

  static func name(_ short: String) -> String { "\(graph).\(short)" }

  static func property(_ name: String, _ type: String, nullable: Bool = true) -> EDMProperty {
    EDMProperty(
      name: name,
      type: EDMTypeReference(parsing: type.hasPrefix("Edm.") ? type : "\(graph).\(type)", nullable: nullable))
  }

  static func navigation(_ name: String, _ target: String, collection: Bool = false, contained: Bool = false)
    -> EDMNavigationProperty
  {
    EDMNavigationProperty(
      name: name, target: EDMTypeReference(typeName: self.name(target), isCollection: collection, isNullable: true),
      containsTarget: contained)
  }

  /// The properties shared by both status types, in each version.
  static func statusProperties(_ version: GraphVersion) -> [EDMProperty] {
    var properties = [
      property("complianceGracePeriodExpirationDateTime", "Edm.DateTimeOffset", nullable: false),
      property("deviceDisplayName", "Edm.String"),
      property("deviceModel", "Edm.String"),
      property("lastReportedDateTime", "Edm.DateTimeOffset", nullable: false),
    ]
    if version == .beta { properties.append(property("platform", "Edm.Int32", nullable: false)) }
    properties += [
      property("status", "complianceStatus", nullable: false),
      property("userName", "Edm.String"),
      property("userPrincipalName", "Edm.String"),
    ]
    return properties
  }

  static func entity(
    _ short: String, base: String? = "entity", abstract: Bool = false, partial: Bool = false,
    properties: [EDMProperty] = [], navigations: [EDMNavigationProperty] = []
  ) -> EDMStructuredType {
    EDMStructuredType(
      kind: .entity, qualifiedName: name(short), baseType: base.map(name), isAbstract: abstract,
      key: base == nil ? ["id"] : [],
      properties: properties, navigationProperties: navigations, isPartial: partial)
  }

  static func makeModel(_ version: GraphVersion) -> EDMModel {
    var model = EDMModel()
    model.addNamespace(graph, alias: "graph")
    model.add(
      EDMEnumType(
        qualifiedName: name("complianceStatus"),
        members: [
          ("unknown", 0), ("notApplicable", 1), ("compliant", 2), ("remediated", 3), ("nonCompliant", 4), ("error", 5),
          ("conflict", 6), ("notAssigned", 7),
        ]))
    model.add(entity("entity", base: nil, abstract: true, properties: [property("id", "Edm.String", nullable: false)]))
    model.add(entity("deviceConfigurationDeviceStatus", properties: statusProperties(version)))
    model.add(entity("deviceComplianceDeviceStatus", properties: statusProperties(version)))
    model.add(
      entity(
        "deviceManagement", partial: true,
        navigations: [
          navigation("deviceCompliancePolicies", "deviceCompliancePolicy", collection: true, contained: true),
          navigation("deviceConfigurations", "deviceConfiguration", collection: true, contained: true),
        ]))
    model.add(
      entity(
        "deviceConfiguration", abstract: true, partial: true,
        navigations: [
          navigation("deviceStatuses", "deviceConfigurationDeviceStatus", collection: true, contained: true)
        ]))
    model.add(
      entity(
        "deviceCompliancePolicy", abstract: true, partial: true,
        navigations: [navigation("deviceStatuses", "deviceComplianceDeviceStatus", collection: true, contained: true)]))
    if version == .beta { addCertificateProfiles(to: &model) }
    model.container = EDMEntityContainer(
      name: "GraphService", singletons: ["deviceManagement": name("deviceManagement")])
    model.resolve()
    return model
  }

  /// The beta certificate-profile types whose navigation properties the documented
  /// certificate paths go through (declared on derived types only: a URL needs a cast).
  static func addCertificateProfiles(to model: inout EDMModel) {
    func excerpt(_ short: String, base: String, abstract: Bool = false, _ navigations: [EDMNavigationProperty] = []) {
      model.add(entity(short, base: base, abstract: abstract, partial: true, navigations: navigations))
    }
    excerpt("iosCertificateProfile", base: "deviceConfiguration", abstract: true)
    excerpt("iosCertificateProfileBase", base: "iosCertificateProfile", abstract: true)
    excerpt(
      "iosScepCertificateProfile", base: "iosCertificateProfileBase",
      [navigation("rootCertificate", "iosTrustedRootCertificate")])
    excerpt("iosTrustedRootCertificate", base: "deviceConfiguration")
    excerpt("macOSCertificateProfileBase", base: "deviceConfiguration", abstract: true)
    excerpt(
      "macOSScepCertificateProfile", base: "macOSCertificateProfileBase",
      [navigation("rootCertificate", "macOSTrustedRootCertificate")])
    excerpt("macOSTrustedRootCertificate", base: "deviceConfiguration")
    excerpt("windowsPhone81CertificateProfileBase", base: "deviceConfiguration", abstract: true)
    excerpt(
      "windowsPhone81SCEPCertificateProfile", base: "windowsPhone81CertificateProfileBase",
      [navigation("rootCertificate", "windowsPhone81TrustedRootCertificate")])
    excerpt("windowsPhone81TrustedRootCertificate", base: "deviceConfiguration")
    excerpt("windows81VpnConfiguration", base: "deviceConfiguration")
    excerpt(
      "windowsPhone81VpnConfiguration", base: "windows81VpnConfiguration",
      [navigation("identityCertificate", "windowsPhone81CertificateProfileBase")])
    excerpt(
      "macOSWiredNetworkConfiguration", base: "deviceConfiguration",
      [
        navigation("identityCertificateForClientAuthentication", "macOSCertificateProfileBase"),
        navigation("rootCertificateForServerValidation", "macOSTrustedRootCertificate"),
      ])
    excerpt("windowsCertificateProfileBase", base: "deviceConfiguration", abstract: true)
    excerpt("windows81TrustedRootCertificate", base: "deviceConfiguration")
    excerpt("windowsWifiConfiguration", base: "deviceConfiguration")
    excerpt(
      "windowsWifiEnterpriseEAPConfiguration", base: "windowsWifiConfiguration",
      [
        navigation("identityCertificateForClientAuthentication", "windowsCertificateProfileBase"),
        navigation("rootCertificateForClientValidation", "windows81TrustedRootCertificate"),
        navigation("rootCertificatesForServerValidation", "windows81TrustedRootCertificate", collection: true),
      ])
  }
}
