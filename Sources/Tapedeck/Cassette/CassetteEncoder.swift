import Foundation
import HTTPTypes

/// Turns a ``Cassette`` into the JSON structure of format version 1.
enum CassetteEncoder {
  static func encode(_ cassette: Cassette) -> JSONValue {
    var members: [String: JSONValue] = [
      "version": .number(JSONNumber(Cassette.formatVersion)),
      "name": .string(cassette.name),
      "source": .string(cassette.source.rawValue),
      "recordedWith": .string(cassette.recordedWith),
      "interactions": .array(cassette.interactions.map(encode)),
    ]
    members["redactionKeyFingerprint"] = cassette.redactionKeyFingerprint.map(JSONValue.string)
    return .object(members)
  }

  static func encode(_ interaction: Interaction) -> JSONValue {
    var request: [String: JSONValue] = [
      "method": .string(interaction.request.method.rawValue),
      "url": .string(interaction.request.url),
      "headers": encode(interaction.request.headers),
    ]
    request["body"] = interaction.request.body.map(encode)
    var response: [String: JSONValue] = [
      "status": .number(JSONNumber(interaction.response.status.code)),
      "headers": encode(interaction.response.headers),
    ]
    response["body"] = interaction.response.body.map(encode)
    return .object([
      "recordedAt": .string(Timestamp.format(interaction.recordedAt)),
      "request": .object(request),
      "response": .object(response),
    ])
  }

  /// Header fields by their canonical (lower-case) name, values in order: the bytes do not
  /// depend on how the client that recorded them spelled a name (URLSession capitalizes,
  /// AsyncHTTPClient keeps the wire's spelling).
  static func encode(_ fields: HTTPFields) -> JSONValue {
    var grouped: [String: [JSONValue]] = [:]
    for field in fields {
      grouped[field.name.canonicalName, default: []].append(.string(field.value))
    }
    return .object(grouped.mapValues(JSONValue.array))
  }

  static func encode(_ body: RecordedBody) -> JSONValue {
    switch body {
    case .json(let value): .object(["json": value])
    case .text(let text): .object(["text": .string(text)])
    case .base64(let data): .object(["base64": .string(data.base64EncodedString())])
    }
  }
}
