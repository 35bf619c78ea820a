import Foundation
import HTTPTypes
import TapedeckJSON
import TapedeckSupport

/// A request as the sandbox's routes see it, whether it came over the wire or out of a `$batch`.
struct SandboxRequest: Sendable {
  var method: HTTPRequest.Method
  /// The path, without the query (`/beta/deviceManagement/…`).
  var path: String
  /// The raw query, percent-encoded, without `?`.
  var query: String?
  var headers: HTTPFields
  var body: Data
  /// `http://HOST:PORT` as the client addressed the sandbox, for next links.
  var origin: String
}

/// An answer before it is written: a status, headers and the body bytes.
struct SandboxAnswer: Sendable {
  var status: HTTPResponse.Status
  var headers: HTTPFields
  var body: Data
}

/// Per-request headers and answer builders.
struct ResponseContext: Sendable {
  let requestID = RequestIDs.next()
  let clientRequestID: String?

  /// The content type the service answers JSON with.
  static let jsonContentType =
    "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"

  static let requestIDName = HTTPField.Name("request-id")!
  static let clientRequestIDName = HTTPField.Name("client-request-id")!
  static let diagnosticName = HTTPField.Name("x-ms-ags-diagnostic")!
  static let odataVersionName = HTTPField.Name("OData-Version")!
  static let diagnostic =
    #"{"ServerInfo":{"DataCenter":"Sandbox","Slice":"E","Ring":"5","ScaleUnit":"000","RoleInstance":"SANDBOX"}}"#

  var headers: HTTPFields {
    var fields = HTTPFields()
    fields.reserveCapacity(7)
    fields.append(HTTPField(name: Self.requestIDName, value: requestID))
    fields.append(HTTPField(name: Self.clientRequestIDName, value: clientRequestID ?? requestID))
    fields.append(HTTPField(name: Self.diagnosticName, value: Self.diagnostic))
    fields.append(HTTPField(name: Self.odataVersionName, value: "4.0"))
    fields.append(HTTPField(name: .strictTransportSecurity, value: "max-age=31536000"))
    return fields
  }

  func json(_ status: HTTPResponse.Status, _ value: JSONValue) -> SandboxAnswer {
    var fields = headers
    fields.append(HTTPField(name: .contentType, value: Self.jsonContentType))
    return SandboxAnswer(status: status, headers: fields, body: JSONWriter.compactData(value))
  }

  func text(_ status: HTTPResponse.Status, _ text: String) -> SandboxAnswer {
    var fields = headers
    fields[.contentType] = "text/plain;charset=utf-8"
    return SandboxAnswer(status: status, headers: fields, body: Data(text.utf8))
  }

  func empty(_ status: HTTPResponse.Status) -> SandboxAnswer {
    SandboxAnswer(status: status, headers: headers, body: Data())
  }

  /// The Graph error shape, with `innerError.date` (no offset), `request-id` and `client-request-id`.
  func error(status: HTTPResponse.Status, code: String, message: String) -> SandboxAnswer {
    let date = String(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).format(Date()).dropLast())
    return json(
      status,
      [
        "error": [
          "code": .string(code), "message": .string(message),
          "innerError": [
            "date": .string(date), "request-id": .string(requestID),
            "client-request-id": .string(clientRequestID ?? requestID),
          ],
        ]
      ])
  }

  /// 405 with the `Allow` header listing what the resource takes.
  func methodNotAllowed(allowed: [HTTPRequest.Method]) -> SandboxAnswer {
    var answer = error(
      status: .methodNotAllowed, code: "Request_BadRequest",
      message: "Specified HTTP method is not allowed for the request target.")
    answer.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
    return answer
  }
}

/// GUID-shaped request ids from a generator seeded once at random: unique enough for a
/// request id, and without a system call per request as `UUID()` makes.
enum RequestIDs {
  private static let generator = Locked(SeededGenerator(seed: UInt64.random(in: 1...UInt64.max)))

  static func next() -> String {
    let (high, low) = generator.withLock { ($0.next(), $0.next()) }
    return format(high: high, low: low)
  }

  /// `8-4-4-4-12` lower-case hex of 128 bits, written straight into bytes.
  static func format(high: UInt64, low: UInt64) -> String {
    let hex = Array("0123456789abcdef".utf8)
    return String(unsafeUninitializedCapacity: 36) { buffer in
      var position = 0
      for (index, word) in [high, low].enumerated() {
        for nibble in 0..<16 {
          let digit = 16 * index + nibble
          if digit == 8 || digit == 12 || digit == 16 || digit == 20 {
            buffer[position] = UInt8(ascii: "-")
            position += 1
          }
          buffer[position] = hex[Int((word >> UInt64(60 - 4 * nibble)) & 0xF)]
          position += 1
        }
      }
      return position
    }
  }
}

enum QualifiedTypeName {
  static func last(_ name: String) -> String { name.split(separator: ".").last.map(String.init) ?? name }
}
