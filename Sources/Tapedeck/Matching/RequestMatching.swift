import Foundation
public import HTTPTypes

/// How an incoming request is matched to a recorded one.
///
/// The default key is method, normalized URL (see ``NormalizedURL``) and body (semantic JSON
/// equality when both are JSON, bytes otherwise). Headers are not matched unless asked.
///
/// ```swift
/// let matching = RequestMatching.default
///   .ignoringJSONPaths("$.lastReportedDateTime")
///   .ignoringQueryParameters("$skiptoken")
///   .matchingHeaders(.contentType)
/// ```
public struct RequestMatching: Sendable, CustomStringConvertible {
  /// Headers whose values must be equal (names compare case-insensitively).
  public var headers: [HTTPField.Name] = []
  /// Parts of JSON bodies left out of the comparison.
  public var ignoredJSONPaths: [JSONPath] = []
  /// Query parameters left out of the comparison.
  public var ignoredQueryParameters: Set<String> = []
  /// Whether bodies are compared at all.
  public var comparesBody = true
  /// An extra test a recorded request must pass: `(incoming, recorded) -> Bool`.
  public var predicate: (@Sendable (_ incoming: RecordedRequest, _ recorded: RecordedRequest) -> Bool)?
  /// The name the predicate goes by in messages.
  public var predicateName = "custom matcher"

  /// Method, normalized URL and body.
  public static let `default` = RequestMatching()

  /// Creates the default matching.
  public init() {}

  /// Also requires these headers to be equal.
  public func matchingHeaders(_ names: HTTPField.Name...) -> RequestMatching {
    var copy = self
    copy.headers += names
    return copy
  }

  /// Leaves these JSON paths out of body comparison (`"$.lastReportedDateTime"`, `"$..id"`).
  public func ignoringJSONPaths(_ paths: JSONPath...) -> RequestMatching {
    var copy = self
    copy.ignoredJSONPaths += paths
    return copy
  }

  /// Leaves these query parameters out of URL comparison.
  public func ignoringQueryParameters(_ names: String...) -> RequestMatching {
    var copy = self
    copy.ignoredQueryParameters.formUnion(
      names.map { NormalizedURL.normalizeEscapes(Substring($0), keepingEncoded: []) })
    return copy
  }

  /// Does not compare bodies.
  public func ignoringBody() -> RequestMatching {
    var copy = self
    copy.comparesBody = false
    return copy
  }

  /// Adds a custom test on top of the key: `(incoming, recorded) -> Bool`.
  ///
  /// ```swift
  /// .where("same tenant") { incoming, recorded in incoming.url.contains("/beta/") == recorded.url.contains("/beta/") }
  /// ```
  public func `where`(
    _ name: String = "custom matcher",
    _ predicate: @escaping @Sendable (_ incoming: RecordedRequest, _ recorded: RecordedRequest) -> Bool
  ) -> RequestMatching {
    var copy = self
    copy.predicate = predicate
    copy.predicateName = name
    return copy
  }

  public var description: String {
    var parts = ["method", "URL"]
    if !ignoredQueryParameters.isEmpty {
      parts[1] += " (ignoring query parameters \(ignoredQueryParameters.sorted().joined(separator: ", ")))"
    }
    if comparesBody {
      parts.append(
        ignoredJSONPaths.isEmpty
          ? "body" : "body (ignoring \(ignoredJSONPaths.map(\.description).joined(separator: ", ")))")
    }
    if !headers.isEmpty { parts.append("headers \(headers.map(\.rawName).joined(separator: ", "))") }
    if predicate != nil { parts.append(predicateName) }
    return parts.joined(separator: ", ")
  }

  /// The index key of a request under these options.
  func key(for request: RecordedRequest) -> MatchKey {
    MatchKey(
      method: request.method.rawValue,
      url: NormalizedURL(request.url, ignoring: ignoredQueryParameters).text,
      body: comparesBody ? bodyKey(request.body) : .none,
      headers: headers.map { request.headers[values: $0].joined(separator: ", ") })
  }

  func comparableJSON(_ body: RecordedBody?) -> JSONValue? {
    guard let value = body?.jsonValue else { return nil }
    return ignoredJSONPaths.reduce(value) { $1.removing(from: $0) }
  }

  func bodyKey(_ body: RecordedBody?) -> MatchKey.Body {
    guard let body else { return .none }
    if let json = comparableJSON(body) { return .json(json) }
    return .bytes(body.data)
  }
}

/// What the index compares: equal keys mean matching requests (before any custom predicate).
struct MatchKey: Hashable {
  enum Body: Hashable {
    case none
    case json(JSONValue)
    case bytes(Data)
  }

  let method: String
  let url: String
  let body: Body
  let headers: [String]
}
