import Foundation
import HTTPTypes

/// Turns a parsed cassette file into a ``Cassette``, naming the JSON path of anything wrong.
struct CassetteDecoder {
  let path: String
  /// Checked only when the file itself is larger than the limit: no body can be larger than its file.
  var bodySizeLimit: BodySizeLimit? = nil

  func error(_ location: JSONPath, _ problem: String, advice: String? = nil) -> CassetteFileError {
    CassetteFileError(
      kind: .invalidContent, path: path, location: location.description, problem: problem,
      advice: advice
        ?? "Fix the file by hand or re-record it (`TAPEDECK_RECORD=all`); see Documentation/CassetteFormat.md.")
  }

  func decode(_ root: JSONValue) throws(CassetteFileError) -> Cassette {
    let members = try object(root, at: .root)
    guard let versionValue = members["version"] else { throw error(.root, "the required field \"version\" is missing") }
    guard case .number(let version) = versionValue, version.doubleValue == Double(Cassette.formatVersion) else {
      throw CassetteFileError(
        kind: .unsupportedVersion, path: path, location: "$.version",
        problem: "format version \(versionValue) is not supported (this build reads version \(Cassette.formatVersion))",
        advice: "Use the Tapedeck release that wrote it, or re-record the cassette with this one.")
    }
    try rejectUnknownKeys(
      members, allowed: ["version", "name", "source", "recordedWith", "interactions", "redactionKeyFingerprint"],
      at: .root)
    var fingerprint: String?
    if let value = members["redactionKeyFingerprint"] {
      guard case .string(let text) = value else {
        throw error(JSONPath.root.appending(key: "redactionKeyFingerprint"), "expected a string")
      }
      fingerprint = text
    }
    let name = try string(members, "name", at: .root)
    let source = Cassette.Source(rawValue: try string(members, "source", at: .root))
    guard Cassette.Source.all.contains(source) else {
      throw error(
        JSONPath.root.appending(key: "source"),
        "unknown source \"\(source.rawValue)\" (expected one of \(Cassette.Source.all.map(\.rawValue).joined(separator: ", ")))"
      )
    }
    let recordedWith = try string(members, "recordedWith", at: .root)
    let listPath = JSONPath.root.appending(key: "interactions")
    guard case .array(let list)? = members["interactions"] else {
      throw error(listPath, members["interactions"] == nil ? "the required field is missing" : "expected an array")
    }
    var interactions: [Interaction] = []
    interactions.reserveCapacity(list.count)
    for (index, item) in list.enumerated() {
      interactions.append(try interaction(item, at: listPath.appending(index: index)))
    }
    return Cassette(
      name: name, source: source, recordedWith: recordedWith, interactions: interactions,
      redactionKeyFingerprint: fingerprint)
  }

  func interaction(_ value: JSONValue, at location: JSONPath) throws(CassetteFileError) -> Interaction {
    let members = try object(value, at: location)
    try rejectUnknownKeys(members, allowed: ["recordedAt", "request", "response"], at: location)
    let stamp = try string(members, "recordedAt", at: location)
    guard let recordedAt = Timestamp.parse(stamp) else {
      throw error(
        location.appending(key: "recordedAt"), "\"\(stamp)\" is not a UTC timestamp like 2026-11-22T10:00:00Z")
    }
    let requestPath = location.appending(key: "request")
    let request = try object(try required(members, "request", at: location), at: requestPath)
    try rejectUnknownKeys(request, allowed: ["method", "url", "headers", "body"], at: requestPath)
    let methodName = try string(request, "method", at: requestPath)
    guard let method = HTTPRequest.Method(methodName) else {
      throw error(requestPath.appending(key: "method"), "\"\(methodName)\" is not an HTTP method")
    }
    let url = try string(request, "url", at: requestPath)
    guard URLComponents(string: url)?.scheme != nil else {
      throw error(requestPath.appending(key: "url"), "\"\(url)\" is not an absolute URL")
    }
    let responsePath = location.appending(key: "response")
    let response = try object(try required(members, "response", at: location), at: responsePath)
    try rejectUnknownKeys(response, allowed: ["status", "headers", "body"], at: responsePath)
    let statusPath = responsePath.appending(key: "status")
    guard case .number(let code)? = response["status"], let status = Int(code.literal), (100...599).contains(status)
    else {
      throw error(
        statusPath,
        response["status"] == nil ? "the required field is missing" : "expected an HTTP status code (100–599)")
    }
    return Interaction(
      recordedAt: recordedAt,
      request: RecordedRequest(
        method: method, url: url, headers: try headers(request["headers"], at: requestPath.appending(key: "headers")),
        body: try body(request["body"], at: requestPath.appending(key: "body"))),
      response: RecordedResponse(
        status: HTTPResponse.Status(code: status),
        headers: try headers(response["headers"], at: responsePath.appending(key: "headers")),
        body: try body(response["body"], at: responsePath.appending(key: "body"))))
  }

  func headers(_ value: JSONValue?, at location: JSONPath) throws(CassetteFileError) -> HTTPFields {
    guard let value else { return [:] }
    let members = try object(value, at: location)
    var fields = HTTPFields()
    for key in members.keys.sorted() {
      let keyPath = location.appending(key: key)
      guard let name = HTTPField.Name(key) else { throw error(keyPath, "\"\(key)\" is not a valid header name") }
      guard case .array(let values) = members[key]! else { throw error(keyPath, "expected an array of strings") }
      for (index, item) in values.enumerated() {
        guard case .string(let text) = item else { throw error(keyPath.appending(index: index), "expected a string") }
        fields.append(HTTPField(name: name, value: text))
      }
    }
    return fields
  }

  func body(_ value: JSONValue?, at location: JSONPath) throws(CassetteFileError) -> RecordedBody? {
    guard let body = try decodedBody(value, at: location) else { return nil }
    if let bodySizeLimit, case let size = body.data.count, bodySizeLimit.isExceeded(by: size) {
      throw error(
        location,
        "the body is \(BodySizeLimit.format(size)), above Tapedeck's body limit of \(bodySizeLimit)",
        advice:
          "Raise the limit with `CassettePlayer(bodySizeLimit:)` or \(BodySizeLimit.environmentVariable) (for example 256MiB) if the body is meant to be this large."
      )
    }
    return body
  }

  private func decodedBody(_ value: JSONValue?, at location: JSONPath) throws(CassetteFileError) -> RecordedBody? {
    guard let value, value != .null else { return nil }
    let members = try object(value, at: location)
    guard members.count == 1, let (kind, payload) = members.first else {
      let found = members.keys.sorted().map { "\"\($0)\"" }.joined(separator: " and ")
      throw error(
        location,
        members.isEmpty
          ? "a body needs exactly one of \"json\", \"text\" or \"base64\""
          : "a body has \(found); it needs exactly one of \"json\", \"text\" or \"base64\"")
    }
    switch kind {
    case "json": return .json(payload)
    case "text":
      guard case .string(let text) = payload else { throw error(location.appending(key: "text"), "expected a string") }
      return .text(text)
    case "base64":
      guard case .string(let text) = payload else {
        throw error(location.appending(key: "base64"), "expected a string")
      }
      guard let data = Data(base64Encoded: text) else {
        throw error(location.appending(key: "base64"), "the value is not valid base64")
      }
      return .base64(data)
    default:
      throw error(
        location.appending(key: kind), "unknown body encoding \"\(kind)\" (expected \"json\", \"text\" or \"base64\")")
    }
  }

  func object(_ value: JSONValue, at location: JSONPath) throws(CassetteFileError) -> [String: JSONValue] {
    guard case .object(let members) = value else {
      throw error(location, "expected an object, found \(value.typeName)")
    }
    return members
  }

  func required(_ members: [String: JSONValue], _ key: String, at location: JSONPath) throws(CassetteFileError)
    -> JSONValue
  {
    guard let value = members[key] else { throw error(location.appending(key: key), "the required field is missing") }
    return value
  }

  func string(_ members: [String: JSONValue], _ key: String, at location: JSONPath) throws(CassetteFileError) -> String
  {
    let value = try required(members, key, at: location)
    guard case .string(let text) = value else {
      throw error(location.appending(key: key), "expected a string, found \(value.typeName)")
    }
    return text
  }

  func rejectUnknownKeys(_ members: [String: JSONValue], allowed: Set<String>, at location: JSONPath)
    throws(CassetteFileError)
  {
    for key in members.keys where !allowed.contains(key) {
      throw error(
        location.appending(key: key),
        "unknown field (expected \(allowed.sorted().map { "\"\($0)\"" }.joined(separator: ", ")))")
    }
  }
}
