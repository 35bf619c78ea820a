public import Foundation
import HTTPTypes

/// The write guard: while recording, any request that is not a read (`GET`, `HEAD`, `OPTIONS`)
/// to a host other than loopback is refused before it leaves, unless `TAPEDECK_ALLOW_WRITES`
/// lists a URL it falls under. Every player applies it unless given another guard.
///
/// Allow-list entries are URLs compared on scheme, host, port and whole path segments after
/// dot segments are removed (`…/allowed` allows `…/allowed/x`, never `…/allowedX` nor
/// `…/allowed/../other`). Token requests are not writes to a tenant: a `POST` to
/// `/{tenant}/oauth2/v2.0/token` passes, on the configured authority only (`GRAPH_AUTHORITY`,
/// default `https://login.microsoftonline.com`). The local sandbox is on loopback, so it is
/// never guarded.
///
/// ```swift
/// let player = try CassettePlayer(cassette: "patch", liveRequestGuard: WriteGuard.fromEnvironment().liveRequestGuard)
/// ```
public struct WriteGuard: Sendable, Hashable {
  /// URLs writes may go to (each allows itself and everything below it).
  public var allowedPrefixes: [String]
  /// The token authority, whose token endpoint is exempt.
  public var authority: String

  /// A guard with an allow-list.
  public init(allowedPrefixes: [String] = [], authority: String = "https://login.microsoftonline.com") {
    self.allowedPrefixes = allowedPrefixes
    self.authority = authority
  }

  /// A guard from `TAPEDECK_ALLOW_WRITES` (comma-separated URLs) and `GRAPH_AUTHORITY`.
  public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
    -> WriteGuard
  {
    let list = (environment["TAPEDECK_ALLOW_WRITES"] ?? "").split(separator: ",")
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    let authority =
      environment["GRAPH_AUTHORITY"].flatMap { $0.isEmpty ? nil : $0 } ?? "https://login.microsoftonline.com"
    return WriteGuard(allowedPrefixes: list, authority: authority)
  }

  /// Why a request is refused, or `nil` when it may go.
  public func refusal(for request: RecordedRequest) -> WriteRefusedError? {
    guard !["GET", "HEAD", "OPTIONS"].contains(request.method.rawValue) else { return nil }
    guard let target = GuardedURL(request.url) else {
      return WriteRefusedError(method: request.method.rawValue, url: request.url)
    }
    if target.isLoopback { return nil }
    if request.method.rawValue == "POST", let authority = GuardedURL(authority), target.sameOrigin(as: authority),
      target.segments.count == 4, target.segments[1] == "oauth2", target.segments[2] == "v2.0",
      target.segments[3] == "token"
    {
      return nil
    }
    for entry in allowedPrefixes {
      if let allowed = GuardedURL(entry), target.sameOrigin(as: allowed),
        target.segments.starts(with: allowed.segments.filter { !$0.isEmpty })
      {
        return nil
      }
    }
    return WriteRefusedError(method: request.method.rawValue, url: request.url)
  }

  /// The guard as the player's hook.
  public var liveRequestGuard: LiveRequestGuard {
    LiveRequestGuard("write guard (TAPEDECK_ALLOW_WRITES)") { request in refusal(for: request) }
  }
}

extension UInt8 {
  /// `0-9`, `a-f`, `A-F`.
  fileprivate var isHexDigit: Bool {
    (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self)
  }
}
