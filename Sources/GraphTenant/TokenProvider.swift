public import Foundation
import Tapedeck

#if canImport(FoundationNetworking)
  public import FoundationNetworking
#endif

/// Client-credentials access tokens, cached until shortly before they expire. Retries 429 and
/// 5xx answers with backoff, honouring `Retry-After`.
///
/// Give it the recording session so the token exchange is recorded (and scrubbed) too.
///
/// ```swift
/// let tokens = TokenProvider(tenant: tenant, session: player.makeURLSession())
/// request.setValue("Bearer \(try await tokens.token())", forHTTPHeaderField: "Authorization")
/// ```
public actor TokenProvider {
  /// The tenant.
  public let tenant: TenantConfiguration
  let session: URLSession
  let attempts: Int
  let baseDelay: Duration
  private var cached: (token: String, expires: Date)?
  static let unreserved = CharacterSet(
    charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

  /// A provider; `attempts` bounds the tries per token, `baseDelay` the first backoff.
  public init(
    tenant: TenantConfiguration, session: URLSession, attempts: Int = 4, baseDelay: Duration = .milliseconds(200)
  ) {
    self.tenant = tenant
    self.session = session
    self.attempts = attempts
    self.baseDelay = baseDelay
  }

  /// A valid token (from cache when it lives for more than five more minutes).
  public func token(now: Date = Date()) async throws -> String {
    if let cached, cached.expires.timeIntervalSince(now) > 300 { return cached.token }
    var request = URLRequest(url: tenant.tokenURL)
    request.httpMethod = "POST"
    request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
    let form = [
      ("client_id", tenant.clientID), ("client_secret", tenant.clientSecret),
      ("scope", "https://graph.microsoft.com/.default"), ("grant_type", "client_credentials"),
    ]
    request.httpBody = Data(
      form.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? $0.1)" }.joined(
        separator: "&"
      ).utf8)
    var delay = baseDelay
    for attempt in 1...attempts {
      let (data, response) = try await session.data(for: request)
      let status = (response as? HTTPURLResponse)?.statusCode ?? 0
      if status == 200, let body = try? JSONParser.parse(data), let token = body["access_token"]?.stringValue {
        let lifetime: Double = if case .number(let seconds)? = body["expires_in"] { seconds.doubleValue } else { 3599 }
        cached = (token, now.addingTimeInterval(lifetime))
        return token
      }
      let retryable = status == 429 || (500...599).contains(status)
      guard retryable, attempt < attempts else {
        let body = try? JSONParser.parse(data)
        throw TokenError(
          status: status, code: body?["error"]?.stringValue ?? "unknown",
          description: body?["error_description"]?.stringValue ?? String(decoding: data.prefix(300), as: UTF8.self))
      }
      let retryAfter = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Retry-After").flatMap(Double.init)
      try await Task.sleep(for: retryAfter.map { .seconds($0) } ?? delay)
      delay *= 2
    }
    throw TokenError(status: 0, code: "unreachable", description: "no attempt was made")
  }
}
