import Foundation

/// Renders suites and cases into a fragment writer, per profile.
struct SuiteRenderer {
  let writer: XMLFragmentWriter
  let settings: JUnitWriter

  var profile: JUnitProfile { settings.profile }

  func openRoot(_ report: JUnitReport) {
    writer.start("testsuites")
    guard profile == .rich else { return }  // the Ant schema allows no attributes here
    let totals = report.totals
    if let name = report.name { writer.attribute("name", name) }
    writer.attribute("tests", totals.tests)
    writer.attribute("failures", totals.failures)
    writer.attribute("errors", totals.errors)
    writer.attribute("skipped", totals.skipped)
    writer.attribute("time", JUnitFormat.time(report.suites.reduce(0) { $0 + $1.time }))
  }

  /// The suite's opening tag and properties (portable and rich).
  func openSuite(_ suite: TestSuite, id: Int, counts: TestCounts, time: Double, fixedWidth: Bool = false) {
    func number(_ value: Int) -> String {
      guard fixedWidth else { return String(value) }
      let text = String(value)
      return String(repeating: "0", count: max(0, 9 - text.count)) + text
    }
    func seconds(_ value: Double) -> String {
      let text = JUnitFormat.time(value)
      return fixedWidth ? String(repeating: "0", count: max(0, 13 - text.count)) + text : text
    }
    let name = JUnitFormat.nonBlank(suite.name, sanitizer: settings.sanitizer)
    writer.start("testsuite")
    writer.attribute("name", name)
    writer.attribute("tests", number(counts.tests))
    writer.attribute("failures", number(counts.failures))
    writer.attribute("errors", number(counts.errors))
    writer.attribute("skipped", number(counts.skipped))
    writer.attribute("time", seconds(time))
    writer.attribute("timestamp", JUnitFormat.timestamp(suite.timestamp ?? settings.defaultTimestamp))
    // The Ant schema asks for "localhost" when the host name is unknown.
    writer.attribute(
      "hostname",
      JUnitFormat.nonBlank(
        suite.hostname ?? settings.defaultHostname, sanitizer: settings.sanitizer, placeholder: "localhost"))
    if profile == .portable {
      writer.attribute("id", id)
      writer.attribute("package", name)
    } else if let file = suite.file {
      writer.attribute("file", file)
    }
    var properties = suite.properties
    if profile == .portable {
      // jenkins-junit.xsd needs at least one property; the Ant schema needs the element.
      properties.insert(TestProperty(name: "junit.profile", value: "portable"), at: 0)
    }
    writeProperties(properties)
  }

  func writeProperties(_ properties: [TestProperty]) {
    guard !properties.isEmpty else { return }
    writer.start("properties")
    for property in properties {
      writer.start("property")
      writer.attribute("name", JUnitFormat.nonBlank(property.name, sanitizer: settings.sanitizer))
      writer.attribute("value", property.value)
      writer.end()
    }
    writer.end()
  }

  /// The suite's closing part: suite output (portable folds case output into it).
  /// `alreadyOpen` marks a suite whose start tag was written by another writer (live reports).
  func closeSuite(_ suite: TestSuite, alreadyOpen: Bool = false) {
    if profile == .portable {
      writer.element("system-out", text: portableSuiteOutput(suite))
      writer.element("system-err", text: [suite.systemErr].compactMap { $0 }.joined() + foldedCaseErrors(suite))
    } else {
      if let out = suite.systemOut { writer.element("system-out", text: out) }
      if let err = suite.systemErr { writer.element("system-err", text: err) }
    }
    if alreadyOpen {
      writer.raw("</testsuite>")
    } else {
      writer.end()
    }
  }

  func suite(_ suite: TestSuite, id: Int) {
    openSuite(suite, id: id, counts: suite.counts, time: suite.time)
    for testCase in suite.cases { self.testCase(testCase) }
    closeSuite(suite)
  }

  func testCase(_ testCase: TestCase) {
    writer.start("testcase")
    writer.attribute("name", testCase.name)
    writer.attribute("classname", testCase.classname)
    writer.attribute("time", JUnitFormat.time(testCase.time))
    if profile == .rich {
      if let file = testCase.file { writer.attribute("file", file) }
      if let line = testCase.line { writer.attribute("line", line) }
      writeProperties(testCase.properties)
    }
    switch testCase.outcome {
    case .passed:
      break
    case .failed(let failures):
      if profile == .portable {
        failure("failure", Self.combined(failures))
      } else {
        for item in failures { failure("failure", item) }
      }
    case .error(let item):
      failure("error", item)
    case .skipped(let reason):
      writer.start("skipped")
      if profile != .portable, let reason { writer.attribute("message", settings.sanitizer.summary(reason)) }
      if let reason { writer.text(reason) }
      writer.fullEnd()
    case .flaky(let failures):
      if profile == .rich {
        for item in failures {
          writer.start("flakyFailure")
          writer.attribute("message", settings.sanitizer.summary(item.message))
          writer.attribute("type", item.type)
          writer.element("stackTrace", text: Self.story(item))
          writer.end()
        }
      }
    }
    if profile != .portable {
      let out = caseOutput(testCase)
      if !out.isEmpty { writer.element("system-out", text: out) }
      if let err = testCase.systemErr { writer.element("system-err", text: err) }
    }
    writer.end()
  }

  func failure(_ element: String, _ item: TestFailure) {
    writer.start(element)
    writer.attribute("message", settings.sanitizer.summary(item.message))
    writer.attribute("type", item.type)
    writer.text(Self.story(item))
    writer.fullEnd()
  }

  /// `file:line: ` then the details (or the message when there are none).
  static func story(_ item: TestFailure) -> String {
    let location = item.file.map { file in item.line.map { "\(file):\($0): " } ?? "\(file): " } ?? ""
    return location + (item.details.isEmpty ? item.message : item.details)
  }

  /// Several issues as one failure, for consumers that read only the first.
  static func combined(_ failures: [TestFailure]) -> TestFailure {
    guard failures.count > 1, let first = failures.first else {
      return failures.first ?? TestFailure(message: "failed")
    }
    return TestFailure(
      message: "\(first.message) (and \(failures.count - 1) more issue\(failures.count == 2 ? "" : "s"))",
      type: first.type,
      details: failures.map(story).joined(separator: "\n\n"))
  }

  /// A case's output with attachments, properties and flaky runs spelled out (surefire, rich).
  func caseOutput(_ testCase: TestCase) -> String {
    var lines = testCase.attachments.map { "[[ATTACHMENT|\($0)]]" }
    if profile == .surefire {
      lines += testCase.properties.map { "[[PROPERTY|\($0.name)=\($0.value)]]" }
      if case .flaky(let failures) = testCase.outcome {
        lines += failures.map { "flaky: failed, then passed on retry: \(Self.story($0))" }
      }
    }
    if let out = testCase.systemOut { lines.append(out) }
    return lines.joined(separator: "\n")
  }

  /// The suite's output with each case's output, attachments, properties and flaky runs (portable).
  func portableSuiteOutput(_ suite: TestSuite) -> String {
    var sections: [String] = []
    if let out = suite.systemOut { sections.append(out) }
    for testCase in suite.cases {
      var lines = testCase.attachments.map { "[[ATTACHMENT|\($0)]]" }
      lines += testCase.properties.map { "[[PROPERTY|\($0.name)=\($0.value)]]" }
      if case .flaky(let failures) = testCase.outcome {
        lines += failures.map { "flaky: failed, then passed on retry: \(Self.story($0))" }
      }
      if let out = testCase.systemOut { lines.append(out) }
      if !lines.isEmpty {
        sections.append("--- \(testCase.classname).\(testCase.name)\n" + lines.joined(separator: "\n"))
      }
    }
    return sections.joined(separator: "\n")
  }

  func foldedCaseErrors(_ suite: TestSuite) -> String {
    suite.cases.compactMap { testCase in testCase.systemErr.map { "--- \(testCase.classname).\(testCase.name)\n\($0)" }
    }
    .joined(separator: "\n")
  }

  /// A Surefire document for one suite.
  func surefireSuite(_ suite: TestSuite) {
    let counts = suite.counts
    writer.start("testsuite")
    writer.attribute("name", JUnitFormat.nonBlank(suite.name, sanitizer: settings.sanitizer))
    writer.attribute("tests", counts.tests)
    writer.attribute("errors", counts.errors)
    writer.attribute("skipped", counts.skipped)
    writer.attribute("failures", counts.failures)
    writer.attribute("time", JUnitFormat.time(suite.time))
    writeProperties(suite.properties)
    for testCase in suite.cases { self.testCase(testCase) }
    writer.end()
  }
}
