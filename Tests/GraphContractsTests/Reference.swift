import Foundation

/// The shared reference folder (`../shared/reference`), present in CI; tests that need it say
/// clearly when it is absent.
enum Reference {
  static let folder: URL? = {
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while folder.path != "/" {
      let candidate = folder.appendingPathComponent("../shared/reference").standardizedFileURL
      if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("graph-facts.md").path) {
        return candidate
      }
      folder.deleteLastPathComponent()
    }
    return nil
  }()

  static func file(_ relative: String) -> URL? {
    guard let url = folder?.appendingPathComponent(relative), FileManager.default.fileExists(atPath: url.path) else {
      return nil
    }
    return url
  }

  static var v1Metadata: URL? { file("graph-metadata/v1.0-Prod.csdl") }
}

/// The example bodies of the two docs pages, as the project writes them for its tests.
enum DocsExamples {
  static let configurationResponse = """
    {
      "@odata.type": "#microsoft.graph.deviceConfigurationDeviceStatus",
      "id": "674e98e5-98e5-674e-e598-4e67e5984e67",
      "deviceDisplayName": "Device Display Name value",
      "userName": "User Name value",
      "deviceModel": "Device Model value",
      "platform": 8,
      "complianceGracePeriodExpirationDateTime": "2016-12-31T23:56:44.951111-08:00",
      "status": "notApplicable",
      "lastReportedDateTime": "2017-01-01T00:00:17.7769392-08:00",
      "userPrincipalName": "User Principal Name value"
    }
    """

  static let complianceStubResponse = """
    {
      "@odata.type": "#microsoft.graph.deviceComplianceDeviceStatus",
      "id": "a72b2760-2760-a72b-6027-2ba760272ba7",
      "deviceDisplayName": "Device Display Name value",
      "userName": "User Name value",
      "deviceModel": "Device Model value",
      "platform": 8,
      "complianceGracePeriodExpirationDateTime": "2017-01-01T00:02:41.4369203+03:00",
      "status": "String",
      "lastReportedDateTime": "2017-01-01T00:00:59.8078557+03:00",
      "userPrincipalName": "User Principal Name value"
    }
    """
}
