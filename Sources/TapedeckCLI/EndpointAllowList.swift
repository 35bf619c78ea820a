import Foundation
import Tapedeck

/// Endpoints a team's client calls beyond the documented device-status paths, listed in a
/// checked-in file with a reason each, so `verify` accepts them:
///
/// ```json
/// {
///   "version": 1,
///   "allow": [
///     { "method": "GET", "path": "/beta/deviceManagement/managedDevices/{id}", "reason": "the client reads the device first" }
///   ]
/// }
/// ```
///
/// A `{name}` segment matches any one segment; paths start with the Graph version.
struct EndpointAllowList {
  struct Entry: Equatable {
    let method: String
    let segments: [String]
    let reason: String
  }

  let entries: [Entry]

  static let defaultFileName = "tapedeck-endpoints.json"

  /// The entry allowing `method` on `url`'s path, if any.
  func entry(method: String, url: String) -> Entry? {
    // Most teams have no allow-list: no URL to normalize then.
    guard entries.contains(where: { $0.method == method }) else { return nil }
    let path = NormalizedURL(url).path
    let segments = path.split(separator: "/").map(String.init)
    return entries.first { entry in
      entry.method == method && entry.segments.count == segments.count
        && zip(entry.segments, segments).allSatisfy { pattern, segment in
          (pattern.hasPrefix("{") && pattern.hasSuffix("}")) || pattern == segment
        }
    }
  }

  /// Reads the file; a missing default file is an empty list, anything malformed an error
  /// naming the file and the JSON path.
  static func load(path: String, required: Bool) throws -> EndpointAllowList {
    guard FileManager.default.fileExists(atPath: path) else {
      if required { throw CommandFailure.input("\(path) does not exist; give the endpoint allow-list file.") }
      return EndpointAllowList(entries: [])
    }
    func bad(_ place: String, _ problem: String) -> CommandFailure {
      CommandFailure.input(
        "\(path): \(place): \(problem). Expected {\"version\": 1, \"allow\": [{\"method\", \"path\", \"reason\"}]}.")
    }
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw CommandFailure.input("\(path) cannot be read; check its permissions.")
    }
    let root: JSONValue
    do { root = try JSONParser.parse(data) } catch { throw bad("$", "not JSON (\(error))") }
    guard case .object(let members) = root else { throw bad("$", "expected an object") }
    guard case .number(let version)? = members["version"], version.doubleValue == 1 else {
      throw bad("$.version", "expected 1")
    }
    guard case .array(let list)? = members["allow"] else { throw bad("$.allow", "expected an array") }
    var entries: [Entry] = []
    for (index, item) in list.enumerated() {
      let place = "$.allow[\(index)]"
      guard case .object(let fields) = item else { throw bad(place, "expected an object") }
      guard let method = fields["method"]?.stringValue, !method.isEmpty else {
        throw bad(place + ".method", "expected an HTTP method")
      }
      guard let path = fields["path"]?.stringValue, path.hasPrefix("/") else {
        throw bad(place + ".path", "expected a path starting with /, like /beta/deviceManagement/…")
      }
      guard let reason = fields["reason"]?.stringValue, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw bad(place + ".reason", "every allowed endpoint needs a reason")
      }
      entries.append(
        Entry(method: method.uppercased(), segments: path.split(separator: "/").map(String.init), reason: reason))
    }
    return EndpointAllowList(entries: entries)
  }
}
