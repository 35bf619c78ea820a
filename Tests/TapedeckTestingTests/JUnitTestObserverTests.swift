import Foundation
import JUnitXML
import TapedeckTesting
import XCTest

/// Fixture cases run by hand under the observer (not discovered: they are not in `allTests`
/// and their methods do not start with `test`).
final class ObservedFixture: XCTestCase {
  /// The observer under test, so a fixture can note the cassette it used.
  nonisolated(unsafe) static var observer: JUnitTestObserver?
  func passes() {
    Self.observer?.attach("logs/passes.txt", to: self)
    Self.observer?.noteCassette("cassettes/ObservedFixture/passes.json")
  }
  /// Notes 64 cassettes from concurrent threads, as tests that start tasks may.
  func notesConcurrently() {
    let observer = Self.observer
    DispatchQueue.concurrentPerform(iterations: 64) { index in
      observer?.noteCassette("cassettes/ObservedFixture/concurrent-\(index).json")
    }
  }
  func fails() { XCTAssertEqual(1, 2, "EXPECTED: a fixture failure for the JUnit observer test; one is not two") }
  /// A fixture, not a skipped test of ours: the observer test below needs a skipped case to report.
  func skips() throws { throw XCTSkip("no tenant in CI") }
}

final class JUnitTestObserverTests: XCTestCase {
  func testObserverWritesFailuresSkipsAndPasses() throws {
    let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
      "tapedeck-xctest-\(UUID().uuidString).xml")
    defer { try? FileManager.default.removeItem(at: url) }
    let observer = try JUnitTestObserver(url: url, writer: JUnitWriter(profile: .rich, defaultHostname: "ci-host"))
    let cases: [(String, (ObservedFixture) -> () throws -> Void)] = [
      ("passes", { fixture in { fixture.passes() } }),
      ("fails", { fixture in { fixture.fails() } }),
      ("skips", { fixture in { try fixture.skips() } }),
      ("notesConcurrently", { fixture in { fixture.notesConcurrently() } }),
    ]
    let suite = XCTestSuite(name: "ObservedFixture")
    for (name, body) in cases {
      let test = ObservedFixture(
        name: "ObservedFixture.\(name)", testClosure: { testCase in try body(testCase as! ObservedFixture)() })
      suite.addTest(test)
    }
    ObservedFixture.observer = observer
    defer { ObservedFixture.observer = nil }
    XCTestObservationCenter.shared.addTestObserver(observer)
    suite.run()
    XCTestObservationCenter.shared.removeTestObserver(observer)
    try observer.finish()

    let data = try Data(contentsOf: url)
    XCTAssertNil(XMLParsing.wellFormednessProblem(data))
    let report = try JUnitReportReader.read(data, path: url.path)
    XCTAssertEqual(report.suites.map(\.name), ["ObservedFixture"])
    let written = report.suites[0].cases
    XCTAssertEqual(written.map(\.name), ["passes", "fails", "skips", "notesConcurrently"])
    XCTAssertEqual(written[0].outcome, TestOutcome.passed)
    // The documented `cassette` property and attachment of a test that used a cassette.
    XCTAssertEqual(
      written[0].properties, [TestProperty(name: "cassette", value: "cassettes/ObservedFixture/passes.json")])
    XCTAssertEqual(written[0].attachments, ["logs/passes.txt", "cassettes/ObservedFixture/passes.json"])
    XCTAssertEqual(
      Set(written[3].properties.map(\.value)),
      Set((0..<64).map { "cassettes/ObservedFixture/concurrent-\($0).json" }))
    XCTAssertEqual(written[1].properties, [])
    guard case .failed(let failures) = written[1].outcome else {
      return XCTFail("expected a failure, got \(written[1].outcome)")
    }
    XCTAssertTrue(failures[0].message.contains("one is not two"), failures[0].message)
    XCTAssertTrue(failures[0].details.contains("JUnitTestObserverTests.swift:"), failures[0].details)
    guard case .skipped(let reason) = written[2].outcome else {
      return XCTFail("expected a skip, got \(written[2].outcome)")
    }
    XCTAssertTrue(reason?.contains("no tenant in CI") == true, String(describing: reason))
  }
}
