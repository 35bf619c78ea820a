// The write guard's promise as a property: for any URL, a write it allows is, by Foundation's
// own reading of that URL (scheme, host, port, standardized path), under the allowed entry;
// and no write to a path that does not resolve under it is ever allowed.
import Foundation
import FuzzSupport
import Tapedeck

let allowed = "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/allowed"
let guardian = WriteGuard(allowedPrefixes: [allowed + "/"], authority: "https://login.microsoftonline.com")

func check(_ url: String, input: Data) {
  let request = RecordedRequest(method: .patch, url: url)
  guard guardian.refusal(for: request) == nil else { return }
  guard let parsed = URL(string: url), let host = parsed.host?.lowercased() else {
    Fuzzer.fail("allowed a write to a URL Foundation cannot read: \(url)", input: input)
    return
  }
  if ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host) || host.hasPrefix("127.") { return }
  let path = parsed.standardized.path
  let underAllowed =
    parsed.scheme?.lowercased() == "https" && host == "graph.microsoft.com" && (parsed.port ?? 443) == 443
    && (path == "/beta/deviceManagement/deviceConfigurations/allowed"
      || path.hasPrefix("/beta/deviceManagement/deviceConfigurations/allowed/"))
  if !underAllowed { Fuzzer.fail("allowed a write outside the allow-list: \(url)", input: input) }
  let decoded = parsed.path  // Foundation decodes it once, as a server does
  let standardizedDecoded = URL(fileURLWithPath: decoded).standardized.path
  if decoded.contains("\\")
    || !(standardizedDecoded == "/beta/deviceManagement/deviceConfigurations/allowed"
      || standardizedDecoded.hasPrefix("/beta/deviceManagement/deviceConfigurations/allowed/"))
  {
    Fuzzer.fail("allowed a write whose decoded path resolves outside the allow-list: \(url)", input: input)
  }
}

Fuzzer.run { data in
  let text = String(decoding: data, as: UTF8.self)
  check(text, input: data)
  check(allowed + "/" + text, input: data)
  check(allowed + text, input: data)
  check("https://graph.microsoft.com" + text, input: data)
}
