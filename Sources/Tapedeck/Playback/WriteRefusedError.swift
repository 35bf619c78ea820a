public import Foundation
import HTTPTypes

/// A write to a live tenant that the write guard stopped before it was sent.
///
/// ```swift
/// // Tapedeck refused to send PATCH https://graph.microsoft.com/beta/… while recording: …
/// ```
public struct WriteRefusedError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
  /// The method.
  public let method: String
  /// The URL.
  public let url: String

  public var description: String {
    """
    Tapedeck refused to send \(method) \(url) while recording: writes to live tenants are off by default, so a test cannot change production devices by accident. Nothing was sent.
    What to do:
      1. Record against the local sandbox instead (`tapedeck sandbox`, then point the client's base URL at it).
      2. Or allow writes under a URL in TAPEDECK_ALLOW_WRITES (comma-separated; whole path segments), e.g.
         TAPEDECK_ALLOW_WRITES=\(Self.suggestedPrefix(url))
    """
  }

  public var errorDescription: String? { description }

  /// The URL without its query or fragment, as a narrow allow-list entry.
  static func suggestedPrefix(_ url: String) -> String {
    guard let end = url.firstIndex(where: { $0 == "?" || $0 == "#" }) else { return url }
    return String(url[..<end])
  }
}
