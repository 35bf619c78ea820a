import Foundation

/// The token endpoint refused (AAD's error shape), after any retries.
///
/// ```swift
/// // Token request failed with 401 invalid_client: AADSTS7000215: Invalid client secret provided …
/// ```
public struct TokenError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The HTTP status.
  public let status: Int
  /// AAD's `error`.
  public let code: String
  /// AAD's `error_description`.
  public let description: String

  public var localizedDescription: String { "Token request failed with \(status) \(code): \(description)" }
}
