import Foundation
import TapedeckSupport

/// Resolutions of templates against the built-in models, computed once per template and version.
enum BuiltInResolutions {
  private static let cache = Locked<[String: TemplateResolution]>([:])

  static func resolution(of template: EndpointTemplate, version: GraphVersion) -> TemplateResolution {
    let key = "\(version.rawValue) \(template.path)"
    if let hit = cache.withLock({ $0[key] }) { return hit }
    let resolution = TemplateResolution.resolve(template.segments, in: BuiltInContracts.model(for: version))
    cache.withLock { $0[key] = resolution }
    return resolution
  }
}
