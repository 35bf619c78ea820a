public import AsyncHTTPClient
public import Logging
public import NIOCore

/// What code that calls Graph through AsyncHTTPClient depends on: `execute(_:timeout:logger:)`.
/// `HTTPClient` conforms, and so does ``CassetteHTTPClient``, so the same code runs live in
/// production and on a cassette in tests.
///
/// ```swift
/// struct StatusClient {
///   let http: any HTTPClientExecutor   // HTTPClient.shared, or CassetteHTTPClient(player: player)
///   func status(_ url: String) async throws -> HTTPClientResponse {
///     try await http.execute(HTTPClientRequest(url: url), timeout: .seconds(30), logger: nil)
///   }
/// }
/// ```
public protocol HTTPClientExecutor: Sendable {
  /// Sends `request` and returns the answer, as `HTTPClient.execute(_:timeout:logger:)` does.
  func execute(_ request: HTTPClientRequest, timeout: TimeAmount, logger: Logger?) async throws
    -> HTTPClientResponse
}

extension HTTPClient: HTTPClientExecutor {}
