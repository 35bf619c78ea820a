/// A documented URL template, such as
/// `/deviceManagement/deviceConfigurations/{deviceConfigurationId}/deviceStatuses/{deviceConfigurationDeviceStatusId}`.
///
/// ```swift
/// let template = EndpointTemplate(method: "PATCH", path: "/deviceManagement/deviceConfigurations/{id}/deviceStatuses/{statusId}", source: "docs")
/// ```
public struct EndpointTemplate: Sendable, Hashable, CustomStringConvertible {
  /// One path segment: a literal (navigation property, singleton, type cast) or a `{parameter}`.
  public enum Segment: Sendable, Hashable {
    /// A fixed segment.
    case literal(String)
    /// A key placeholder.
    case parameter(String)
  }

  /// The HTTP method.
  public let method: String
  /// The path without version prefix.
  public let path: String
  /// Where the template is documented.
  public let source: String
  /// The path's segments.
  public let segments: [Segment]

  /// Creates a template from its path.
  public init(method: String, path: String, source: String) {
    self.method = method
    self.path = path
    self.source = source
    self.segments = path.split(separator: "/").map { part in
      part.hasPrefix("{") && part.hasSuffix("}")
        ? .parameter(String(part.dropFirst().dropLast())) : .literal(String(part))
    }
  }

  public var description: String { "\(method) \(path)" }
}
