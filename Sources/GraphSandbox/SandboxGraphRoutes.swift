import Foundation
import GraphContracts
import HTTPTypes
import TapedeckJSON

/// The Graph routes: device configurations and compliance policies (list, get), every
/// documented `deviceStatuses` collection (list with query options and paging, `$count`), and
/// GET and PATCH on each status.
extension SandboxHandler {
  /// The page size of the sandbox's collections unless `$top` says otherwise.
  var pageSize: Int { configuration.pageSize }

  func graph(_ request: SandboxRequest, version: GraphVersion, context: ResponseContext) -> SandboxAnswer {
    let route = routes.route(for: request.path) { resolve(request.path, version: version) }
    switch route {
    case .failure(let status, let code, let message):
      return context.error(status: status, code: code, message: message)
    case .items(let policies, let id, let countOnly):
      return items(request, policies: policies, id: id, countOnly: countOnly, version: version, context: context)
    case .statuses(let resolved, let countOnly):
      guard request.method == .get else { return context.methodNotAllowed(allowed: [.get]) }
      let query: ODataQuery
      do {
        query = try ODataQuery(query: request.query, schema: resolved.schema, isBeta: version == .beta)
      } catch {
        return context.error(status: .badRequest, code: "BadRequest", message: error.message)
      }
      let items = store.statuses(resolved.owner).map { view($0, version: version) }
      let (page, total, next) = query.page(of: items, schema: resolved.schema, pageSize: pageSize)
      if countOnly { return context.text(.ok, String(total)) }
      var members: [String: JSONValue] = [
        "@odata.context": .string(resolved.contextBase + query.selectSuffix),
        // Intune answers a status list with its count whether or not `$count` asks for it.
        "@odata.count": .number(JSONNumber(total)),
        "value": .array(page.map { .object(query.project($0)) }),
      ]
      if let next { members["@odata.nextLink"] = .string(nextLink(request, query: query, offset: next)) }
      return context.json(.ok, .object(members))
    case .status(let resolved, let statusID):
      switch request.method {
      case .get:
        let query: ODataQuery
        do {
          query = try ODataQuery(query: request.query, schema: resolved.schema, isBeta: version == .beta)
        } catch {
          return context.error(status: .badRequest, code: "BadRequest", message: error.message)
        }
        guard let status = store.status(resolved.owner, statusID) else {
          return context.error(
            status: .notFound, code: "ResourceNotFound", message: "Resource not found: deviceStatus '\(statusID)'.")
        }
        var members = query.project(view(status, version: version))
        members["@odata.context"] = .string(resolved.contextBase + query.selectSuffix + "/$entity")
        return context.json(.ok, .object(members))
      case .patch:
        return patch(
          request, owner: resolved.owner, statusID: statusID, typeName: resolved.typeName, version: version,
          contextURL: resolved.contextBase + "/$entity", context: context)
      default:
        return context.methodNotAllowed(allowed: [.get, .patch])
      }
    }
  }

  /// Works out where a path leads (see ``SandboxRoute``).
  func resolve(_ fullPath: String, version: GraphVersion) -> SandboxRoute {
    var path = fullPath
    let countOnly = path.hasSuffix("/$count")
    if countOnly { path.removeLast("/$count".count) }
    let segments = path.split(separator: "/")
    if segments.count == 3 || segments.count == 4, segments[1] == "deviceManagement",
      segments[2] == "deviceConfigurations" || segments[2] == "deviceCompliancePolicies"
    {
      if countOnly && segments.count == 4 { return noRouteFailure(fullPath) }
      return .items(
        policies: segments[2] == "deviceCompliancePolicies", id: segments.count == 4 ? String(segments[3]) : nil,
        countOnly: countOnly)
    }
    let catalog = EndpointCatalog.documented
    let model = BuiltInContracts.model(for: version)
    // A status collection is its entity path minus the key: match with a placeholder key.
    var isList = false
    var match = catalog.match(path)
    if let direct = match, !direct.resolution.isEntity, direct.resolution.targetType != nil,
      case .literal? = direct.template.segments.last
    {
      isList = true
    } else if match == nil, path.hasSuffix("/deviceStatuses"),
      let keyed = catalog.match(path + "/" + SandboxStore.listSentinel), keyed.resolution.resolves
    {
      match = keyed
      isList = true
    }
    guard let match, match.resolution.resolves || isList else { return noRouteFailure(path) }
    if countOnly && !isList { return noRouteFailure(fullPath) }
    let located: (SandboxStore.Owner, String?)
    switch store.locate(template: match.template, parameters: match.parameters, model: model) {
    case .success(let value): located = value
    case .failure(.notFound(let message)):
      return .failure(status: .notFound, code: "ResourceNotFound", message: message)
    }
    let typeName = match.resolution.targetType ?? "microsoft.graph.deviceConfigurationDeviceStatus"
    let resolved = SandboxRoute.Resolved(
      owner: located.0, typeName: typeName, schema: schemas.schema(typeName, version: version),
      contextBase: Self.contextURL(version: version, template: match.template, parameters: match.parameters))
    if isList { return .statuses(resolved, countOnly: countOnly) }
    guard let statusID = located.1 else { return noRouteFailure(path) }
    return .status(resolved, id: statusID)
  }

  /// PATCH on a status: JSON only, validated with the version's contract, then merged.
  private func patch(
    _ request: SandboxRequest, owner: SandboxStore.Owner, statusID: String, typeName: String, version: GraphVersion,
    contextURL: String, context: ResponseContext
  ) -> SandboxAnswer {
    if let type = request.headers[.contentType], !Self.mentions(type, "json") {
      return context.error(
        status: .unsupportedMediaType, code: "RequestBodyRead",
        message:
          "A supported MIME type could not be found that matches the content type of the response. None of the "
          + "supported type(s) 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false', "
          + "'application/json' matches the content type '\(type)'.")
    }
    guard case .object(let patch)? = try? JSONParser.parse(request.body) else {
      return context.error(
        status: .badRequest, code: "BadRequest",
        message:
          "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format."
      )
    }
    let violations = validators[version]!.validate(.object(patch), as: GraphType(typeName), body: .request)
    if let first = violations.first(where: { $0.severity == .error }) {
      return context.error(
        status: .badRequest, code: "ModelValidationFailure", message: Self.message(for: first, typeName: typeName))
    }
    let marker = context.clientRequestID ?? context.requestID
    guard let updated = store.apply(patch, to: owner, statusID, marker: marker) else {
      return context.error(
        status: .notFound, code: "ResourceNotFound", message: "Resource not found: deviceStatus '\(statusID)'.")
    }
    let minimal = request.headers[Self.preferName].map { Self.mentions($0, "return=minimal") } == true
    if minimal || configuration.patchAnswer == .noContent { return context.empty(.noContent) }
    var members = view(updated, version: version)
    members["@odata.context"] = .string(contextURL)
    return context.json(.ok, .object(members))
  }

  /// `GET /{version}/deviceManagement/{deviceConfigurations|deviceCompliancePolicies}[/{id}]`:
  /// the list (each item with its `@odata.type`, so a client can tell which type-cast paths
  /// apply) or one item.
  private func items(
    _ request: SandboxRequest, policies: Bool, id: String?, countOnly: Bool, version: GraphVersion,
    context: ResponseContext
  ) -> SandboxAnswer {
    let collection = policies ? "deviceCompliancePolicies" : "deviceConfigurations"
    let entity = policies ? "deviceCompliancePolicy" : "deviceConfiguration"
    guard request.method == .get else { return context.methodNotAllowed(allowed: [.get]) }
    let schema = ODataSchema.policy("microsoft.graph.\(entity)")
    let query: ODataQuery
    do {
      query = try ODataQuery(query: request.query, schema: schema, isBeta: version == .beta)
    } catch {
      return context.error(status: .badRequest, code: "BadRequest", message: error.message)
    }
    let base = "https://graph.microsoft.com/\(version)/$metadata#deviceManagement/\(collection)"
    guard let id else {
      let items = store.items(policies: policies) ?? []
      let (page, total, next) = query.page(of: items, schema: schema, pageSize: pageSize)
      if countOnly { return context.text(.ok, String(total)) }
      var members: [String: JSONValue] = [
        "@odata.context": .string(base + query.selectSuffix),
        "value": .array(page.map { item in .object(Self.keepingType(item, query.project(item))) }),
      ]
      if query.count { members["@odata.count"] = .number(JSONNumber(total)) }
      if let next { members["@odata.nextLink"] = .string(nextLink(request, query: query, offset: next)) }
      return context.json(.ok, .object(members))
    }
    guard let item = store.items(policies: policies, id: id)?.first else {
      return context.error(
        status: .notFound, code: "ResourceNotFound", message: "Resource not found: \(entity) '\(id)'.")
    }
    var members = Self.keepingType(item, query.project(item))
    members["@odata.context"] = .string(base + query.selectSuffix + "/$entity")
    return context.json(.ok, .object(members))
  }

  /// A derived type's `@odata.type` survives `$select`, so clients still deserialize the right class.
  private static func keepingType(_ item: [String: JSONValue], _ projected: [String: JSONValue]) -> [String: JSONValue]
  {
    var members = projected
    members["@odata.type"] = item["@odata.type"]
    return members
  }

  static let preferName = HTTPField.Name("Prefer")!

  /// Whether `text` holds `word` in any case, read on the bytes (Foundation's `contains` is
  /// far slower, and this runs on every PATCH).
  static func mentions(_ text: String, _ word: String) -> Bool {
    text.lowercased().utf8.firstRange(of: word.utf8) != nil
  }

  /// The next page's URL on the sandbox's own origin: the same options, with `$skiptoken`.
  private func nextLink(_ request: SandboxRequest, query: ODataQuery, offset: Int) -> String {
    var allowed = CharacterSet.urlQueryAllowed
    allowed.remove(charactersIn: "&=+#")
    let parts =
      query.carried.map { "\($0.name)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.value)" }
      + [
        "$skiptoken="
          + (ODataSkipToken.token(offset: offset).addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
      ]
    return request.origin + request.path + "?" + parts.joined(separator: "&")
  }

  /// `https://graph.microsoft.com/{version}/$metadata#deviceManagement/deviceConfigurations('…')/…/deviceStatuses`:
  /// the service's context for a navigation collection, keys in parentheses and quotes, the
  /// status key itself left out.
  static func contextURL(version: GraphVersion, template: EndpointTemplate, parameters: [String: String]) -> String {
    var text = ""
    var segments = template.segments
    if case .parameter? = segments.last { segments.removeLast() }
    for segment in segments {
      switch segment {
      case .literal(let name): text += (text.isEmpty ? "" : "/") + name
      case .parameter(let name):
        let value = parameters[name] ?? ""
        text += value == SandboxStore.listSentinel ? "" : "('\(value)')"
      }
    }
    return "https://graph.microsoft.com/\(version)/$metadata#\(text)"
  }

  /// Intune's answer to a URL it has no route for, naming the template the URL's segments make.
  func noRouteFailure(_ path: String) -> SandboxRoute {
    let segments = path.split(separator: "/").dropFirst().map(String.init)
    guard segments.first == "deviceManagement" else {
      return .failure(
        status: .badRequest, code: "BadRequest",
        message: "Resource not found for the segment '\(segments.first ?? "")'.")
    }
    var template = ["~", "singleton"]
    for segment in segments.dropFirst() {
      if segment.hasPrefix("microsoft.graph.") {
        template.append("cast")
      } else if Self.navigationNames.contains(segment) {
        template.append("navigation")
      } else if segment.hasPrefix("$") {
        template.append(segment)
      } else {
        template.append("key")
      }
    }
    return .failure(
      status: .badRequest, code: "No method match route template",
      message: "No OData route exists that match template \(template.joined(separator: "/")) for the request.")
  }

  static let navigationNames: Set<String> = [
    "deviceConfigurations", "deviceCompliancePolicies", "deviceStatuses", "rootCertificate", "identityCertificate",
    "identityCertificateForClientAuthentication", "rootCertificateForServerValidation",
    "rootCertificatesForServerValidation", "rootCertificateForClientValidation", "assignments",
    "deviceStatusOverview", "userStatuses",
  ]

  /// A status as a version shows it (v1.0 has no `platform`).
  func view(_ status: [String: JSONValue], version: GraphVersion) -> [String: JSONValue] {
    var members = configuration.drift?.apply(to: status) ?? status
    if version == .v1_0 { members["platform"] = nil }
    return members
  }

  /// The real service's message shapes for a rejected PATCH body.
  static func message(for violation: Violation, typeName: String) -> String {
    let property = violation.path.hasPrefix("$.") ? String(violation.path.dropFirst(2)) : violation.path
    // The service quotes literals and type names with single quotes, whatever JSON spelled them with.
    let literal = violation.actual.trimmingCharacters(in: CharacterSet(charactersIn: "\"#"))
    switch violation.rule {
    case .unknownProperty:
      return
        "The property '\(property)' does not exist on type '\(typeName)'. Make sure to only use property names that are defined by the type."
    case .notEnumMember:
      return "Cannot convert the literal '\(literal)' to the expected type 'microsoft.graph.complianceStatus'."
    case .odataTypeMismatch:
      return
        "A type named '\(literal)' could not be resolved by the model. When a model is available, each type name must "
        + "resolve to a valid type, derived from '\(typeName)'."
    case .nullNotAllowed:
      return
        "A null value was found for the property named '\(property)', which has the expected type that does not allow null values."
    default:
      let expected = violation.expected.split(separator: "(").last.map { String($0.dropLast()) } ?? violation.expected
      return
        "Cannot convert the literal '\(literal)' to the expected type '\(expected)'."
    }
  }
}
