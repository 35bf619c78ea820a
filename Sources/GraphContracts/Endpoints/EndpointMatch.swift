import Foundation
import TapedeckSupport

/// A concrete URL matched to its documented template, version and target type.
///
/// ```swift
/// let match = EndpointCatalog.documented.match("https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/a/deviceStatuses/b")
/// match?.version     // .beta
/// match?.targetType  // "microsoft.graph.deviceConfigurationDeviceStatus"
/// ```
public struct EndpointMatch: Sendable, Hashable {
  /// The template matched.
  public let template: EndpointTemplate
  /// The API version in the URL.
  public let version: GraphVersion
  /// The `{parameter}` values, decoded.
  public let parameters: [String: String]
  /// What the template addresses in that version's built-in model.
  public let resolution: TemplateResolution

  /// The entity type the URL addresses, when it resolves.
  public var targetType: String? { resolution.targetType }
}

extension EndpointCatalog {
  /// Matches a concrete URL (`https://graph.microsoft.com/beta/…`, or a path starting with the
  /// version) against the templates: percent-encoded or not, keys as segments or as `('key')`.
  public func match(_ url: String, model: EDMModel? = nil) -> EndpointMatch? {
    guard let (version, segments) = Self.split(url) else { return nil }
    for template in templates where template.segments.count == segments.count {
      var parameters: [String: String] = [:]
      var matches = true
      for (expected, actual) in zip(template.segments, segments) {
        switch expected {
        case .literal(let literal): matches = Self.equalIgnoringASCIICase(literal, actual)
        case .parameter(let name): parameters[name] = actual
        }
        if !matches { break }
      }
      if matches {
        let resolution = TemplateResolution.resolve(
          template.segments, in: model ?? BuiltInContracts.model(for: version))
        return EndpointMatch(template: template, version: version, parameters: parameters, resolution: resolution)
      }
    }
    return nil
  }

  /// ASCII case-insensitive equality without allocating.
  static func equalIgnoringASCIICase(_ lhs: String, _ rhs: String) -> Bool {
    if lhs == rhs { return true }
    guard lhs.utf8.count == rhs.utf8.count else { return false }
    for (left, right) in zip(lhs.utf8, rhs.utf8) where left != right {
      let lowerLeft = left >= 0x41 && left <= 0x5A ? left + 0x20 : left
      let lowerRight = right >= 0x41 && right <= 0x5A ? right + 0x20 : right
      if lowerLeft != lowerRight { return false }
    }
    return true
  }

  /// The version and decoded path segments of a URL (after the version); `('key')` key syntax
  /// becomes its own segment. `nil` when the path does not start with `/beta` or `/v1.0`.
  ///
  /// ```swift
  /// EndpointCatalog.split("/beta/deviceManagement/deviceConfigurations('a')")  // (.beta, ["deviceManagement", "deviceConfigurations", "a"])
  /// ```
  public static func split(_ url: String) -> (GraphVersion, [String])? {
    var path = Substring(url)
    if let schemeEnd = path.utf8.firstIndex(of: UInt8(ascii: ":")), path[schemeEnd...].hasPrefix("://") {
      path = path[path.index(schemeEnd, offsetBy: 3)...]
      path = path[(path.firstIndex(of: "/") ?? path.endIndex)...]
    }
    if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<end] }
    var segments: [String] = []
    for raw in path.split(separator: "/") {
      let decoded =
        raw.utf8.contains(UInt8(ascii: "%")) ? (String(raw).removingPercentEncoding ?? String(raw)) : String(raw)
      if decoded.utf8.last == UInt8(ascii: ")"), let open = decoded.firstIndex(of: "("),
        !decoded.hasPrefix("Collection(")
      {
        segments.append(String(decoded[..<open]))
        var key = decoded[decoded.index(after: open)..<decoded.index(before: decoded.endIndex)]
        if key.hasPrefix("'"), key.hasSuffix("'"), key.count >= 2 { key = key.dropFirst().dropLast() }
        segments.append(key.contains("''") ? key.replacingOccurrences(of: "''", with: "'") : String(key))
      } else {
        segments.append(decoded)
      }
    }
    guard let first = segments.first, let version = GraphVersion(rawValue: first) else { return nil }
    return (version, Array(segments.dropFirst()))
  }
}
