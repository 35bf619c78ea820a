// URL-to-template matching: any text either matches a documented template or not, without a
// crash; a match's parameters are exactly the template's, and URL normalization is stable.
import Foundation
import FuzzSupport
import GraphContracts
import Tapedeck

let catalog = EndpointCatalog.documented

func check(_ url: String, input: Data) {
  if let match = catalog.match(url) {
    let expected = Set(
      match.template.segments.compactMap { segment -> String? in
        if case .parameter(let name) = segment { return name }
        return nil
      })
    if Set(match.parameters.keys) != expected {
      Fuzzer.fail("a match's parameters \(match.parameters.keys.sorted()) are not the template's", input: input)
    }
  }
  let normalized = NormalizedURL(url)
  if NormalizedURL(normalized.text) != normalized {
    Fuzzer.fail("normalizing a normalized URL changed it: \(normalized.text)", input: input)
  }
}

Fuzzer.run { data in
  let text = String(decoding: data, as: UTF8.self)
  check(text, input: data)
  check("https://graph.microsoft.com/beta/" + text, input: data)
  check("https://graph.microsoft.com/v1.0/deviceManagement/" + text, input: data)
}
