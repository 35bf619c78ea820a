// The XML sanitizer and writer: a report built from any text (control characters, invalid
// UTF-8, `]]>`, ANSI escapes, U+FFFE…) writes, in every profile, a document that libxml2 parses
// as well-formed XML; the portable document reads back with the same number of tests.
import Foundation
import FuzzSupport
import JUnitXML

let writers = JUnitProfile.allCases.map {
  JUnitWriter(profile: $0, defaultTimestamp: Date(timeIntervalSince1970: 0), defaultHostname: "fuzz")
}
let sanitizer = TextSanitizer()

/// Builds a report whose every string comes from the input's NUL-separated fields.
func report(from data: Data) -> JUnitReport {
  var fields = Fuzzer.fields(data)[...]
  func next() -> String { fields.popFirst() ?? "" }
  var cases: [TestCase] = []
  let selector = data.first ?? 0
  for index in 0..<max(1, min(6, fields.count / 3)) {
    let failure = TestFailure(message: next(), type: next(), details: next(), file: next(), line: index)
    let outcome: TestOutcome =
      switch (Int(selector) + index) % 5 {
      case 0: .passed
      case 1: .failed([failure, failure])
      case 2: .error(failure)
      case 3: .skipped(reason: next())
      default: .flaky([failure])
      }
    cases.append(
      TestCase(
        name: next(), classname: next(), time: Double(index) / 3, outcome: outcome, file: next(), line: index,
        properties: [TestProperty(name: next(), value: next())], attachments: [next()], systemOut: next(),
        systemErr: next()))
  }
  let suite = TestSuite(
    name: next(), properties: [TestProperty(name: next(), value: next())], cases: cases, systemOut: next(),
    systemErr: next(), file: next())
  return JUnitReport(name: next(), suites: [suite])
}

/// XML 1.0's `Char` production, written here independently of the sanitizer it checks.
func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
  switch scalar.value {
  case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
  default: false
  }
}

Fuzzer.run { data in
  for field in data.split(separator: 0, omittingEmptySubsequences: false) {
    let clean = sanitizer.clean(bytes: Array(field))
    if let bad = clean.unicodeScalars.first(where: { !isXMLCharacter($0) }) {
      Fuzzer.fail("the sanitizer let U+\(String(bad.value, radix: 16, uppercase: true)) through", input: data)
    }
  }
  let report = report(from: data)
  for writer in writers {
    let documents =
      writer.profile == .surefire ? writer.documents(report).map(\.data) : [writer.document(report)]
    for document in documents {
      if let problem = XMLParsing.wellFormednessProblem(document) {
        Fuzzer.fail("the \(writer.profile) profile wrote XML libxml2 rejects: \(problem)", input: data)
      }
    }
    if writer.profile == .portable {
      guard let read = try? JUnitReportReader.read(documents[0], path: "fuzz.xml") else {
        Fuzzer.fail("the portable report does not read back", input: data)
      }
      if read.totals.tests != report.totals.tests {
        Fuzzer.fail("read back \(read.totals.tests) tests, wrote \(report.totals.tests)", input: data)
      }
    }
  }
}
