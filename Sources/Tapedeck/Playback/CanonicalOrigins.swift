public import Foundation
import HTTPTypes

/// Where Graph and its token authority really live, and which other origins stand for them.
///
/// Cassettes store canonical origins (`https://graph.microsoft.com`,
/// `https://login.microsoftonline.com`) whatever base URL the client used: a recording made
/// against the sandbox on any loopback port replays with the client pointed at Graph or at
/// another port. Requests to a configured Graph base URL (`GRAPH_BASE_URL`), a configured
/// authority (`GRAPH_AUTHORITY`) or any loopback origin are mapped: token paths
/// (`/{tenant}/oauth2/…`) to the authority, everything else to Graph. Absolute URLs in
/// recorded answers (`@odata.nextLink`, `@odata.context`, `Location`) are mapped the same way,
/// and on replay mapped back to the origin the client used.
///
/// ```swift
/// let origins = CanonicalOrigins.fromEnvironment()
/// origins.canonical("http://127.0.0.1:5123/beta/deviceManagement")  // "https://graph.microsoft.com/beta/deviceManagement"
/// ```
public struct CanonicalOrigins: Sendable, Hashable {
  /// The canonical Graph origin.
  public var graph: String
  /// The canonical token authority.
  public var authority: String
  /// Other origins that stand for Graph or the authority (any path).
  public var aliases: [String]
  /// Whether every loopback origin (the sandbox on any port) stands for Graph and the authority.
  public var mapsLoopback: Bool

  /// Whether nothing is mapped (``identity``).
  var mapsNothing = false

  /// The standard mapping, with extra aliases.
  public init(
    graph: String = "https://graph.microsoft.com", authority: String = "https://login.microsoftonline.com",
    aliases: [String] = [], mapsLoopback: Bool = true
  ) {
    self.graph = graph
    self.authority = authority
    self.aliases = aliases.compactMap { Self.split($0)?.origin }
    self.mapsLoopback = mapsLoopback
  }

  /// No mapping at all: URLs are stored as sent.
  public static var identity: CanonicalOrigins {
    var origins = CanonicalOrigins(mapsLoopback: false)
    origins.mapsNothing = true
    return origins
  }

  /// The standard mapping plus `GRAPH_BASE_URL` and `GRAPH_AUTHORITY` as aliases.
  public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
    -> CanonicalOrigins
  {
    let configured = ["GRAPH_BASE_URL", "GRAPH_AUTHORITY"].compactMap { environment[$0] }.filter { !$0.isEmpty }
    return CanonicalOrigins(aliases: configured)
  }

  /// The canonical origin a URL's origin stands for, or `nil` when it is not mapped.
  func mapping(for url: String) -> (actual: String, canonical: String, rest: Substring)? {
    guard !mapsNothing, let (actual, rest) = Self.split(url) else { return nil }
    let isAlias = aliases.contains(actual) || (mapsLoopback && GuardedURL(actual)?.isLoopback == true)
    guard isAlias, actual != graph, actual != authority else { return nil }
    let segments = rest.prefix { $0 != "?" && $0 != "#" }.split(separator: "/", omittingEmptySubsequences: true)
    let isToken = segments.count >= 2 && segments[1] == "oauth2"
    return (actual, isToken ? authority : graph, rest)
  }

  /// The URL with its origin replaced by the canonical one (unchanged when not mapped).
  ///
  /// ```swift
  /// CanonicalOrigins().canonical("http://localhost:8080/tenant/oauth2/v2.0/token")  // "https://login.microsoftonline.com/tenant/oauth2/v2.0/token"
  /// ```
  public func canonical(_ url: String) -> String {
    guard let (_, canonical, rest) = mapping(for: url) else { return url }
    return canonical + rest
  }

  /// An absolute URL split into its origin (`scheme://host[:port]`, lower-cased, default port
  /// dropped) and the rest (path, query, fragment).
  static func split(_ url: String) -> (origin: String, rest: Substring)? {
    guard let schemeEnd = url.range(of: "://") else { return nil }
    let scheme = url[..<schemeEnd.lowerBound].lowercased()
    guard scheme == "http" || scheme == "https" else { return nil }
    let afterScheme = url[schemeEnd.upperBound...]
    let end = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
    let authority = afterScheme[..<end].lowercased()
    guard !authority.isEmpty, !authority.contains("@") else { return nil }
    var origin = "\(scheme)://\(authority)"
    if scheme == "https", origin.hasSuffix(":443") { origin.removeLast(4) }
    if scheme == "http", origin.hasSuffix(":80") { origin.removeLast(3) }
    return (origin, afterScheme[end...])
  }
}

extension RecordedResponse {
  /// This answer with absolute URLs of mapped origins (in JSON string values and the
  /// `Location` header) replaced by their canonical origins.
  func mappingOrigins(using origins: CanonicalOrigins) -> RecordedResponse {
    func map(_ text: String) -> String? {
      guard text.contains("://"), origins.mapping(for: text) != nil else { return nil }
      return origins.canonical(text)
    }
    var copy = self
    var headers = HTTPFields()
    for var field in self.headers {
      if field.name == .location, let mapped = map(field.value) { field.value = mapped }
      headers.append(field)
    }
    copy.headers = headers
    if case .json(let value)? = body { copy.body = .json(value.mappingStrings(map)) }
    return copy
  }
}

extension JSONValue {
  /// This value with every string that `transform` maps replaced (keys are left alone).
  func mappingStrings(_ transform: (String) -> String?) -> JSONValue {
    switch self {
    case .string(let text): return transform(text).map(JSONValue.string) ?? self
    case .array(let elements): return .array(elements.map { $0.mappingStrings(transform) })
    case .object(let members): return .object(members.mapValues { $0.mappingStrings(transform) })
    default: return self
    }
  }
}
