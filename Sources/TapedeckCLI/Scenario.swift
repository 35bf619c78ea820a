import Foundation
import GraphContracts
import Tapedeck

/// A scenario file: requests by documented URL template, ids and body (see Documentation/Scenarios.md).
struct Scenario {
  struct Step {
    let method: String
    let template: String
    let ids: [String: String]
    let body: JSONValue?
  }

  let version: GraphVersion
  let steps: [Step]

  /// Reads and checks a scenario; errors name the file and JSON path.
  static func load(_ path: String) throws -> Scenario {
    func failure(_ location: String, _ problem: String) -> CommandFailure {
      CommandFailure.input("\(path) at \(location): \(problem). See Documentation/Scenarios.md.")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CommandFailure.input("\(path) cannot be read; give a scenario file (JSON).")
    }
    let root: JSONValue
    do {
      root = try JSONParser.parse(data)
    } catch {
      throw failure("line \(error.line), column \(error.column)", "not valid JSON: \(error.reason)")
    }
    let versionText = root["version"]?.stringValue ?? "beta"
    guard let version = GraphVersion(rawValue: versionText) else {
      throw failure("$.version", "\"\(versionText)\" is not beta or v1.0")
    }
    guard case .array(let requests)? = root["requests"], !requests.isEmpty else {
      throw failure("$.requests", "a non-empty array of requests is required")
    }
    var steps: [Step] = []
    for (index, request) in requests.enumerated() {
      let at = "$.requests[\(index)]"
      guard let method = request["method"]?.stringValue, ["GET", "PATCH"].contains(method.uppercased()) else {
        throw failure("\(at).method", "GET or PATCH is required")
      }
      guard let template = request["template"]?.stringValue, template.hasPrefix("/") else {
        throw failure("\(at).template", "a documented URL template starting with / is required")
      }
      var ids: [String: String] = [:]
      if case .object(let members)? = request["ids"] {
        for (key, value) in members {
          guard let text = value.stringValue else { throw failure("\(at).ids.\(key)", "ids are strings") }
          ids[key] = text
        }
      }
      let template_ = EndpointTemplate(method: method, path: template, source: path)
      for case .parameter(let name) in template_.segments where ids[name] == nil {
        throw failure("\(at).ids", "the template needs a value for {\(name)}")
      }
      steps.append(Step(method: method.uppercased(), template: template, ids: ids, body: request["body"]))
    }
    return Scenario(version: version, steps: steps)
  }

  /// The concrete path of a step: `/{version}` then the template with its ids, percent-encoded.
  func path(of step: Step) -> String {
    let segments = step.template.split(separator: "/").map { segment -> String in
      guard segment.hasPrefix("{"), segment.hasSuffix("}"), let value = step.ids[String(segment.dropFirst().dropLast())]
      else {
        return String(segment)
      }
      return value.addingPercentEncoding(
        withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? value
    }
    return "/\(version.rawValue)/" + segments.joined(separator: "/")
  }
}
