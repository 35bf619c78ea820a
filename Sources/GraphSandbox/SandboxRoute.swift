import GraphContracts
import HTTPTypes
import TapedeckSupport

/// Where a Graph path leads, worked out once per path and remembered: the tenant's shape
/// never changes (statuses are patched, never created or deleted), so the same path always
/// resolves the same way. What varies per request (the method, query options, the body) is
/// applied to the resolved route.
enum SandboxRoute: Sendable {
  /// `…/deviceConfigurations` or `…/deviceCompliancePolicies`, or one of them by id.
  case items(policies: Bool, id: String?, countOnly: Bool)
  /// A `deviceStatuses` collection (or its `/$count`).
  case statuses(Resolved, countOnly: Bool)
  /// One status.
  case status(Resolved, id: String)
  /// A refusal that depends only on the path.
  case failure(status: HTTPResponse.Status, code: String, message: String)

  /// What a status route needs: the owner, its type and schema, and its context URL.
  struct Resolved: Sendable {
    let owner: SandboxStore.Owner
    let typeName: String
    let schema: ODataSchema
    let contextBase: String
  }
}

/// Remembers resolved routes per path, up to a bound (then starts over), so memory stays flat
/// whatever paths clients send.
final class SandboxRouteCache: Sendable {
  private let routes = Locked<[String: SandboxRoute]>([:])
  static let capacity = 4096

  func route(for key: String, resolve: () -> SandboxRoute) -> SandboxRoute {
    if let known = routes.withLock({ $0[key] }) { return known }
    let resolved = resolve()
    routes.withLock { table in
      if table.count >= Self.capacity { table.removeAll(keepingCapacity: true) }
      table[key] = resolved
    }
    return resolved
  }
}

/// Schemas per version and type, built once.
final class SandboxSchemas: Sendable {
  private let schemas = Locked<[String: ODataSchema]>([:])

  func schema(_ typeName: String, version: GraphVersion) -> ODataSchema {
    let key = "\(version)|\(typeName)"
    if let known = schemas.withLock({ $0[key] }) { return known }
    let made =
      ODataSchema.of(typeName, in: BuiltInContracts.model(for: version))
      ?? ODataSchema(typeName: typeName, properties: [:])
    schemas.withLock { $0[key] = made }
    return made
  }
}
