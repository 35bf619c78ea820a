public import Foundation

/// A task on a player's session carried its own delegate (`session.data(for:delegate:)`, or
/// `task.delegate = …`), which hides the session's delegate through which the request finds
/// its player.
///
/// ```swift
/// let (data, _) = try await session.data(for: request)   // not data(for:delegate:)
/// ```
public struct HiddenSessionDelegateError: Error, Sendable, CustomStringConvertible, LocalizedError {
  /// The type of the task's own delegate.
  public let delegateType: String

  /// The message.
  public var description: String {
    "Tapedeck: this task has its own delegate (\(delegateType)), which hides the session from which Tapedeck "
      + "answers. Call data(for:) / upload(for:from:) without a delegate: argument on a session from "
      + "player.makeURLSession(), and handle events (redirects, metrics) outside the task."
  }
  /// The same, for `localizedDescription`.
  public var errorDescription: String? { description }
}
