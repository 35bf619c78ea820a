import Foundation
import GraphTenant
import Testing

/// `TenantConfiguration.fromEnvironment`: what it reads, and the messages that say what is wrong.
@Suite struct TenantConfigurationTests {
  static let complete = [
    "GRAPH_TENANT_ID": Fake.tenantID, "GRAPH_CLIENT_ID": Fake.clientID, "GRAPH_CLIENT_SECRET": Fake.secret,
  ]

  static func error(_ environment: [String: String]) -> TenantConfigurationError? {
    do {
      _ = try TenantConfiguration.fromEnvironment(environment)
      return nil
    } catch {
      return error
    }
  }

  @Test("The three ids are read, and the URLs default to the public cloud")
  func defaults() throws {
    let tenant = try TenantConfiguration.fromEnvironment(Self.complete)
    #expect(tenant.tenantID == Fake.tenantID)
    #expect(tenant.clientID == Fake.clientID)
    #expect(tenant.clientSecret == Fake.secret)
    #expect(tenant.graphURL.absoluteString == "https://graph.microsoft.com")
    #expect(tenant.authorityURL.absoluteString == "https://login.microsoftonline.com")
    #expect(
      tenant.tokenURL.absoluteString == "https://login.microsoftonline.com/\(Fake.tenantID)/oauth2/v2.0/token")
  }

  @Test("GRAPH_BASE_URL and GRAPH_AUTHORITY override the URLs; empty means unset")
  func overrides() throws {
    var environment = Self.complete
    environment["GRAPH_BASE_URL"] = "http://127.0.0.1:8080"
    environment["GRAPH_AUTHORITY"] = "http://127.0.0.1:8080"
    let tenant = try TenantConfiguration.fromEnvironment(environment)
    #expect(tenant.graphURL.absoluteString == "http://127.0.0.1:8080")
    #expect(tenant.tokenURL.absoluteString == "http://127.0.0.1:8080/\(Fake.tenantID)/oauth2/v2.0/token")
    environment["GRAPH_BASE_URL"] = ""
    #expect(
      try TenantConfiguration.fromEnvironment(environment).graphURL.absoluteString == "https://graph.microsoft.com")
  }

  static let setUp =
    "Set GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET to an app registration with "
    + "DeviceManagementConfiguration.ReadWrite.All (see Documentation/RecordingLiveTenants.md), or run "
    + "`tapedeck sandbox` for a local tenant."

  @Test("One missing variable: named, with how to set it up")
  func oneMissing() throws {
    var environment = Self.complete
    environment["GRAPH_CLIENT_SECRET"] = nil
    let error = try #require(Self.error(environment))
    #expect(error.missing == ["GRAPH_CLIENT_SECRET"])
    #expect(error.description == "GRAPH_CLIENT_SECRET is not set. \(Self.setUp)")
  }

  @Test("Every missing or empty variable is named, in order")
  func allMissing() throws {
    let error = try #require(Self.error(["GRAPH_CLIENT_ID": ""]))
    #expect(error.missing == ["GRAPH_TENANT_ID", "GRAPH_CLIENT_ID", "GRAPH_CLIENT_SECRET"])
    #expect(error.description == "GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET are not set. \(Self.setUp)")
    #expect(!error.description.contains(Fake.secret))
  }

  @Test(
    "A URL that is not http(s) with a host is refused, by name",
    arguments: ["graph.microsoft.com", "ftp://graph.microsoft.com", "https://", "not a url"])
  func invalidURL(_ text: String) throws {
    var environment = Self.complete
    environment["GRAPH_BASE_URL"] = text
    let error = try #require(Self.error(environment))
    #expect(error.invalid == ["GRAPH_BASE_URL"])
    #expect(error.description == "GRAPH_BASE_URL must be an http(s) URL such as https://graph.microsoft.com.")
  }

  @Test("Both URLs invalid: both named in one sentence")
  func bothInvalid() throws {
    var environment = Self.complete
    environment["GRAPH_BASE_URL"] = "graph"
    environment["GRAPH_AUTHORITY"] = "login"
    let error = try #require(Self.error(environment))
    #expect(
      error.description == "GRAPH_BASE_URL, GRAPH_AUTHORITY must be an http(s) URL such as https://graph.microsoft.com."
    )
  }

  @Test("Missing variables are reported before malformed URLs")
  func missingFirst() throws {
    let error = try #require(Self.error(["GRAPH_BASE_URL": "graph"]))
    #expect(error.invalid == [])
    #expect(error.missing.count == 3)
  }
}
