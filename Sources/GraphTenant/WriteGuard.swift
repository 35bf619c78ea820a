public import Foundation
import HTTPTypes
public import Tapedeck

/// The write guard: while recording, a PATCH, POST, PUT or DELETE to any host but loopback is
/// refused unless `TAPEDECK_ALLOW_WRITES` lists a matching URL prefix (comma-separated).
/// Token requests (`…/oauth2/v2.0/token`) are not writes to a tenant and always pass.
///
/// ```swift
/// let player = try CassettePlayer(cassette: "patch", redactor: .graph(), liveRequestGuard: WriteGuard.fromEnvironment().liveRequestGuard)
/// ```
public struct WriteGuard: Sendable, Hashable {
  /// URL prefixes writes may go to.
  public var allowedPrefixes: [String]

  /// A guard with an allow-list.
  public init(allowedPrefixes: [String] = []) { self.allowedPrefixes = allowedPrefixes }

  /// A guard from `TAPEDECK_ALLOW_WRITES`.
  public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
    -> WriteGuard
  {
    let list = (environment["TAPEDECK_ALLOW_WRITES"] ?? "").split(separator: ",")
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    return WriteGuard(allowedPrefixes: list)
  }

  /// Why a request is refused, or `nil` when it may go.
  public func refusal(for request: RecordedRequest) -> WriteRefusedError? {
    guard ["PATCH", "POST", "PUT", "DELETE"].contains(request.method.rawValue) else { return nil }
    let url = URL(string: request.url)
    let host = url?.host?.lowercased() ?? ""
    if ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host) { return nil }
    if url?.path.hasSuffix("/oauth2/v2.0/token") == true { return nil }
    if allowedPrefixes.contains(where: { request.url.hasPrefix($0) }) { return nil }
    return WriteRefusedError(method: request.method.rawValue, url: request.url)
  }

  /// The guard as the player's hook.
  public var liveRequestGuard: LiveRequestGuard {
    LiveRequestGuard("write guard (TAPEDECK_ALLOW_WRITES)") { request in refusal(for: request) }
  }
}

/// A write to a live tenant that the write guard stopped.
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
    Tapedeck refused to send \(method) \(url) while recording: writes to live tenants are off by default, so a test cannot change production devices by accident.
    To allow it, list a URL prefix in TAPEDECK_ALLOW_WRITES (comma-separated), e.g.
      TAPEDECK_ALLOW_WRITES=\(Self.suggestedPrefix(url))
    or record against the local sandbox (`tapedeck sandbox`).
    """
  }

  public var errorDescription: String? { description }

  /// The URL up to its last path segment, as a narrow allow-list entry.
  static func suggestedPrefix(_ url: String) -> String {
    guard let end = url.firstIndex(where: { $0 == "?" || $0 == "#" }) else { return url }
    return String(url[..<end])
  }
}
