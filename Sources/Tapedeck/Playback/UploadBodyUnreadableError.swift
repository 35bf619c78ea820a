public import Foundation

/// An upload task's body cannot be read by a `URLProtocol` on Linux (swift-corelibs-foundation
/// keeps it private), so Tapedeck refuses the request rather than match and record it without
/// its body.
///
/// ```swift
/// var request = URLRequest(url: url)
/// request.httpMethod = "PATCH"
/// request.httpBody = body
/// let (data, _) = try await session.data(for: request)   // instead of upload(for:from:)
/// ```
public struct UploadBodyUnreadableError: Error, Sendable, CustomStringConvertible, LocalizedError {
  /// The request's URL.
  public let url: String

  /// The message.
  public var description: String {
    "Tapedeck cannot read the body of an upload task (\(url)): Foundation hands a URLProtocol no upload body. "
      + "Set request.httpBody and call session.data(for:) instead of upload(for:from:) or upload(for:fromFile:)."
  }
  /// The same, for `localizedDescription`.
  public var errorDescription: String? { description }
}
