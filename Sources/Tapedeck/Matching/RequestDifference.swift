import Foundation
import HTTPTypes

/// One way a recorded request differs from an incoming one, as shown in an unmatched-request
/// message.
///
/// ```swift
/// RequestDifference.bodyValue(path: "$.status", recorded: "compliant", incoming: "error").description
/// // body $.status: recorded "compliant", request "error"
/// ```
public enum RequestDifference: Sendable, Hashable, CustomStringConvertible {
  /// Different methods.
  case method(recorded: String, incoming: String)
  /// Different scheme, host or port.
  case origin(recorded: String, incoming: String)
  /// A different path segment (1-based position); `nil` when one path is shorter.
  case pathSegment(position: Int, recorded: String?, incoming: String?)
  /// A query parameter with different values; `nil` when absent on one side.
  case queryItem(name: String, recorded: String?, incoming: String?)
  /// A matched header with different values; `nil` when absent on one side.
  case header(name: String, recorded: String?, incoming: String?)
  /// A JSON body value that differs at a path; `nil` when absent on one side.
  case bodyValue(path: String, recorded: String?, incoming: String?)
  /// Non-JSON bodies that differ.
  case bodyBytes(recordedCount: Int, incomingCount: Int)
  /// The custom predicate said no.
  case predicate(name: String)
  /// Every recording with this key was already replayed.
  case alreadyPlayed(times: Int)

  public var description: String {
    func show(_ value: String?) -> String { value.map { "\"\($0)\"" } ?? "(absent)" }
    switch self {
    case .method(let recorded, let incoming): return "method: recorded \(recorded), request \(incoming)"
    case .origin(let recorded, let incoming): return "host: recorded \(recorded), request \(incoming)"
    case .pathSegment(let position, let recorded, let incoming):
      return "URL path segment \(position): recorded \(show(recorded)), request \(show(incoming))"
    case .queryItem(let name, let recorded, let incoming):
      return "query parameter \(name): recorded \(show(recorded)), request \(show(incoming))"
    case .header(let name, let recorded, let incoming):
      return "header \(name): recorded \(show(recorded)), request \(show(incoming))"
    case .bodyValue(let path, let recorded, let incoming):
      return "body \(path): recorded \(recorded ?? "(absent)"), request \(incoming ?? "(absent)")"
    case .bodyBytes(let recordedCount, let incomingCount):
      return "body bytes differ: recorded \(recordedCount) bytes, request \(incomingCount) bytes"
    case .predicate(let name): return "\(name) rejected it"
    case .alreadyPlayed(let times):
      return "identical, but already replayed \(times == 1 ? "once" : "\(times) times") (each recording plays once)"
    }
  }

  /// How far apart this makes two requests, for ranking the closest recordings.
  var weight: Int {
    switch self {
    case .method: 8
    case .origin: 6
    case .pathSegment: 3
    case .queryItem, .header, .bodyValue, .predicate: 1
    case .bodyBytes: 2
    case .alreadyPlayed: 0
    }
  }

  /// Every difference between an incoming and a recorded request under the matching options.
  static func between(
    incoming: RecordedRequest, recorded: RecordedRequest, matching: RequestMatching, limit: Int = 6
  ) -> [RequestDifference] {
    var found: [RequestDifference] = []
    if incoming.method != recorded.method {
      found.append(.method(recorded: recorded.method.rawValue, incoming: incoming.method.rawValue))
    }
    let mine = NormalizedURL(incoming.url, ignoring: matching.ignoredQueryParameters)
    let theirs = NormalizedURL(recorded.url, ignoring: matching.ignoredQueryParameters)
    if mine.origin != theirs.origin { found.append(.origin(recorded: theirs.origin, incoming: mine.origin)) }
    let mySegments = mine.pathSegments
    let theirSegments = theirs.pathSegments
    for position in 0..<max(mySegments.count, theirSegments.count) {
      let left = position < theirSegments.count ? String(theirSegments[position]) : nil
      let right = position < mySegments.count ? String(mySegments[position]) : nil
      if left != right { found.append(.pathSegment(position: position, recorded: left, incoming: right)) }
    }
    let myQuery = Dictionary(grouping: mine.query, by: \.name)
    let theirQuery = Dictionary(grouping: theirs.query, by: \.name)
    for name in Set(myQuery.keys).union(theirQuery.keys).sorted() where myQuery[name] != theirQuery[name] {
      found.append(
        .queryItem(
          name: name, recorded: theirQuery[name].map { $0.map { $0.value ?? "" }.joined(separator: ",") },
          incoming: myQuery[name].map { $0.map { $0.value ?? "" }.joined(separator: ",") }))
    }
    for name in matching.headers {
      let left = recorded.headers[values: name]
      let right = incoming.headers[values: name]
      if left != right {
        found.append(
          .header(
            name: name.rawName, recorded: left.isEmpty ? nil : left.joined(separator: ", "),
            incoming: right.isEmpty ? nil : right.joined(separator: ", ")))
      }
    }
    if matching.comparesBody {
      switch (matching.comparableJSON(recorded.body), matching.comparableJSON(incoming.body)) {
      case (let left?, let right?):
        JSONDifference.collect(recorded: left, incoming: right, at: .root, into: &found, limit: limit)
      default:
        let left = recorded.body?.data ?? Data()
        let right = incoming.body?.data ?? Data()
        if left != right { found.append(.bodyBytes(recordedCount: left.count, incomingCount: right.count)) }
      }
    }
    if found.isEmpty, let predicate = matching.predicate, !predicate(incoming, recorded) {
      found.append(.predicate(name: matching.predicateName))
    }
    return found
  }
}

/// Walks two JSON values and lists the paths where they differ.
enum JSONDifference {
  static func collect(
    recorded: JSONValue?, incoming: JSONValue?, at path: JSONPath, into found: inout [RequestDifference], limit: Int
  ) {
    guard recorded != incoming, found.count < limit * 4 else { return }
    switch (recorded, incoming) {
    case (.object(let left)?, .object(let right)?):
      for key in Set(left.keys).union(right.keys).sorted() {
        collect(recorded: left[key], incoming: right[key], at: path.appending(key: key), into: &found, limit: limit)
      }
    case (.array(let left)?, .array(let right)?) where left.count == right.count:
      for index in left.indices {
        collect(
          recorded: left[index], incoming: right[index], at: path.appending(index: index), into: &found, limit: limit)
      }
    default:
      found.append(
        .bodyValue(
          path: path.description, recorded: recorded.map(JSONWriter.compactString),
          incoming: incoming.map(JSONWriter.compactString)))
    }
  }
}
