public import Foundation

/// A request or response body as a cassette stores it: JSON as structure, text as text,
/// anything else as base64.
///
/// ```swift
/// let body = RecordedBody(data: Data(#"{"status":"compliant"}"#.utf8), contentType: "application/json")
/// // .json(["status": "compliant"])
/// ```
public enum RecordedBody: Sendable, Hashable {
  /// A JSON body, stored as structure and compared semantically.
  case json(JSONValue)
  /// A text or form body.
  case text(String)
  /// Any other body, stored as base64.
  case base64(Data)

  /// Classifies raw bytes by their media type: JSON media types (and untyped bytes that
  /// parse as JSON) become `.json`, text, form and XML types become `.text`, the rest `.base64`.
  /// Returns `nil` for an empty body.
  public init?(data: Data, contentType: String?) {
    guard !data.isEmpty else { return nil }
    let mediaType = contentType.map(MediaType.init)
    if mediaType?.isJSON ?? true, mediaType != nil || JSONParser.looksLikeJSON(data),
      let value = try? JSONParser.parse(data)
    {
      self = .json(value)
    } else if mediaType?.isText ?? true, let text = String(validating: data, as: UTF8.self) {
      self = .text(text)
    } else {
      self = .base64(data)
    }
  }

  /// The bytes to send for this body (JSON is sent compact, keys sorted).
  public var data: Data {
    switch self {
    case .json(let value): JSONWriter.compactData(value)
    case .text(let text): Data(text.utf8)
    case .base64(let bytes): bytes
    }
  }

  /// The body's name in the cassette file: `json`, `text` or `base64`.
  public var encodingName: String {
    switch self {
    case .json: "json"
    case .text: "text"
    case .base64: "base64"
    }
  }

  /// The JSON value this body holds, parsing text bodies that are JSON; `nil` otherwise.
  public var jsonValue: JSONValue? {
    switch self {
    case .json(let value): value
    case .text(let text): JSONParser.looksLikeJSON(Data(text.utf8)) ? try? JSONParser.parse(text) : nil
    case .base64: nil
    }
  }
}

/// The type/subtype part of a `Content-Type`, lower-cased, parameters dropped.
struct MediaType {
  let essence: Substring

  init(_ contentType: String) {
    let end = contentType.utf8.firstIndex(of: UInt8(ascii: ";")) ?? contentType.endIndex
    let type = contentType[..<end]
    // The common case, already lower case without spaces, is taken as it is.
    if type.utf8.allSatisfy({ $0 != 0x20 && $0 != 0x09 && !(0x41...0x5A).contains($0) }) {
      essence = type
    } else {
      essence = Substring(type.trimmingCharacters(in: .whitespaces).lowercased())
    }
  }

  var isJSON: Bool { essence == "application/json" || essence == "text/json" || essence.hasSuffix("+json") }

  var isText: Bool {
    essence.hasPrefix("text/") || essence == "application/x-www-form-urlencoded" || essence == "application/xml"
      || essence.hasSuffix("+xml") || essence == "application/javascript" || isJSON
  }
}
