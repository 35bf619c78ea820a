import Foundation
import HTTPTypes
import TapedeckJSON

/// `/_tapedeck/faults` on the sandbox's port: `GET` lists the fault rules in force (each with
/// how many requests it `matched` and how many it `fired` on), `POST`
/// adds one (`{"status":429,"rate":0.2|"nth":3,"path":"/beta/…","method":"PATCH",
/// "retryAfter":0|null,"count":5}`), `DELETE` clears them. For clients in any language that
/// need throttling or outages on demand.
extension SandboxHandler {
  func control(_ request: SandboxRequest, context: ResponseContext) -> SandboxAnswer {
    switch request.method {
    case .get:
      let rules = faults.usage.map { rule -> JSONValue in
        guard case .object(var members) = Self.json(rule.fault) else { return .null }
        members["matched"] = .number(JSONNumber(rule.matched))
        members["fired"] = .number(JSONNumber(rule.fired))
        return .object(members)
      }
      return context.json(.ok, ["value": .array(rules)])
    case .delete:
      faults.clear()
      return context.empty(.noContent)
    case .post:
      guard case .object(let members)? = try? JSONParser.parse(request.body) else {
        return context.error(
          status: .badRequest, code: "BadRequest", message: "The body must be a JSON object such as {\"status\":429}.")
      }
      do {
        let fault = try Self.fault(members)
        faults.add(fault)
        return context.json(.created, Self.json(fault))
      } catch {
        return context.error(status: .badRequest, code: "BadRequest", message: error.description)
      }
    default:
      return context.methodNotAllowed(allowed: [.get, .post, .delete])
    }
  }

  /// A rule from its JSON form (the command-line form's fields, `retryAfter` in camel case).
  private static func fault(_ members: [String: JSONValue]) throws(SandboxFaultError) -> SandboxFault {
    var parts: [String] = []
    for (key, value) in members.sorted(by: { $0.key < $1.key }) {
      let name = key == "retryAfter" ? "retry-after" : key
      switch value {
      case .null where name == "retry-after": parts.append("retry-after=none")
      case .number(let number): parts.append("\(name)=\(number.literal)")
      case .string(let text): parts.append("\(name)=\(text)")
      default:
        throw SandboxFaultError(text: key, problem: "'\(key)' must be a number or a string")
      }
    }
    return try SandboxFault(parsing: parts.joined(separator: ","))
  }

  private static func json(_ fault: SandboxFault) -> JSONValue {
    var members: [String: JSONValue] = [
      "status": .number(JSONNumber(fault.status)),
      "retryAfter": fault.retryAfter.map { .number(JSONNumber($0)) } ?? .null,
    ]
    switch fault.trigger {
    case .rate(let rate): members["rate"] = .number(JSONNumber(rate))
    case .nth(let nth): members["nth"] = .number(JSONNumber(nth))
    case .always: break
    }
    if let path = fault.path { members["path"] = .string(path) }
    if let method = fault.method { members["method"] = .string(method) }
    if let count = fault.count { members["count"] = .number(JSONNumber(count)) }
    return .object(members)
  }
}
