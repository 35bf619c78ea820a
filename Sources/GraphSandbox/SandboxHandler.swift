import Foundation
import GraphContracts
import HTTPTypes
import Hummingbird
import NIOCore
import TapedeckJSON

/// Answers one sandbox request: the fault control endpoint, the token endpoint, `$batch`, or
/// a Graph call. The wire request becomes a ``SandboxRequest`` so that batch sub-requests take
/// the same path as direct ones.
struct SandboxHandler: Sendable {
  let configuration: SandboxConfiguration
  let store: SandboxStore
  let faults: SandboxFaults
  let tokens = SandboxTokens()
  let throttle: SandboxThrottle?
  let validators: [GraphVersion: ContractValidator]
  let routes = SandboxRouteCache()
  let schemas = SandboxSchemas()

  init(configuration: SandboxConfiguration, store: SandboxStore, faults: SandboxFaults) {
    self.configuration = configuration
    self.store = store
    self.faults = faults
    throttle = configuration.throttling.map(SandboxThrottle.init)
    validators = [.beta: ContractValidator(version: .beta), .v1_0: ContractValidator(version: .v1_0)]
  }

  /// The path of the control endpoint for faults.
  static let faultsPath = "/_tapedeck/faults"

  func respond(to request: Request) async throws -> Response {
    let answer = try await answer(request)
    return Response(
      status: answer.status, headers: answer.headers,
      body: answer.body.isEmpty ? .init() : .init(byteBuffer: ByteBuffer(bytes: answer.body)))
  }

  private func answer(_ request: Request) async throws -> SandboxAnswer {
    let context = ResponseContext(clientRequestID: request.headers[ResponseContext.clientRequestIDName])
    let latency = faults.latency
    if latency > .zero { try await Task.sleep(for: latency) }
    let path = request.uri.path
    let isToken = path.hasSuffix("/oauth2/v2.0/token")
    let limit = isToken ? Self.maximumTokenFormBytes : configuration.maximumBodyBytes
    var body: Data?
    do {
      body = Data(try await request.body.collect(upTo: limit).readableBytesView)
    } catch is NIOTooManyBytesError {
      body = nil
    }
    let sandboxRequest = SandboxRequest(
      method: request.method, path: path, query: request.uri.query, headers: request.headers, body: body ?? Data(),
      origin: "http://" + (request.head.authority ?? "\(configuration.host):\(configuration.port)"))
    if path == Self.faultsPath { return control(sandboxRequest, context: context) }
    if let fault = faults.fault(method: request.method.rawValue, path: path) {
      return Self.answer(for: fault, context: context)
    }
    if isToken {
      guard body != nil else { return tokenFormTooLarge(context: context) }
      return token(sandboxRequest, context: context)
    }
    return graphRequest(sandboxRequest, bodyTooLarge: body == nil, context: context)
  }

  /// Authentication, authorization and throttling, then `$batch` or a Graph route.
  private func graphRequest(_ request: SandboxRequest, bodyTooLarge: Bool, context: ResponseContext) -> SandboxAnswer {
    guard let (version, rest) = Self.version(of: request.path) else {
      return context.error(
        status: .notFound, code: "BadRequest", message: "Invalid version: the path must start with /beta or /v1.0.")
    }
    let claims: SandboxTokens.Claims
    switch authenticate(request, context: context) {
    case .success(let verified): claims = verified
    case .failure(let refusal): return refusal.answer
    }
    if bodyTooLarge {
      return context.error(
        status: .contentTooLarge, code: "RequestEntityTooLarge",
        message: "The request body exceeds the limit of \(configuration.maximumBodyBytes) bytes.")
    }
    if rest == "$batch" || rest == "$batch/" {
      if let throttled = throttled(claims: claims, isWrite: false, context: context) { return throttled }
      return batch(request, version: version, claims: claims, context: context)
    }
    return authorizedGraph(request, version: version, claims: claims, context: context)
  }

  /// A Graph call whose token checked out: throttling, permission, then the route.
  func authorizedGraph(
    _ request: SandboxRequest, version: GraphVersion, claims: SandboxTokens.Claims, context: ResponseContext
  ) -> SandboxAnswer {
    if let throttled = throttled(claims: claims, isWrite: request.method != .get, context: context) {
      return throttled
    }
    guard claims.roles.contains(GraphSandbox.permission) else {
      return context.error(
        status: .forbidden, code: "Forbidden",
        message:
          "Application is not authorized to perform this operation. Application must have one of the following scopes: \(GraphSandbox.permission)"
      )
    }
    var answer = graph(request, version: version, context: context)
    if configuration.drift != nil, request.path.contains("/deviceStatuses") {
      answer.headers[HTTPField.Name(SandboxDrift.deprecation.name)!] = SandboxDrift.deprecation.value
      answer.headers[HTTPField.Name(SandboxDrift.sunset.name)!] = SandboxDrift.sunset.value
    }
    return answer
  }

  private struct Refusal: Error { let answer: SandboxAnswer }

  /// The version a path starts with and the rest of it, read on the bytes (this runs on every
  /// request; splitting the path into `Character`s cost more than the rest of a GET).
  static func version(of path: String) -> (GraphVersion, rest: Substring)? {
    for (prefix, version) in [("/beta", GraphVersion.beta), ("/v1.0", .v1_0)] where path.hasPrefix(prefix) {
      let rest = path.dropFirst(prefix.utf8.count)
      guard rest.isEmpty || rest.hasPrefix("/") else { continue }
      return (version, rest.dropFirst())
    }
    return nil
  }

  private func authenticate(_ request: SandboxRequest, context: ResponseContext) -> Result<
    SandboxTokens.Claims, Refusal
  > {
    guard let header = request.headers[.authorization], header.hasPrefix("Bearer "), header.utf8.count > 7 else {
      return .failure(
        Refusal(
          answer: context.error(
            status: .unauthorized, code: "InvalidAuthenticationToken", message: "Access token is empty.")))
    }
    switch tokens.verify(String(header.dropFirst(7))) {
    case .success(let verified): return .success(verified)
    case .failure(.expired):
      return .failure(
        Refusal(
          answer: context.error(
            status: .unauthorized, code: "InvalidAuthenticationToken",
            message: "Lifetime validation failed, the token is expired.")))
    case .failure:
      return .failure(
        Refusal(
          answer: context.error(
            status: .unauthorized, code: "InvalidAuthenticationToken",
            message: "Access token validation failure. Invalid audience.")))
    }
  }

  private func throttled(claims: SandboxTokens.Claims, isWrite: Bool, context: ResponseContext) -> SandboxAnswer? {
    guard let throttle, let wait = throttle.admit(tenant: claims.tenantID, app: claims.clientID, isWrite: isWrite)
    else { return nil }
    var answer = context.error(
      status: .tooManyRequests, code: "TooManyRequests", message: "Please retry again later.")
    if throttle.limits.sendsRetryAfter { answer.headers[.retryAfter] = String(wait) }
    return answer
  }

  /// The answer an injected fault gives: the service's code and message for the status.
  static func answer(for fault: SandboxFault, context: ResponseContext) -> SandboxAnswer {
    let (code, message): (String, String) =
      switch fault.status {
      case 429: ("TooManyRequests", "Please retry again later.")
      case 503: ("ServiceUnavailable", "The service is temporarily unavailable. Retry after some time.")
      case 504: ("GatewayTimeout", "The gateway did not receive a timely response from the service.")
      default: ("InjectedFault", "An injected fault (tapedeck sandbox --fault).")
      }
    var answer = context.error(status: HTTPResponse.Status(code: fault.status), code: code, message: message)
    if let retryAfter = fault.retryAfter, fault.status == 429 || fault.status == 503 {
      answer.headers[.retryAfter] = String(retryAfter)
    }
    return answer
  }
}
