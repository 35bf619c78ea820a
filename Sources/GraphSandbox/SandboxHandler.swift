import Foundation
import GraphContracts
import HTTPTypes
import Hummingbird
import NIOCore
import TapedeckJSON

/// Answers one sandbox request: token endpoint, or a Graph device-status call.
struct SandboxHandler: Sendable {
  let configuration: SandboxConfiguration
  let store: SandboxStore
  let tokens = SandboxTokens()
  let throttle: SandboxThrottle?
  let faults = FaultsBox()
  let validators: [GraphVersion: ContractValidator]

  init(configuration: SandboxConfiguration, store: SandboxStore) {
    self.configuration = configuration
    self.store = store
    throttle = configuration.throttling.map(SandboxThrottle.init)
    validators = [.beta: ContractValidator(version: .beta), .v1_0: ContractValidator(version: .v1_0)]
  }

  func respond(to request: Request) async throws -> Response {
    let context = ResponseContext(clientRequestID: request.headers[HTTPField.Name("client-request-id")!])
    if let latency = faults.value?.latency, latency > .zero { try await Task.sleep(for: latency) }
    if let status = faults.value?.next() {
      return context.error(
        status: HTTPResponse.Status(code: status), code: status == 504 ? "GatewayTimeout" : "ServiceUnavailable",
        message: "The service is temporarily unavailable (injected fault).")
    }
    let path = request.uri.path
    if path.hasSuffix("/oauth2/v2.0/token") { return try await token(request, path: path, context: context) }
    guard let (version, _) = EndpointCatalog.split(path) else {
      return context.error(
        status: .notFound, code: "BadRequest", message: "Invalid version: the path must start with /beta or /v1.0.")
    }
    // Authentication and authorization.
    guard let header = request.headers[.authorization], header.hasPrefix("Bearer "), header.count > 7 else {
      return context.error(status: .unauthorized, code: "InvalidAuthenticationToken", message: "Access token is empty.")
    }
    let claims: SandboxTokens.Claims
    switch tokens.verify(String(header.dropFirst(7))) {
    case .success(let verified): claims = verified
    case .failure(.expired):
      return context.error(
        status: .unauthorized, code: "InvalidAuthenticationToken",
        message: "Lifetime validation failed, the token is expired.")
    case .failure:
      return context.error(
        status: .unauthorized, code: "InvalidAuthenticationToken",
        message: "Access token validation failure. Invalid audience.")
    }
    let isWrite = request.method != .get
    if let throttle, let wait = throttle.admit(tenant: claims.tenantID, app: claims.clientID, isWrite: isWrite) {
      var response = context.error(
        status: .tooManyRequests, code: "TooManyRequests", message: "Too many requests. Retry after some time.")
      if throttle.limits.sendsRetryAfter { response.headers[.retryAfter] = String(wait) }
      return response
    }
    guard claims.roles.contains(GraphSandbox.permission) else {
      return context.error(
        status: .forbidden, code: "Forbidden",
        message:
          "Application is not authorized to perform this operation. Application must have one of the following scopes: \(GraphSandbox.permission)"
      )
    }
    let body: ByteBuffer
    do {
      body = try await request.body.collect(upTo: configuration.maximumBodyBytes)
    } catch {
      return context.error(
        status: .contentTooLarge, code: "RequestEntityTooLarge",
        message: "The request body exceeds the limit of \(configuration.maximumBodyBytes) bytes.")
    }
    var response = graph(
      method: request.method, path: path, version: version, body: Data(body.readableBytesView), request: request,
      context: context)
    if configuration.drift != nil, path.contains("/deviceStatuses") {
      response.headers[HTTPField.Name(SandboxDrift.deprecation.name)!] = SandboxDrift.deprecation.value
      response.headers[HTTPField.Name(SandboxDrift.sunset.name)!] = SandboxDrift.sunset.value
    }
    return response
  }

  func graph(
    method: HTTPRequest.Method, path: String, version: GraphVersion, body: Data, request: Request,
    context: ResponseContext
  )
    -> Response
  {
    let noRoute = context.error(
      status: .badRequest, code: "No method match route template",
      message: "No OData route exists that match template ~/singleton/navigation/key/navigation for the request.")
    if let answer = deviceManagementItems(method: method, path: path, version: version, context: context) {
      return answer
    }
    let catalog = EndpointCatalog.documented
    let model = BuiltInContracts.model(for: version)
    var isList = false
    var match = catalog.match(path)
    if method == .get {
      // A GET on a status collection: the documented collection path, or an entity path minus its key.
      if let direct = match, !direct.resolution.isEntity, direct.resolution.targetType != nil,
        case .literal? = direct.template.segments.last
      {
        isList = true
      } else if match == nil, let keyed = catalog.match(path + "/" + SandboxStore.listSentinel),
        keyed.resolution.resolves
      {
        match = keyed
        isList = true
      }
    }
    guard let match, match.resolution.resolves || isList else { return noRoute }
    guard method == .get || method == .patch, !(method == .patch && isList) else { return noRoute }
    let located: (SandboxStore.Owner, String?)
    switch store.locate(template: match.template, parameters: match.parameters, model: model) {
    case .success(let value): located = value
    case .failure(.notFound(let message)):
      return context.error(status: .notFound, code: "ResourceNotFound", message: message)
    }
    let typeName = match.resolution.targetType ?? "microsoft.graph.deviceConfigurationDeviceStatus"
    let contextURL =
      "\(configuration.host == "127.0.0.1" ? "https://graph.microsoft.com" : "")/\(version)/$metadata#\(QualifiedTypeName.last(typeName))"
    if isList || located.1 == SandboxStore.listSentinel {
      let items = store.statuses(located.0).map { view($0, version: version) }
      return context.json(
        .ok,
        .object([
          "@odata.context": .string(contextURL.replacingOccurrences(of: "#", with: "#deviceStatuses/")),
          "@odata.count": .number(JSONNumber(items.count)), "value": .array(items),
        ]))
    }
    guard let statusID = located.1 else { return noRoute }
    if method == .get {
      guard let status = store.status(located.0, statusID) else {
        return context.error(status: .notFound, code: "ResourceNotFound", message: "Resource not found.")
      }
      return context.json(.ok, view(status, version: version, context: contextURL + "/$entity"))
    }
    // PATCH: parse, validate with the version's contract, merge.
    guard case .object(let patch)? = try? JSONParser.parse(body) else {
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
    guard let updated = store.apply(patch, to: located.0, statusID, marker: marker) else {
      return context.error(status: .notFound, code: "ResourceNotFound", message: "Resource not found.")
    }
    let minimal = request.headers[HTTPField.Name("Prefer")!]?.contains("return=minimal") == true
    if minimal || configuration.patchAnswer == .noContent { return context.empty(.noContent) }
    return context.json(.ok, view(updated, version: version, context: contextURL + "/$entity"))
  }

  /// `GET /{version}/deviceManagement/{deviceConfigurations|deviceCompliancePolicies}[/{id}]`:
  /// the list (each item with its `@odata.type`, so a client can tell which type-cast paths
  /// apply) or one item; `nil` for any other path.
  func deviceManagementItems(method: HTTPRequest.Method, path: String, version: GraphVersion, context: ResponseContext)
    -> Response?
  {
    let segments = path.split(separator: "/").map(String.init)
    guard segments.count == 3 || segments.count == 4, segments[1] == "deviceManagement",
      segments[2] == "deviceConfigurations" || segments[2] == "deviceCompliancePolicies"
    else { return nil }
    let collection = segments[2]
    let entity = collection == "deviceConfigurations" ? "deviceConfiguration" : "deviceCompliancePolicy"
    guard method == .get else {
      return context.error(
        status: .methodNotAllowed, code: "BadRequest",
        message: "The HTTP method '\(method.rawValue)' is not allowed for this resource.")
    }
    let base = "https://graph.microsoft.com/\(version)/$metadata#deviceManagement/\(collection)"
    guard segments.count == 4 else {
      let items = store.items(policies: collection == "deviceCompliancePolicies") ?? []
      return context.json(.ok, .object(["@odata.context": .string(base), "value": .array(items)]))
    }
    guard let item = store.items(policies: collection == "deviceCompliancePolicies", id: segments[3])?.first,
      case .object(var members) = item
    else {
      return context.error(
        status: .notFound, code: "ResourceNotFound", message: "Resource not found: \(entity) '\(segments[3])'.")
    }
    members["@odata.context"] = .string(base + "/$entity")
    return context.json(.ok, .object(members))
  }

  /// A status as a version shows it (v1.0 has no `platform`).
  func view(_ status: [String: JSONValue], version: GraphVersion, context: String? = nil) -> JSONValue {
    var members = configuration.drift?.apply(to: status) ?? status
    if version == .v1_0 { members["platform"] = nil }
    if let context { members["@odata.context"] = .string(context) }
    return .object(members)
  }

  /// The real service's message shapes for a rejected PATCH body.
  static func message(for violation: Violation, typeName: String) -> String {
    let property = violation.path.hasPrefix("$.") ? String(violation.path.dropFirst(2)) : violation.path
    switch violation.rule {
    case .unknownProperty:
      return
        "The property '\(property)' does not exist on type '\(typeName)'. Make sure to only use property names that are defined by the type."
    case .notEnumMember:
      return "Cannot convert the literal \(violation.actual) to the expected type 'microsoft.graph.complianceStatus'."
    case .odataTypeMismatch:
      return "A type named \(violation.actual) could not be resolved by the model or is not derived from '\(typeName)'."
    case .nullNotAllowed:
      return
        "A null value was found for the property named '\(property)', which has the expected type that does not allow null values."
    default:
      let expected = violation.expected.split(separator: "(").last.map { String($0.dropLast()) } ?? violation.expected
      return
        "Cannot convert the literal '\(violation.actual.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))' to the expected type '\(expected)'."
    }
  }

  // MARK: - Token endpoint

  /// The largest token request form read (64 KiB); larger gets 400 `invalid_request`.
  static let maximumTokenFormBytes = 64 * 1024

  func token(_ request: Request, path: String, context: ResponseContext) async throws -> Response {
    let tenant = path.split(separator: "/").first.map(String.init) ?? ""
    func aadError(_ status: HTTPResponse.Status, _ code: String, _ description: String) -> Response {
      // `error_codes` holds the AADSTS number the description starts with, as the service's does.
      let number = Int(description.dropFirst(6).prefix { $0.isNumber }) ?? 0
      return context.json(
        status,
        [
          "error": .string(code), "error_description": .string(description),
          "error_codes": [.number(JSONNumber(number))],
          "timestamp": .string(String(Date.ISO8601FormatStyle().format(Date()).dropLast()) + "Z"),
          "trace_id": .string(context.requestID),
          "correlation_id": .string(context.clientRequestID ?? context.requestID),
        ])
    }
    let buffer: ByteBuffer
    do {
      buffer = try await request.body.collect(upTo: Self.maximumTokenFormBytes)
    } catch is NIOTooManyBytesError {
      // Microsoft Entra reads the form like a query string and refuses an oversized one with a
      // 400 OAuth error (RFC 6749 §5.2), which OAuth clients parse; a bare 413 they cannot.
      return aadError(
        .badRequest, "invalid_request",
        "AADSTS50091: Passed query string length exceeds supported limit. The token request form is larger than "
          + "\(Self.maximumTokenFormBytes / 1024) KiB.")
    }
    var form: [String: String] = [:]
    for pair in String(buffer: buffer).split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1).map {
        String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
      }
      if parts.count == 2 { form[parts[0]] = parts[1] }
    }
    guard form["grant_type"] == "client_credentials" else {
      return aadError(
        .badRequest, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.")
    }
    guard let app = configuration.apps.first(where: { $0.tenantID == tenant && $0.clientID == form["client_id"] })
    else {
      return aadError(
        .badRequest, "unauthorized_client", "AADSTS700016: Application with identifier was not found in the directory.")
    }
    guard app.clientSecret == form["client_secret"] else {
      return aadError(
        .unauthorized, "invalid_client",
        "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID."
      )
    }
    let token = tokens.issue(for: app, lifetime: configuration.tokenLifetime)
    return context.json(
      .ok,
      [
        "token_type": "Bearer", "expires_in": .number(JSONNumber(configuration.tokenLifetime)),
        "ext_expires_in": .number(JSONNumber(configuration.tokenLifetime)), "access_token": .string(token),
      ])
  }
}

/// Per-request headers and answer builders.
struct ResponseContext {
  let requestID = UUID().uuidString.lowercased()
  let clientRequestID: String?

  var headers: HTTPFields {
    var fields = HTTPFields()
    fields[HTTPField.Name("request-id")!] = requestID
    fields[HTTPField.Name("client-request-id")!] = clientRequestID ?? requestID
    fields[HTTPField.Name("x-ms-ags-diagnostic")!] =
      #"{"ServerInfo":{"DataCenter":"Sandbox","Slice":"E","Ring":"5","ScaleUnit":"000","RoleInstance":"SANDBOX"}}"#
    fields[HTTPField.Name("OData-Version")!] = "4.0"
    fields[.strictTransportSecurity] = "max-age=31536000"
    return fields
  }

  func json(_ status: HTTPResponse.Status, _ value: JSONValue) -> Response {
    var fields = headers
    fields[.contentType] =
      "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"
    return Response(
      status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: JSONWriter.compactData(value))))
  }

  func empty(_ status: HTTPResponse.Status) -> Response { Response(status: status, headers: headers) }

  /// The Graph error shape, with `innerError.date` (no offset), `request-id` and `client-request-id`.
  func error(status: HTTPResponse.Status, code: String, message: String) -> Response {
    let date = String(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).format(Date()).dropLast())
    return json(
      status,
      [
        "error": [
          "code": .string(code), "message": .string(message),
          "innerError": [
            "date": .string(date), "request-id": .string(requestID),
            "client-request-id": .string(clientRequestID ?? requestID),
          ],
        ]
      ])
  }
}

enum QualifiedTypeName {
  static func last(_ name: String) -> String { name.split(separator: ".").last.map(String.init) ?? name }
}
