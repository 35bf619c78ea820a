import Foundation
import JUnitXML
import Testing

@Suite("Every string is sanitized: the output is always XML")
struct SanitizerTests {
  static let hostile: [String] = [
    "\u{1B}[31mred\u{1B}[0m and \u{1B}]0;title\u{07} done",
    "NUL \u{0} inside",
    "control \u{1} \u{8} \u{B} \u{C} \u{1F}",
    "non-characters \u{FFFE} \u{FFFF}",
    "CDATA end ]]> and ]]]]><![CDATA[>",
    "emoji 👩🏽‍💻 🧪 and astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "quotes \" ' & < > and \r\n line ends",
  ]

  @Test("ANSI sequences are removed and non-XML characters become U+FFFD")
  func cleaning() {
    let sanitizer = TextSanitizer()
    #expect(sanitizer.clean(Self.hostile[0]) == "red and  done")
    #expect(sanitizer.clean("a\u{0}b\u{1}c\u{FFFE}d") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d")
    #expect(sanitizer.clean(bytes: [0x61, 0xFF, 0xFE, 0x62]) == "a\u{FFFD}\u{FFFD}b")
    #expect(sanitizer.clean(Self.hostile[5]) == Self.hostile[5])
    #expect(sanitizer.summary("first line\nsecond") == "first line")
  }

  @Test("Over-long fields are cut with a visible marker, keeping head and tail")
  func cap() {
    let sanitizer = TextSanitizer(cap: 1000)
    let text = String(repeating: "a", count: 600) + String(repeating: "z", count: 600)
    let cut = sanitizer.clean(text)
    #expect(cut.utf8.count <= 1000)
    #expect(cut.hasPrefix("aaaa") && cut.hasSuffix("zzzz"))
    #expect(cut.contains("…[truncated 264 bytes]…"))
  }

  @Test(
    "Hostile strings everywhere, and a 5 MB output, give well-formed, validating files",
    arguments: JUnitProfile.allCases)
  func hostileReport(profile: JUnitProfile) throws {
    let big = String(repeating: "log line with \u{1B}[2m dim \u{1B}[0m and \u{0} nul ]]>\n", count: 130_000)
    #expect(big.utf8.count > 5_000_000)
    var cases: [TestCase] = []
    for (index, text) in Self.hostile.enumerated() {
      cases.append(
        TestCase(
          name: "case \(index) \(text)", classname: "Hostile \(text)", time: 0.001,
          outcome: index % 2 == 0
            ? .failed([TestFailure(message: text, type: "T \(text)", details: text)]) : .skipped(reason: text),
          properties: [TestProperty(name: "p \(text)", value: text)], systemOut: text, systemErr: text))
    }
    cases.append(TestCase(name: "big", classname: "Hostile", systemOut: big))
    let report = JUnitReport(
      name: "hostile \(Self.hostile[1])",
      suites: [TestSuite(name: "Hostile \(Self.hostile[3])", cases: cases, systemOut: big)])
    let writer = Fixtures.writer(profile)
    for (_, data) in writer.documents(report) {
      #expect(XMLParsing.wellFormednessProblem(data) == nil)
      #expect(!String(decoding: data, as: UTF8.self).contains("\u{1B}"))
      if let folder = Fixtures.schemaFolder, profile != .rich {
        let schemas = profile == .portable ? Fixtures.portableSchemas : Fixtures.surefireSchemas
        for schema in schemas {
          let problems = try XSDValidator(schema: folder.appendingPathComponent("\(schema).xsd")).validate(data)
          #expect(problems.isEmpty, "\(schema): \(problems.prefix(3))")
        }
      }
    }
  }
}
