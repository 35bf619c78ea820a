import Foundation
import HTTPTypes
import Tapedeck

/// How a ``ServerRequestError`` reaches the client: in Graph's error shape for proxied
/// requests (so Graph SDKs raise their usual error with this message), in the test proxy's
/// shape for control calls, and in the test proxy's exception headers either way.
extension ServerRequestError {
  /// The longest message carried base64-encoded in a header (the whole story is in the body).
  static let headerMessageLimit = 4_000

  /// `{"error":{"code":…,"message":…}}`, as Graph answers its errors.
  var graphAnswer: ServerAnswer {
    let body = JSONValue.object([
      "error": .object([
        "code": .string(code), "message": .string(message),
        "innerError": .object(["source": .string("tapedeck serve")]),
      ])
    ])
    return answer(body: body)
  }

  /// `{"Message":…,"Status":…}`, as the test proxy answers a refused control call.
  var testProxyAnswer: ServerAnswer {
    let reason = status.reasonPhrase.replacingOccurrences(of: " ", with: "")
    return answer(body: .object(["Message": .string(message), "Status": .string(reason), "Code": .string(code)]))
  }

  private func answer(body: JSONValue) -> ServerAnswer {
    var headers = HTTPFields()
    headers[.contentType] = "application/json"
    let encoded = Data(String(message.prefix(Self.headerMessageLimit)).utf8).base64EncodedString()
    if isMismatch {
      headers[HTTPField.Name("x-request-mismatch")!] = "true"
      headers[HTTPField.Name("x-request-mismatch-error")!] = encoded
    } else {
      headers[HTTPField.Name("x-request-known-exception")!] = "true"
      headers[HTTPField.Name("x-request-known-exception-error")!] = encoded
    }
    return ServerAnswer(status: status, headers: headers, body: JSONWriter.compactData(body))
  }
}
