import Foundation
import Tapedeck
import TapedeckTesting
import XCTest

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Captures the failures XCTest records, to check their text.
final class FailureCapture: NSObject, XCTestObservation, @unchecked Sendable {
  var failures: [(description: String, file: String?, line: Int)] = []

  func testCase(
    _ testCase: XCTestCase, didFailWithDescription description: String, inFile filePath: String?, atLine lineNumber: Int
  ) {
    failures.append((description, filePath, lineNumber))
  }
}

/// Fixture cases run by hand (their methods do not start with `test`, so they are not discovered).
final class FailingCassetteFixture: XCTestCase {
  func missingCassette() throws {
    _ = try? withCassette("nowhere/at-all", record: .never, directory: Shipped.cassettes) { _ in 0 }
  }
}

final class XCTestFailureCaptureTests: XCTestCase {
  func testFailuresCarryTheWholeStoryAtTheCallersLine() throws {
    let capture = FailureCapture()
    let suite = XCTestSuite(name: "FailingCassetteFixture")
    suite.addTest(
      FailingCassetteFixture(
        name: "missingCassette", testClosure: { try ($0 as! FailingCassetteFixture).missingCassette() }))
    XCTestObservationCenter.shared.addTestObserver(capture)
    suite.run()
    XCTestObservationCenter.shared.removeTestObserver(capture)
    let failure = try XCTUnwrap(capture.failures.first)
    XCTAssertTrue(failure.description.contains("TAPEDECK_RECORD=once"), failure.description)
    XCTAssertTrue(failure.file?.hasSuffix("XCTestFailureCaptureTests.swift") == true, String(describing: failure.file))
  }

  func testUnmatchedRequestIsReportedWithTheFullMessage() throws {
    // `withCassette` reports through XCTFail at its call site; on Linux (no XCTExpectFailure)
    // an observer captures it from a nested run of a fixture.
    let capture = FailureCapture()
    XCTestObservationCenter.shared.addTestObserver(capture)
    defer { XCTestObservationCenter.shared.removeTestObserver(capture) }
    let suite = XCTestSuite(name: "Unmatched")
    suite.addTest(
      FailingCassetteFixture(
        name: "unmatchedRequestSync",
        testClosure: { _ in
          let semaphore = DispatchSemaphore(value: 0)
          Task {
            await FailingCassetteFixture.runUnmatched()
            semaphore.signal()
          }
          semaphore.wait()
        }))
    suite.run()
    let failure = try XCTUnwrap(capture.failures.first { $0.description.contains("no recorded interaction matches") })
    XCTAssertTrue(failure.description.contains("Record mode: .never"))
    XCTAssertTrue(failure.description.contains("What to do:"))
  }
}

extension FailingCassetteFixture {
  static func runUnmatched() async {
    _ = try? await withCassette(
      "sandbox/beta/device-configuration-status", record: .never, redactor: Shipped.redactor,
      directory: Shipped.cassettes
    ) { session in
      try await session.data(
        from: URL(string: "http://127.0.0.1:48080/beta/deviceManagement/deviceConfigurations/x/deviceStatuses/y")!)
    }
  }
}
