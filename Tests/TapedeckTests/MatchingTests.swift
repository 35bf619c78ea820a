import CLibXML2
import Foundation
import Testing

@testable import Tapedeck

@Suite("URL normalization, JSON parsing and semantic equality")
struct MatchingTests {
  @Test("URLs normalize scheme, host, default port, escapes and query order")
  func urlNormalization() {
    let plain = NormalizedURL("https://graph.microsoft.com/beta/x?$select=id,status&$top=1")
    #expect(NormalizedURL("HTTPS://Graph.Microsoft.COM:443/beta/x?%24top=1&%24select=id%2Cstatus#frag") == plain)
    #expect(NormalizedURL("http://host:80/a%2Fb").text == "http://host/a%2Fb")
    #expect(NormalizedURL("http://host:8080/a").text == "http://host:8080/a")
    // Normalizing twice changes nothing, even for a malformed authority (found by FuzzEndpointMatching).
    let doubled = NormalizedURL("https://host:443:443/beta/x")
    #expect(NormalizedURL(doubled.text) == doubled)
    #expect(NormalizedURL("https://[::1]:443/a").text == "https://[::1]/a")
    #expect(NormalizedURL("https://user@host:443/a").text == "https://user@host/a")
    #expect(NormalizedURL("http://host/a?b=1&a=2", ignoring: ["b"]).text == "http://host/a?a=2")
    #expect(NormalizedURL("http://host/a?x=%2b").text == "http://host/a?x=%2B")
  }

  @Test(
    "A `%` that starts no escape is written `%25`, so normalizing is idempotent (found by FuzzEndpointMatching)",
    arguments: [
      // The fuzzer's input, Fuzz/Regressions/FuzzEndpointMatching/crash-53b7047b….
      "https:/\u{1}\u{0}\u{0}\u{0}.grOaph.microsoft.com/beta/deviceManage?$seus&x;%E%64iguriuraos/iin/td-25",
      "https://graph.microsoft.com/beta/a%E%64", "https://graph.microsoft.com/beta/a%", "https://h/p?q=%4",
      "https://h/%%41%", "https://h/a%2",
    ])
  func percentWithoutEscape(url: String) {
    let once = NormalizedURL(url)
    #expect(NormalizedURL(once.text) == once, "\(once.text)")
    #expect(!once.text.contains("%Ed"))
  }

  @Test("`%E%64` and `%Ed` stay different URLs")
  func strayPercentIsNotAnEscape() {
    #expect(NormalizedURL("https://h/a%E%64").text == "https://h/a%25Ed")
    #expect(NormalizedURL("https://h/a%E%64") != NormalizedURL("https://h/a%Ed"))
    #expect(NormalizedURL("https://h/a%25Ed") == NormalizedURL("https://h/a%E%64"))
  }

  @Test("JSON equality is semantic: key order and number spelling do not matter")
  func semanticJSON() throws {
    #expect(try JSONParser.parse(#"{"a":1,"b":[true,null]}"#) == JSONParser.parse(#"{ "b": [true, null], "a": 1.0 }"#))
    #expect(try JSONParser.parse(#"{"a":1}"#) != JSONParser.parse(#"{"a":"1"}"#))
    #expect(try JSONParser.parse(#""\u00e9\ud83d\ude00\n""#) == .string("é😀\n"))
  }

  @Test(
    "Bad JSON is refused with a line and column",
    arguments: [
      (#"{"a":1,"a":2}"#, "duplicate object key"),
      ("[1,2", "truncated"),
      (#"{"a":01}"#, "expected `,` or `}`"),
      ("\"\u{01}\"", "control character"),
      (String(repeating: "[", count: 600) + String(repeating: "]", count: 600), "nesting deeper than 512"),
    ])
  func badJSON(text: String, reason: String) {
    let error = #expect(throws: JSONSyntaxError.self) { _ = try JSONParser.parse(text) }
    #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
  }

  @Test("JSON paths remove what they name, at any depth")
  func jsonPaths() throws {
    let value = try JSONParser.parse(#"{"a":{"t":1,"k":2},"list":[{"t":3},{"t":4,"k":5}],"t":6}"#)
    #expect(JSONPath("$..t").removing(from: value) == (try JSONParser.parse(#"{"a":{"k":2},"list":[{},{"k":5}]}"#)))
    #expect(
      JSONPath("$.list[*].t").removing(from: value)
        == (try JSONParser.parse(#"{"a":{"t":1,"k":2},"list":[{},{"k":5}],"t":6}"#)))
    #expect(
      JSONPath("$.list[1]").removing(from: value)
        == (try JSONParser.parse(#"{"a":{"t":1,"k":2},"list":[{"t":3}],"t":6}"#)))
    #expect(JSONPath(parsing: "no dollar") == nil)
  }

  @Test("Bodies are classified by media type")
  func bodyClassification() {
    #expect(
      RecordedBody(data: Data(#"{"a":1}"#.utf8), contentType: "application/json; charset=utf-8") == .json(["a": 1]))
    #expect(RecordedBody(data: Data("a=1".utf8), contentType: "application/x-www-form-urlencoded") == .text("a=1"))
    #expect(
      RecordedBody(data: Data([0xFF, 0x00]), contentType: "application/octet-stream") == .base64(Data([0xFF, 0x00])))
    #expect(RecordedBody(data: Data("{broken".utf8), contentType: "application/json") == .text("{broken"))
    #expect(RecordedBody(data: Data(), contentType: "application/json") == nil)
  }

  @Test("libxml2 is usable through CLibXML2 (the ICU clash is avoided)")
  func libxml2Links() {
    let xml = "<root><child>text</child></root>"
    let document = xml.withCString { xmlReadMemory($0, Int32(strlen($0)), "inline.xml", nil, 0) }
    #expect(document != nil)
    if let document {
      let root = xmlDocGetRootElement(document)
      #expect(root.map { String(cString: $0.pointee.name) } == "root")
      xmlFreeDoc(document)
    }
  }
}
