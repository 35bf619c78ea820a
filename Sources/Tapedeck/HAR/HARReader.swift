import Foundation
import HTTPTypes

/// Reads a parsed HAR document into a ``HARArchive``, naming the JSON path of the first field
/// that is missing, of the wrong type or of a bad value.
struct HARReader {
  let path: String

  /// The HAR versions read: 1.2, and 1.1, which differs only in fields Tapedeck ignores.
  static let versions: Set<String> = ["1.1", "1.2"]

  func archive(_ root: JSONValue) throws(HARFormatError) -> HARArchive {
    let top = try object(root, at: "$")
    let log = try object(try member("log", of: top, at: "$", expected: "an object"), at: "$.log")
    let version = try string("version", of: log, at: "$.log")
    guard Self.versions.contains(version) else {
      throw failure(at: "$.log.version", "the version is \(quoted(version)); Tapedeck reads HAR 1.2 (and 1.1)")
    }
    var creator = HARArchive.Creator(name: "", version: "")
    if let value = log["creator"] {
      let object = try object(value, at: "$.log.creator")
      creator = HARArchive.Creator(
        name: try optionalString("name", of: object, at: "$.log.creator") ?? "",
        version: try optionalString("version", of: object, at: "$.log.creator") ?? "")
    }
    let entries = try array(try member("entries", of: log, at: "$.log", expected: "an array"), at: "$.log.entries")
    var archive = HARArchive(version: version, creator: creator)
    archive.entries.reserveCapacity(entries.count)
    for (index, value) in entries.enumerated() {
      archive.entries.append(try entry(value, at: "$.log.entries[\(index)]"))
    }
    if let value = log["_tapedeck"] { archive.tapedeck = try object(value, at: "$.log._tapedeck") }
    return archive
  }

  func entry(_ value: JSONValue, at place: String) throws(HARFormatError) -> HARArchive.Entry {
    let object = try object(value, at: place)
    let started = try string("startedDateTime", of: object, at: place)
    guard let date = HARDate.parse(started) else {
      throw failure(
        at: "\(place).startedDateTime", "\(quoted(started)) is not an ISO 8601 date-time (2026-11-22T10:00:00.000Z)")
    }
    let time = try optionalNumber("time", of: object, at: place) ?? 0
    let request = try request(
      try member("request", of: object, at: place, expected: "an object"), at: "\(place).request")
    let response = try response(
      try member("response", of: object, at: place, expected: "an object"), at: "\(place).response")
    var entry = HARArchive.Entry(startedDateTime: date, time: time, request: request, response: response)
    if let extra = object["_tapedeck"] { entry.tapedeck = try self.object(extra, at: "\(place)._tapedeck") }
    return entry
  }

  func request(_ value: JSONValue, at place: String) throws(HARFormatError) -> HARArchive.Request {
    let object = try object(value, at: place)
    let method = try string("method", of: object, at: place)
    guard HTTPRequest.Method(method) != nil else {
      throw failure(at: "\(place).method", "\(quoted(method)) is not an HTTP method")
    }
    let url = try string("url", of: object, at: place)
    var request = HARArchive.Request(
      method: method, url: url, httpVersion: try optionalString("httpVersion", of: object, at: place) ?? "HTTP/1.1",
      headers: try fields("headers", of: object, at: place))
    if let value = object["queryString"] {
      _ = try array(value, at: "\(place).queryString")
    }
    request.bodySize = try optionalInteger("bodySize", of: object, at: place) ?? -1
    if let value = object["postData"], value != .null {
      request.postData = try postData(value, at: "\(place).postData")
    }
    return request
  }

  func postData(_ value: JSONValue, at place: String) throws(HARFormatError) -> HARArchive.PostData {
    let object = try object(value, at: place)
    var body = HARArchive.PostData(mimeType: try optionalString("mimeType", of: object, at: place) ?? "")
    body.text = try optionalString("text", of: object, at: place)
    body.encoding = try encoding(of: object, at: place)
    if body.encoding == nil, object["_encoding"] != nil {
      var renamed = object
      renamed["encoding"] = renamed.removeValue(forKey: "_encoding")
      body.encoding = try encoding(of: renamed, at: place)
    }
    if let value = object["params"] {
      for (index, item) in try array(value, at: "\(place).params").enumerated() {
        let at = "\(place).params[\(index)]"
        let param = try self.object(item, at: at)
        body.params.append(
          HARArchive.Param(
            name: try string("name", of: param, at: at), value: try optionalString("value", of: param, at: at),
            fileName: try optionalString("fileName", of: param, at: at)))
      }
    }
    return body
  }

  func response(_ value: JSONValue, at place: String) throws(HARFormatError) -> HARArchive.Response {
    let object = try object(value, at: place)
    guard let status = try optionalInteger("status", of: object, at: place) else {
      throw failure(at: place, "\"status\" is missing (an integer)")
    }
    var response = HARArchive.Response(
      status: status, statusText: try optionalString("statusText", of: object, at: place) ?? "",
      httpVersion: try optionalString("httpVersion", of: object, at: place) ?? "HTTP/1.1",
      headers: try fields("headers", of: object, at: place),
      redirectURL: try optionalString("redirectURL", of: object, at: place) ?? "")
    response.bodySize = try optionalInteger("bodySize", of: object, at: place) ?? -1
    let contentPlace = "\(place).content"
    let content = try self.object(try member("content", of: object, at: place, expected: "an object"), at: contentPlace)
    response.content = HARArchive.Content(
      size: try optionalInteger("size", of: content, at: contentPlace) ?? -1,
      mimeType: try optionalString("mimeType", of: content, at: contentPlace) ?? "",
      text: try optionalString("text", of: content, at: contentPlace),
      encoding: try encoding(of: content, at: contentPlace))
    return response
  }

  // MARK: Fields

  func fields(_ key: String, of object: [String: JSONValue], at place: String) throws(HARFormatError)
    -> [HARArchive.Field]
  {
    let list = try array(try member(key, of: object, at: place, expected: "an array"), at: "\(place).\(key)")
    var fields: [HARArchive.Field] = []
    fields.reserveCapacity(list.count)
    for (index, item) in list.enumerated() {
      let at = "\(place).\(key)[\(index)]"
      let field = try self.object(item, at: at)
      fields.append(
        HARArchive.Field(name: try string("name", of: field, at: at), value: try string("value", of: field, at: at)))
    }
    return fields
  }

  func encoding(of object: [String: JSONValue], at place: String) throws(HARFormatError) -> String? {
    guard let encoding = try optionalString("encoding", of: object, at: place), !encoding.isEmpty else { return nil }
    guard encoding.lowercased() == "base64" else {
      throw failure(at: "\(place).encoding", "the encoding is \(quoted(encoding)); only \"base64\" is defined")
    }
    guard let text = object["text"]?.stringValue, Data(base64Encoded: text, options: .ignoreUnknownCharacters) != nil
    else {
      if object["text"] == nil { return "base64" }
      throw failure(at: "\(place).text", "the text is not valid base64, as \"encoding\": \"base64\" says it is")
    }
    return "base64"
  }

  // MARK: Primitives

  func member(_ key: String, of object: [String: JSONValue], at place: String, expected: String)
    throws(HARFormatError) -> JSONValue
  {
    guard let value = object[key] else { throw failure(at: place, "\(quoted(key)) is missing (\(expected))") }
    return value
  }

  func object(_ value: JSONValue, at place: String) throws(HARFormatError) -> [String: JSONValue] {
    guard case .object(let members) = value else {
      throw failure(at: place, "expected an object, found \(value.typeName)")
    }
    return members
  }

  func array(_ value: JSONValue, at place: String) throws(HARFormatError) -> [JSONValue] {
    guard case .array(let items) = value else { throw failure(at: place, "expected an array, found \(value.typeName)") }
    return items
  }

  func string(_ key: String, of object: [String: JSONValue], at place: String) throws(HARFormatError) -> String {
    guard let value = try optionalString(key, of: object, at: place) else {
      throw failure(at: place, "\(quoted(key)) is missing (a string)")
    }
    return value
  }

  func optionalString(_ key: String, of object: [String: JSONValue], at place: String) throws(HARFormatError)
    -> String?
  {
    guard let value = object[key], value != .null else { return nil }
    guard case .string(let text) = value else {
      throw failure(at: "\(place).\(key)", "expected a string, found \(value.typeName)")
    }
    return text
  }

  func optionalNumber(_ key: String, of object: [String: JSONValue], at place: String) throws(HARFormatError)
    -> Double?
  {
    guard let value = object[key], value != .null else { return nil }
    guard case .number(let number) = value, number.doubleValue.isFinite else {
      throw failure(at: "\(place).\(key)", "expected a number, found \(value.typeName)")
    }
    return number.doubleValue
  }

  func optionalInteger(_ key: String, of object: [String: JSONValue], at place: String) throws(HARFormatError)
    -> Int?
  {
    guard let number = try optionalNumber(key, of: object, at: place) else { return nil }
    guard number.rounded() == number, abs(number) < 1e15 else {
      throw failure(at: "\(place).\(key)", "expected an integer, found \(number)")
    }
    return Int(number)
  }

  func failure(at place: String, _ problem: String) -> HARFormatError {
    HARFormatError(path: path, location: place, problem: problem)
  }

  /// A value quoted for a message, cut short and with control characters escaped.
  func quoted(_ text: String) -> String {
    let cut =
      text.unicodeScalars.count > 60 ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(60))) + "…" : text
    return JSONWriter.compactString(.string(cut))
  }
}
