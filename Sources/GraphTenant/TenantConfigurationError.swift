import Foundation

/// Missing or malformed tenant variables.
///
/// ```swift
/// // GRAPH_CLIENT_SECRET is not set. Set GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET …
/// ```
public struct TenantConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Variables that are unset or empty.
  public let missing: [String]
  /// Variables whose value is not an http(s) URL.
  public let invalid: [String]

  public var description: String {
    var parts: [String] = []
    if !missing.isEmpty {
      parts.append(
        "\(missing.joined(separator: ", ")) \(missing.count == 1 ? "is" : "are") not set. Set GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET to an app registration with DeviceManagementConfiguration.ReadWrite.All (see Documentation/RecordingLiveTenants.md), or run `tapedeck sandbox` for a local tenant."
      )
    }
    if !invalid.isEmpty {
      parts.append("\(invalid.joined(separator: ", ")) must be an http(s) URL such as https://graph.microsoft.com.")
    }
    return parts.joined(separator: " ")
  }
}
