import Foundation
import GraphTenant
import Tapedeck

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A small Microsoft Graph client for Intune device statuses, written the way an Intune script
/// uses Graph: list configurations or policies, list one's device statuses, act on one.
///
/// ```swift
/// let client = DeviceStatusClient(tenant: try .fromEnvironment(), session: .shared)
/// let first = try await client.configurations().first!
/// let statuses = try await client.statuses(in: .configuration(first.id))
/// _ = try await client.updateStatus(in: .configuration(first.id), id: statuses[0].id, to: "compliant")
/// ```
public struct DeviceStatusClient: Sendable {
  /// The tenant.
  public let tenant: TenantConfiguration
  let session: URLSession
  let tokens: TokenProvider

  /// A client sending through `session` (in tests: a cassette's session).
  public init(tenant: TenantConfiguration, session: URLSession) {
    self.tenant = tenant
    self.session = session
    self.tokens = TokenProvider(tenant: tenant, session: session)
  }

  /// A device configuration or compliance policy, as listed.
  public struct Item: Sendable, Equatable {
    /// Its id.
    public let id: String
    /// Its concrete type, from `@odata.type` (`microsoft.graph.iosScepCertificateProfile`).
    public let type: String
  }

  /// A collection of device statuses.
  public enum Statuses: Sendable, Equatable {
    /// `deviceConfigurations/{id}/deviceStatuses`.
    case configuration(String)
    /// `deviceCompliancePolicies/{id}/deviceStatuses`.
    case policy(String)
    /// `deviceConfigurations/{id}/{type}/{navigation}/deviceStatuses` (a certificate profile's root certificate, say).
    case certificate(configuration: String, type: String, navigation: String)

    var path: String {
      switch self {
      case .configuration(let id): "/beta/deviceManagement/deviceConfigurations/\(id)/deviceStatuses"
      case .policy(let id): "/beta/deviceManagement/deviceCompliancePolicies/\(id)/deviceStatuses"
      case .certificate(let id, let type, let navigation):
        "/beta/deviceManagement/deviceConfigurations/\(id)/\(type)/\(navigation)/deviceStatuses"
      }
    }
  }

  /// A failed call: the status and Graph's error code.
  public struct CallError: Error, Sendable, Equatable {
    /// The HTTP status.
    public let status: Int
    /// Graph's error code.
    public let code: String

    /// Creates an error.
    public init(status: Int, code: String) {
      self.status = status
      self.code = code
    }
  }

  /// `GET /beta/deviceManagement/deviceConfigurations`.
  public func configurations() async throws -> [Item] {
    try await items("/beta/deviceManagement/deviceConfigurations")
  }

  /// `GET /beta/deviceManagement/deviceCompliancePolicies`.
  public func policies() async throws -> [Item] {
    try await items("/beta/deviceManagement/deviceCompliancePolicies")
  }

  /// The raw list answer of a status collection, and its items.
  public func statusList(in collection: Statuses) async throws -> (answer: JSONValue, statuses: [JSONValue]) {
    let answer = try await get(collection.path)
    guard case .array(let items)? = answer["value"] else { throw CallError(status: 200, code: "NotAList") }
    return (answer, items)
  }

  /// The statuses of a collection.
  public func statuses(in collection: Statuses) async throws -> [JSONValue] {
    try await statusList(in: collection).statuses
  }

  /// `PATCH {collection}/{id}` with a new status; the answer (nil for a 204).
  public func updateStatus(in collection: Statuses, id: String, to value: String) async throws -> JSONValue? {
    let (status, body) = try await send("PATCH", collection.path + "/" + id, body: ["status": .string(value)])
    guard status == 200 || status == 204 else {
      throw CallError(status: status, code: body?["error"]?["code"]?.stringValue ?? "")
    }
    return body
  }

  /// `GET {collection}/{id}`.
  public func status(in collection: Statuses, id: String) async throws -> JSONValue {
    try await get(collection.path + "/" + id)
  }

  func items(_ path: String) async throws -> [Item] {
    guard case .array(let values)? = try await get(path)["value"] else { return [] }
    return values.compactMap { value in
      guard let id = value["id"]?.stringValue, let type = value["@odata.type"]?.stringValue else { return nil }
      return Item(id: id, type: String(type.dropFirst()))
    }
  }

  func get(_ path: String) async throws -> JSONValue {
    let (code, body) = try await send("GET", path, body: nil)
    guard code == 200, let body else { throw CallError(status: code, code: body?["error"]?["code"]?.stringValue ?? "") }
    return body
  }

  func send(_ method: String, _ path: String, body: JSONValue?) async throws -> (Int, JSONValue?) {
    var base = tenant.graphURL.absoluteString
    if base.hasSuffix("/") { base.removeLast() }
    var request = URLRequest(url: URL(string: base + path)!)
    request.httpMethod = method
    request.setValue("Bearer \(try await tokens.token())", forHTTPHeaderField: "Authorization")
    request.setValue("application/json", forHTTPHeaderField: "Accept")
    if let body {
      request.httpBody = JSONWriter.compactData(body)
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    }
    let (data, response) = try await session.data(for: request)
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, data.isEmpty ? nil : try? JSONParser.parse(data))
  }
}
