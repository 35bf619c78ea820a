public import Foundation
public import JUnitXML
import TapedeckSupport
public import XCTest

/// Turns an XCTest run into a JUnit report that is well-formed at every moment: the running
/// test shows as "crashed while running" until it finishes. Failures keep their file and line,
/// `XCTSkip` is a skip with its reason, and each test class is a suite.
///
/// Install it with one call (or set `TAPEDECK_JUNIT=path` and call ``installFromEnvironment(_:)``),
/// for example in your test base class:
///
/// ```swift
/// override class func setUp() { JUnitTestObserver.install(path: "junit.xml") }
/// ```
public final class JUnitTestObserver: NSObject, XCTestObservation, Sendable {
  /// What the observer knows between XCTest's events. XCTest sends them from its run loop, but
  /// `noteCassette` and `attach` may come from any task a test starts: everything is behind one lock.
  private struct State {
    var currentSuite: String?
    var running: ObjectIdentifier?
    var failures: [ObjectIdentifier: [TestFailure]] = [:]
    var attachments: [ObjectIdentifier: [String]] = [:]
    var cassettes: [ObjectIdentifier: [String]] = [:]
    var scrubbers: [ObjectIdentifier: [@Sendable (String) -> String]] = [:]
  }

  private let report: LiveJUnitReport
  private let state = Locked(State())
  private static let installed = Locked<JUnitTestObserver?>(nil)

  /// The observer installed with ``install(path:profile:)``, if any.
  public static var current: JUnitTestObserver? { installed.withLock { $0 } }

  /// An observer writing to `url`.
  public init(url: URL, writer: JUnitWriter = JUnitWriter()) throws {
    report = try LiveJUnitReport(url: url, writer: writer)
  }

  /// Installs an observer writing to `path` (once per process; later calls return the first).
  @discardableResult
  public static func install(path: String, profile: JUnitProfile = .portable) -> JUnitTestObserver? {
    let (observer, isNew) = installed.withLock { installed -> (JUnitTestObserver?, Bool) in
      if let installed { return (installed, false) }
      let made = try? JUnitTestObserver(url: URL(fileURLWithPath: path), writer: JUnitWriter(profile: profile))
      installed = made
      return (made, made != nil)
    }
    if isNew, let observer { XCTestObservationCenter.shared.addTestObserver(observer) }
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
    state.withLock { state in
      guard let key = testCase.map(ObjectIdentifier.init) ?? state.running else { return }
      state.cassettes[key, default: []].append(path)
      if let scrubbing { state.scrubbers[key, default: []].append(scrubbing) }
    }
  }

  /// Attaches a file (a cassette, a log) to a test: an attachment of its case in the report
  /// (`[[ATTACHMENT|path]]` in its `system-out`, as Jenkins and GitLab read it).
  public func attach(_ path: String, to testCase: XCTestCase) {
    state.withLock { $0.attachments[ObjectIdentifier(testCase), default: []].append(path) }
  }

  // MARK: - XCTestObservation

  public func testCaseWillStart(_ testCase: XCTestCase) {
    let (classname, name) = Self.names(testCase)
    let previousSuite = state.withLock { state in
      defer {
        state.currentSuite = classname
        state.running = ObjectIdentifier(testCase)
      }
      return state.currentSuite
    }
    if previousSuite != classname {
      if previousSuite != nil { try? report.finishSuite() }
      try? report.startSuite(classname)
    }
    try? report.startCase(name: name, classname: classname)
  }

  public func testCase(
    _ testCase: XCTestCase, didFailWithDescription description: String, inFile filePath: String?, atLine lineNumber: Int
  ) {
    let summary = description.split(separator: "\n").first.map(String.init) ?? description
    let failure = TestFailure(
      message: summary, type: "XCTAssertion", details: description, file: filePath,
      line: filePath == nil ? nil : lineNumber)
    state.withLock { $0.failures[ObjectIdentifier(testCase), default: []].append(failure) }
  }

  public func testCaseDidFinish(_ testCase: XCTestCase) {
    let key = ObjectIdentifier(testCase)
    let (classname, name) = Self.names(testCase)
    let run = testCase.testRun
    let (scrubs, failed, attached, used) = state.withLock { state in
      if state.running == key { state.running = nil }
      return (
        state.scrubbers.removeValue(forKey: key) ?? [], state.failures.removeValue(forKey: key) ?? [],
        state.attachments.removeValue(forKey: key) ?? [], state.cassettes.removeValue(forKey: key) ?? []
      )
    }
    func scrub(_ text: String) -> String { scrubs.reduce(text) { text, scrub in scrub(text) } }
    let recorded = failed.map { failure in
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
    try? report.finishCase(
      TestCase(
        name: name, classname: classname, time: run?.totalDuration ?? 0, outcome: outcome,
        properties: used.map { TestProperty(name: "cassette", value: $0) }, attachments: attached + used))
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
