import Foundation
import GraphContracts
import HTTPTypes
import Tapedeck

/// Compares a recorded interaction's answer with a fresh one, field by field, into tiered
/// ``DriftFinding``s. Both sides are scrubbed with the same rules and key, so pseudonyms and
/// `REDACTED` compare equal and no real value is shown.
enum DriftComparison {
  /// Headers clients read: a change in one is notable.
  static let headersClientsRead: [HTTPField.Name] = [
    .contentType, .location, .retryAfter, HTTPField.Name("OData-Version")!, HTTPField.Name("Preference-Applied")!,
    HTTPField.Name("Deprecation")!, HTTPField.Name("Sunset")!, .eTag,
  ]

  static func compare(recorded: RecordedResponse, fresh: RecordedResponse) -> [DriftFinding] {
    var found: [DriftFinding] = []
    if recorded.status.code != fresh.status.code {
      found.append(
        DriftFinding(
          tier: .breaking, path: "status", rule: "status-changed",
          message: "status \(recorded.status.code) → \(fresh.status.code)"))
    }
    for name in headersClientsRead {
      let before = recorded.headers[name]
      let after = fresh.headers[name]
      guard before != after else { continue }
      if name == .contentType, essence(before) == essence(after) { continue }
      let message: String
      switch (before, after) {
      case (nil, _?): message = "header \(name.rawName) added"
      case (_?, nil): message = "header \(name.rawName) removed"
      default: message = "header \(name.rawName) changed"
      }
      let volatile = name == .eTag || name == .retryAfter
      found.append(
        DriftFinding(
          tier: volatile ? .ignored : .notable, path: "headers.\(name.rawName)",
          rule: volatile ? "volatile-header" : "header-changed", message: message))
    }
    switch (recorded.body, fresh.body) {
    case (.json(let before)?, .json(let after)?):
      compare(before, after, at: "body", into: &found)
    case (nil, nil):
      break
    case (nil, _?):
      found.append(DriftFinding(tier: .notable, path: "body", rule: "body-added", message: "an answer body appeared"))
    case (_?, nil):
      found.append(
        DriftFinding(tier: .breaking, path: "body", rule: "body-removed", message: "the answer body is gone"))
    case (let before?, let after?):
      if before.data != after.data {
        found.append(
          DriftFinding(tier: .ignored, path: "body", rule: "text-body", message: "a non-JSON body changed"))
      }
    }
    return found
  }

  static func essence(_ contentType: String?) -> String? {
    contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
  }

  static func compare(_ before: JSONValue, _ after: JSONValue, at path: String, into found: inout [DriftFinding]) {
    switch (before, after) {
    case (.object(let old), .object(let new)):
      for key in old.keys.sorted() {
        let place = path + JSONPath.member(key)
        guard let newValue = new[key] else {
          found.append(
            DriftFinding(tier: .breaking, path: place, rule: "property-removed", message: "property \(key) removed"))
          continue
        }
        if key == "@odata.type", old[key] != newValue {
          found.append(
            DriftFinding(
              tier: .breaking, path: place, rule: "odata-type-changed",
              message: "@odata.type \(old[key]?.stringValue ?? "?") → \(newValue.stringValue ?? "?")"))
          continue
        }
        compare(old[key]!, newValue, at: place, into: &found)
      }
      for key in new.keys.sorted() where old[key] == nil {
        found.append(
          DriftFinding(
            tier: .notable, path: path + JSONPath.member(key), rule: "property-added", message: "property \(key) added")
        )
      }
    case (.array(let old), .array(let new)):
      for index in 0..<min(old.count, new.count) {
        compare(old[index], new[index], at: "\(path)[\(index)]", into: &found)
      }
      if old.count != new.count {
        found.append(
          DriftFinding(
            tier: .ignored, path: path, rule: "collection-size", message: "\(old.count) items → \(new.count)"))
      }
    case (.null, _), (_, .null):
      if before != after {
        found.append(DriftFinding(tier: .ignored, path: path, rule: "data-value", message: "null ↔ value"))
      }
    default:
      if kind(before) != kind(after) {
        found.append(
          DriftFinding(
            tier: .breaking, path: path, rule: "type-changed", message: "\(kind(before)) → \(kind(after))"))
      } else if before != after {
        let text = before.stringValue ?? JSONWriter.compactString(before)
        let volatile = VolatileValue.looksVolatile(text)
        found.append(
          DriftFinding(
            tier: .ignored, path: path, rule: volatile ? "volatile-value" : "data-value",
            message: volatile ? "a volatile value (timestamp, GUID, token) changed" : "a data value changed"))
      }
    }
  }

  static func kind(_ value: JSONValue) -> String {
    switch value {
    case .null: "null"
    case .bool: "boolean"
    case .number: "number"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    }
  }
}
