import Foundation
import HTTPTypes
import TapedeckJSON

/// `POST /{tenant}/oauth2/v2.0/token`: the client-credentials grant as Microsoft Entra ID
/// answers it, with the AADSTS codes for a missing or wrong scope, an unknown tenant or client,
/// and a missing or wrong secret.
extension SandboxHandler {
  /// The largest token request form read (64 KiB); larger gets 400 `invalid_request`.
  static let maximumTokenFormBytes = 64 * 1024

  /// The resources a client-credentials scope may name for Graph.
  static let graphResources = [
    "https://graph.microsoft.com", "https://graph.microsoft.com/", "00000003-0000-0000-c000-000000000000",
  ]

  func tokenFormTooLarge(context: ResponseContext) -> SandboxAnswer {
    // Microsoft Entra reads the form like a query string and refuses an oversized one with a
    // 400 OAuth error (RFC 6749 §5.2), which OAuth clients parse; a bare 413 they cannot.
    aadError(
      .badRequest, "invalid_request",
      "AADSTS50091: Passed query string length exceeds supported limit. The token request form is larger than "
        + "\(Self.maximumTokenFormBytes / 1024) KiB.", context: context)
  }

  func aadError(_ status: HTTPResponse.Status, _ code: String, _ description: String, context: ResponseContext)
    -> SandboxAnswer
  {
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

  func token(_ request: SandboxRequest, context: ResponseContext) -> SandboxAnswer {
    let tenant = request.path.split(separator: "/").first.map(String.init) ?? ""
    guard request.method == .post else {
      return aadError(
        .methodNotAllowed, "invalid_request",
        "AADSTS900561: The endpoint only accepts POST requests. Received a \(request.method.rawValue) request.",
        context: context)
    }
    var form: [String: String] = [:]
    for pair in String(decoding: request.body, as: UTF8.self).split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1).map {
        String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
      }
      if parts.count == 2 { form[parts[0]] = parts[1] }
    }
    guard let grant = form["grant_type"] else {
      return aadError(
        .badRequest, "invalid_request",
        "AADSTS900144: The request body must contain the following parameter: 'grant_type'.", context: context)
    }
    guard grant == "client_credentials" else {
      return aadError(
        .badRequest, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.",
        context: context)
    }
    guard configuration.apps.contains(where: { $0.tenantID == tenant }) else {
      return aadError(
        .badRequest, "invalid_tenant",
        "AADSTS90002: Tenant '\(tenant)' not found. Check to make sure you have the correct tenant ID and are "
          + "signing into the correct cloud.", context: context)
    }
    guard let clientID = form["client_id"] else {
      return aadError(
        .badRequest, "invalid_request",
        "AADSTS900144: The request body must contain the following parameter: 'client_id'.", context: context)
    }
    guard let scope = form["scope"] else {
      return aadError(
        .badRequest, "invalid_request",
        "AADSTS900144: The request body must contain the following parameter: 'scope'.", context: context)
    }
    guard scope.hasSuffix("/.default"), !scope.contains(" ") else {
      return aadError(
        .badRequest, "invalid_scope",
        "AADSTS1002012: The provided value for scope \(scope) is not valid. Client credential flows must have a "
          + "scope value with /.default suffixed to the resource identifier (application ID URI).", context: context)
    }
    let resource = String(scope.dropLast("/.default".count))
    guard Self.graphResources.contains(resource) else {
      return aadError(
        .badRequest, "invalid_resource",
        "AADSTS500011: The resource principal named \(resource) was not found in the tenant named \(tenant). This "
          + "can happen if the application has not been installed by the administrator of the tenant or consented "
          + "to by any user in the tenant. You might have sent your authentication request to the wrong tenant.",
        context: context)
    }
    guard let app = configuration.apps.first(where: { $0.tenantID == tenant && $0.clientID == clientID }) else {
      return aadError(
        .badRequest, "unauthorized_client",
        "AADSTS700016: Application with identifier '\(clientID)' was not found in the directory '\(tenant)'. This "
          + "can happen if the application has not been installed by the administrator of the tenant or consented "
          + "to by any user in the tenant. You may have sent your authentication request to the wrong tenant.",
        context: context)
    }
    guard let secret = form["client_secret"] else {
      return aadError(
        .unauthorized, "invalid_client",
        "AADSTS7000216: 'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' "
          + "grant type.", context: context)
    }
    guard app.clientSecret == secret else {
      return aadError(
        .unauthorized, "invalid_client",
        "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client "
          + "secret value, not the client secret ID.", context: context)
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
