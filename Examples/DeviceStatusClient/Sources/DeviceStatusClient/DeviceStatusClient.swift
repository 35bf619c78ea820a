import Foundation
import GraphTenant
import Tapedeck

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A small Microsoft Graph client for Intune device statuses.
///
/// ```swift
/// let client = DeviceStatusClient(tenant: try .fromEnvironment(), session: .shared)
/// try await client.updateStatus(configuration: id, status: statusID, to: "compliant")
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

  /// `PATCH /beta/deviceManagement/deviceConfigurations/{id}/deviceStatuses/{id}` with a new status.
  public func updateStatus(configuration: String, status: String, to value: String) async throws -> JSONValue? {
    let (status, body) = try await send("PATCH", path(configuration, status), body: ["status": .string(value)])
    guard status == 200 || status == 204 else {
      throw CallError(status: status, code: body?["error"]?["code"]?.stringValue ?? "")
    }
    return body
  }

  /// `GET` the same status.
  public func status(configuration: String, status: String) async throws -> JSONValue {
    let (code, body) = try await send("GET", path(configuration, status), body: nil)
    guard code == 200, let body else { throw CallError(status: code, code: body?["error"]?["code"]?.stringValue ?? "") }
    return body
  }

  func path(_ configuration: String, _ status: String) -> String {
    "/beta/deviceManagement/deviceConfigurations/\(configuration)/deviceStatuses/\(status)"
  }

  func send(_ method: String, _ path: String, body: JSONValue?) async throws -> (Int, JSONValue?) {
    var request = URLRequest(url: URL(string: tenant.graphURL.absoluteString + path)!)
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
