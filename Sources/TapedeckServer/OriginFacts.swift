import Foundation
import Tapedeck
import TapedeckSupport

/// What the server needs to know about an origin (`scheme://host:port`), worked out once and
/// remembered: its scheme and authority for an `HTTPRequest`, and whether a player maps it to
/// the canonical Graph origins. Every proxied request asks; parsing a URL and telling loopback
/// hosts apart each time cost more than answering a replayed request. Bounded: it starts over
/// when full.
final class OriginFacts: Sendable {
  struct Facts: Sendable {
    let scheme: String
    let authority: String
    /// A path the base URL carries (an upstream such as `https://host/graph`), without a
    /// trailing slash; empty for a bare origin.
    let pathPrefix: String
    /// Whether the player's canonical origins map this origin (a loopback client, say).
    let mapped: Bool
  }

  static let capacity = 256
  private let known = Locked<[String: Facts?]>([:])

  /// The facts of `origin` under `origins`, or `nil` when it is not an http(s) origin.
  func facts(_ origin: String, origins: CanonicalOrigins) -> Facts? {
    let key = origin + "\u{0}" + origins.graph + "\u{0}" + origins.authority
    if let remembered = known.withLock({ $0[key] }) { return remembered }
    var facts: Facts?
    if let components = URLComponents(string: origin), let scheme = components.scheme,
      let host = components.percentEncodedHost
    {
      let probe = origin + "/"
      var prefix = components.percentEncodedPath
      while prefix.hasSuffix("/") { prefix.removeLast() }
      facts = Facts(
        scheme: scheme, authority: components.port.map { "\(host):\($0)" } ?? host, pathPrefix: prefix,
        mapped: origins.canonical(probe) != probe)
    }
    known.withLock { table in
      if table.count >= Self.capacity { table.removeAll(keepingCapacity: true) }
      table[key] = facts
    }
    return facts
  }
}
