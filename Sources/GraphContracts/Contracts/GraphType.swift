/// A Graph type by qualified name, with the device-status types named for convenience.
///
/// ```swift
/// let type: GraphType = .deviceConfigurationDeviceStatus
/// ```
public struct GraphType: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
  /// `microsoft.graph.name` (a bare name is taken to be in `microsoft.graph`).
  public let qualifiedName: String

  /// A type by name: `"deviceConfigurationDeviceStatus"` or `"microsoft.graph.entity"`.
  public init(_ name: String) {
    let trimmed = name.hasPrefix("#") ? String(name.dropFirst()) : name
    qualifiedName = trimmed.contains(".") ? trimmed : "microsoft.graph.\(trimmed)"
  }

  public init(stringLiteral value: String) { self.init(value) }

  /// `microsoft.graph.entity`.
  public static let entity = GraphType("entity")
  /// `microsoft.graph.deviceConfigurationDeviceStatus`.
  public static let deviceConfigurationDeviceStatus = GraphType("deviceConfigurationDeviceStatus")
  /// `microsoft.graph.deviceComplianceDeviceStatus`.
  public static let deviceComplianceDeviceStatus = GraphType("deviceComplianceDeviceStatus")
  /// `microsoft.graph.complianceStatus` (an enum).
  public static let complianceStatus = GraphType("complianceStatus")

  public var description: String { qualifiedName }
}
