import Foundation
import GraphSandbox
import GraphTenant
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `TokenProvider` against the sandbox's token endpoint, started in process on a random
/// loopback port.
@Suite struct TokenProviderTests {
  /// Starts a sandbox, runs `body` with a tenant pointing at it, stops it.
  static func withTenant(
    secret: String = SandboxConfiguration.defaultApp.clientSecret,
    _ body: (GraphSandbox, TenantConfiguration) async throws -> Void
  ) async throws {
    let sandbox = try await GraphSandbox.start(SandboxConfiguration(seed: 18))
    let app = SandboxConfiguration.defaultApp
    let tenant = TenantConfiguration(
      tenantID: app.tenantID, clientID: app.clientID, clientSecret: secret, graphURL: sandbox.graphURL,
      authorityURL: sandbox.authorityURL)
    do {
      try await body(sandbox, tenant)
    } catch {
      await sandbox.stop()
      throw error
    }
    await sandbox.stop()
  }

  static var session: URLSession { URLSession(configuration: .ephemeral) }

  @Test("The right secret gets a JWT access token")
  func success() async throws {
    try await Self.withTenant { _, tenant in
      let token = try await TokenProvider(tenant: tenant, session: Self.session).token()
      #expect(token.split(separator: ".", omittingEmptySubsequences: false).count == 3)
      #expect(token.hasPrefix("eyJ"))
    }
  }

  @Test("A wrong secret is AADSTS7000215 with status 401, as the docs promise, and not retried")
  func wrongSecret() async throws {
    try await Self.withTenant(secret: "FAKE-wrong-secret-0000") { _, tenant in
      let provider = TokenProvider(tenant: tenant, session: Self.session, attempts: 4, baseDelay: .seconds(30))
      let error = try await #require(throws: TokenError.self) { try await provider.token() }
      #expect(error.status == 401)
      #expect(error.code == "invalid_client")
      #expect(
        error.localizedDescription
          == "Token request failed with 401 invalid_client: AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID."
      )
      #expect(!error.localizedDescription.contains("FAKE-wrong-secret-0000"))
    }
  }

  @Test("A token is cached until five minutes before it expires, then fetched again")
  func caching() async throws {
    try await Self.withTenant { sandbox, tenant in
      let provider = TokenProvider(tenant: tenant, session: Self.session, attempts: 1)
      let now = Date()
      let first = try await provider.token(now: now)
      // The next request to the sandbox fails: only a cached token can come back.
      sandbox.injectFaults(count: 1, status: 503)
      let cached = try await provider.token(now: now.addingTimeInterval(60))
      #expect(cached == first)
      // 3599 s tokens: at 3400 s they have less than five minutes left, so the provider asks again.
      let error = try await #require(throws: TokenError.self) {
        try await provider.token(now: now.addingTimeInterval(3400))
      }
      #expect(error.status == 503)
      let renewed = try await provider.token(now: now.addingTimeInterval(3400))
      #expect(renewed.split(separator: ".").count == 3)
    }
  }

  @Test("503 answers are retried with backoff until a token comes")
  func retries() async throws {
    try await Self.withTenant { sandbox, tenant in
      sandbox.injectFaults(count: 2, status: 503)
      let provider = TokenProvider(tenant: tenant, session: Self.session, attempts: 3, baseDelay: .milliseconds(1))
      let token = try await provider.token()
      #expect(token.hasPrefix("eyJ"))
    }
  }
}
