public import Foundation
public import JUnitXML
public import XCTest

/// Turns an XCTest run into a JUnit report that is well-formed at every moment: the running
/// test shows as "crashed while running" until it finishes. Failures keep their file and line,
/// `XCTSkip` is a skip with its reason, and each test class is a suite.
///
/// Install it with one call (or set `TAPEDECK_JUNIT=path` and call ``installFromEnvironment()``),
/// for example in your test base class:
///
/// ```swift
/// override class func setUp() { JUnitTestObserver.install(path: "junit.xml") }
/// ```
public final class JUnitTestObserver: NSObject, XCTestObservation, @unchecked Sendable {
  // XCTest calls observers on its main run loop, one event at a time: the state needs no lock.
  private let report: LiveJUnitReport
  private var currentSuite: String?
  private var failures: [ObjectIdentifier: [TestFailure]] = [:]
  private var output: [ObjectIdentifier: [String]] = [:]
  private var cassettes: [ObjectIdentifier: [String]] = [:]
  private var scrubbers: [ObjectIdentifier: [@Sendable (String) -> String]] = [:]
  private var running: ObjectIdentifier?
  private nonisolated(unsafe) static var installed: JUnitTestObserver?

  /// The observer installed with ``install(path:profile:)``, if any.
  public static var current: JUnitTestObserver? { installed }

  /// An observer writing to `url`.
  public init(url: URL, writer: JUnitWriter = JUnitWriter()) throws {
    report = try LiveJUnitReport(url: url, writer: writer)
  }

  /// Installs an observer writing to `path` (once per process; later calls return the first).
  @discardableResult
  public static func install(path: String, profile: JUnitProfile = .portable) -> JUnitTestObserver? {
    if let installed { return installed }
    guard let observer = try? JUnitTestObserver(url: URL(fileURLWithPath: path), writer: JUnitWriter(profile: profile))
    else {
      return nil
    }
    XCTestObservationCenter.shared.addTestObserver(observer)
    installed = observer
    return observer
  }

  /// Installs an observer when `TAPEDECK_JUNIT` names a path.
  @discardableResult
  public static func installFromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
    -> JUnitTestObserver?
  {
    guard let path = environment["TAPEDECK_JUNIT"], !path.isEmpty else { return nil }
    return install(path: path)
  }

  /// Records that a test used a cassette: a `cassette` property and an attachment of its case.
  /// Without a test, the one running now.
  /// `scrubbing` (the cassette player's) is applied to the test's failure messages.
  public func noteCassette(
    _ path: String, for testCase: XCTestCase? = nil, scrubbing: (@Sendable (String) -> String)? = nil
  ) {
    guard let key = testCase.map(ObjectIdentifier.init) ?? running else { return }
    cassettes[key, default: []].append(path)
    if let scrubbing { scrubbers[key, default: []].append(scrubbing) }
  }

  /// Attaches a file (a cassette, a log) to a test: `[[ATTACHMENT|path]]` in its output.
  public func attach(_ path: String, to testCase: XCTestCase) {
    output[ObjectIdentifier(testCase), default: []].append("[[ATTACHMENT|\(path)]]")
  }

  // MARK: - XCTestObservation

  public func testCaseWillStart(_ testCase: XCTestCase) {
    let (classname, name) = Self.names(testCase)
    if currentSuite != classname {
      if currentSuite != nil { try? report.finishSuite() }
      try? report.startSuite(classname)
      currentSuite = classname
    }
    running = ObjectIdentifier(testCase)
    try? report.startCase(name: name, classname: classname)
  }

  public func testCase(
    _ testCase: XCTestCase, didFailWithDescription description: String, inFile filePath: String?, atLine lineNumber: Int
  ) {
    let summary = description.split(separator: "\n").first.map(String.init) ?? description
    failures[ObjectIdentifier(testCase), default: []].append(
      TestFailure(
        message: summary, type: "XCTAssertion", details: description, file: filePath,
        line: filePath == nil ? nil : lineNumber))
  }

  public func testCaseDidFinish(_ testCase: XCTestCase) {
    let key = ObjectIdentifier(testCase)
    let (classname, name) = Self.names(testCase)
    let run = testCase.testRun
    let scrubs = scrubbers.removeValue(forKey: key) ?? []
    func scrub(_ text: String) -> String { scrubs.reduce(text) { text, scrub in scrub(text) } }
    let recorded = (failures.removeValue(forKey: key) ?? []).map { failure in
      var scrubbed = failure
      scrubbed.message = scrub(failure.message)
      scrubbed.details = scrub(failure.details)
      return scrubbed
    }
    let outcome: TestOutcome
    if run?.hasBeenSkipped == true {
      outcome = .skipped(reason: recorded.first?.message ?? "skipped")
    } else if !recorded.isEmpty {
      outcome = .failed(recorded)
    } else if (run?.totalFailureCount ?? 0) > 0 {
      outcome = .failed([TestFailure(message: "failed", type: "XCTAssertion")])
    } else {
      outcome = .passed
    }
    let lines = output.removeValue(forKey: key) ?? []
    let used = cassettes.removeValue(forKey: key) ?? []
    let attachments = lines.map { String($0.dropFirst(13).dropLast(2)) } + used
    try? report.finishCase(
      TestCase(
        name: name, classname: classname, time: run?.totalDuration ?? 0, outcome: outcome,
        properties: used.map { TestProperty(name: "cassette", value: $0) }, attachments: attachments))
  }

  public func testBundleDidFinish(_ testBundle: Bundle) {
    try? report.finish()
  }

  /// `(class, method)` from XCTest's `Class.method` or `-[Class method]` names.
  static func names(_ testCase: XCTestCase) -> (String, String) {
    var text = testCase.name
    if text.hasPrefix("-["), text.hasSuffix("]") {
      text = String(text.dropFirst(2).dropLast()).replacingOccurrences(of: " ", with: ".")
    }
    guard let dot = text.lastIndex(of: ".") else { return (String(describing: type(of: testCase)), text) }
    return (String(text[..<dot]), String(text[text.index(after: dot)...]))
  }

  /// Flushes the report (the observer does this when the bundle finishes).
  public func finish() throws { try report.finish() }
}
