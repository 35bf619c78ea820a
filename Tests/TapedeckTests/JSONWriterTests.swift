import Foundation
import Tapedeck
import Testing

/// The writer's string escapes, byte for byte, and a round trip through the parser.
@Suite("JSONWriter strings")
struct JSONWriterTests {
  @Test(
    "Quotes, backslashes and control bytes are escaped; everything else is copied as UTF-8",
    arguments: [
      ("plain", #""plain""#),
      ("say \"hi\"", #""say \"hi\"""#),
      ("back\\slash", #""back\\slash""#),
      ("a\nb\rc\td", #""a\nb\rc\td""#),
      ("\u{8}\u{C}", #""\b\f""#),
      ("\u{1}x\u{1F}", #""\u0001x\u001f""#),
      ("Adèle → 東京 🚀", "\"Adèle → 東京 🚀\""),
      ("", #""""#),
      ("\"", #""\"""#),
    ])
  func escapes(text: String, written: String) throws {
    #expect(JSONWriter.compactString(.string(text)) == written)
    #expect(try JSONParser.parse(written) == .string(text))
  }
}
