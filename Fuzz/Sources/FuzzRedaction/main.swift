// Redaction's promise as a property: whatever text surrounds a planted secret (in a JSON value,
// a JSON key's sibling, a text body, a query value, a header), the Graph preset leaves no trace
// of it, and a field named like a secret always ends up REDACTED.
import Foundation
import FuzzSupport
import GraphTenant
import HTTPTypes
import Tapedeck

/// Planted secrets, each with the part that must never survive.
let planted: [(text: String, core: String)] = [
  ("eyJhbGciOiJub25lIn0.eyJzdWIiOiJGQUtFLWZ1enoifQ.RkFLRS1zaWduYXR1cmU", "eyJzdWIiOiJGQUtFLWZ1enoifQ"),
  ("eyAiYWxnIjogIm5vbmUiIH0.eyJzdWIiOiJGQUtFLWZ1enoifQ.", "eyJzdWIiOiJGQUtFLWZ1enoifQ"),
  ("AKIAFAKE0000000FUZZ1", "AKIAFAKE0000000FUZZ1"),
  ("-----BEGIN RSA PRIVATE KEY-----\nFAKEFUZZPEMKEY\n-----END RSA PRIVATE KEY-----", "FAKEFUZZPEMKEY"),
  ("Bearer FAKEfuzzOpaqueToken0001", "FAKEfuzzOpaqueToken0001"),
  ("AccountKey=FAKEfuzzAccountKey00==", "FAKEfuzzAccountKey00"),
]

let redactor = Redactor.graph(pseudonymizer: Pseudonymizer(key: "FAKE-fuzz-key"), environment: [:])

func visibleText(_ request: RecordedRequest) -> String {
  var text = request.url + "\n"
  for field in request.headers { text += "\(field.name.rawName): \(field.value)\n" }
  switch request.body {
  case .json(let value)?: text += JSONWriter.compactString(value)
  case .text(let body)?: text += body
  case .base64(let data)?: text += String(decoding: data, as: UTF8.self)
  case nil: break
  }
  return text
}

Fuzzer.run { data in
  guard let first = data.first else { return }
  let (secret, core) = planted[Int(first) % planted.count]
  let text = String(decoding: data.dropFirst(), as: UTF8.self)
  // The fuzzer can learn the planted value from the comparison below and type it into the
  // surrounding text, glued to other letters where no format can see it: that is not a leak of
  // the planted secret, so such inputs are skipped.
  guard !text.contains(core), !text.contains("FAKEfuzzSecret") else { return }
  let surrounded = text + " " + secret + " " + text
  let query = surrounded.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
  var headers: HTTPFields = [.contentType: "application/json"]
  let headerSafe = secret.replacingOccurrences(of: "\n", with: " ")
  headers[HTTPField.Name("X-Note")!] = "note " + headerSafe + " end"
  var members: [String: JSONValue] = ["note": .string(surrounded)]
  members[text.isEmpty ? "k" : text] = .string(surrounded)
  members["client_secret"] = .string(text + "FAKEfuzzSecret")
  let request = RecordedRequest(
    method: .post, url: "https://graph.microsoft.com/beta/x?q=\(query)", headers: headers, body: .json(.object(members))
  )
  let redacted = redactor.redact(request)
  let visible = visibleText(redacted)
  if visible.contains(core) { Fuzzer.fail("the planted secret survived: \(core)", input: data) }
  if case .json(let value)? = redacted.body, value["client_secret"] != .string("REDACTED") {
    Fuzzer.fail("a field named client_secret was not REDACTED", input: data)
  }
  let text2 = RecordedRequest(
    method: .post, url: "https://graph.microsoft.com/beta/x", headers: [.contentType: "text/plain"],
    body: .text(surrounded))
  if visibleText(redactor.redact(text2)).contains(core) {
    Fuzzer.fail("the planted secret survived in a text body: \(core)", input: data)
  }
}
