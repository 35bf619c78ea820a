public import Foundation

/// An error whose text held a secret or personal value, passed on with that text scrubbed.
///
/// Tapedeck's test entry points throw this in place of an error (yours, or another library's
/// such as the OpenAPI runtime's `ClientError`, which prints request headers) whose description
/// would otherwise put a token or personal value into test logs. An error whose text holds
/// nothing to scrub is passed on unchanged.
///
/// ```swift
/// catch let error as ScrubbedError { print(error) }  // "… authorization: REDACTED …"
/// ```
public struct ScrubbedError: Error, CustomStringConvertible, LocalizedError {
  /// The scrubbed text.
  public let description: String
  /// The original error. Its own description holds the secret: do not print it.
  public let underlying: any Error

  /// `error` described by `description`.
  public init(_ error: any Error, description: String) {
    self.underlying = error
    self.description = description
  }

  public var errorDescription: String? { description }
}

extension Redactor {
  /// `error` itself when its text holds nothing to scrub, else a ``ScrubbedError`` with its
  /// text scrubbed.
  ///
  /// ```swift
  /// throw player.redactor.scrubbing(error)
  /// ```
  public func scrubbing(_ error: any Error) -> any Error {
    if error is ScrubbedError { return error }
    let text = "\(error)"
    let scrubbed = scrubbing(text)
    return scrubbed == text ? error : ScrubbedError(error, description: scrubbed)
  }
}
