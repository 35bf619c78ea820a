import Testing
import XCTest

/// The caller's place in source, captured with default arguments, for reporting failures
/// there in either framework (internal routing of the test entry points).
///
/// ```swift
/// func check(file: StaticString = #filePath, line: UInt = #line, fileID: String = #fileID, column: UInt = #column) {
///   FailureReporter.fail("…", at: CallSite(fileID: fileID, filePath: file, line: line, column: column))
/// }
/// ```
struct CallSite: Sendable {
  /// `#fileID`.
  let fileID: String
  /// `#filePath`.
  let filePath: StaticString
  /// `#line`.
  let line: UInt
  /// `#column`.
  let column: UInt

  /// Creates a call site.
  init(fileID: String, filePath: StaticString, line: UInt, column: UInt) {
    self.fileID = fileID
    self.filePath = filePath
    self.line = line
    self.column = column
  }
}

/// Reports a failure to whichever framework is running: an issue in Swift Testing, a failure
/// in XCTest, at the caller's file and line.
enum FailureReporter {
  /// Records `message` as a failure at `site`.
  static func fail(_ message: String, at site: CallSite) {
    if Test.current != nil {
      Issue.record(
        Comment(rawValue: message),
        sourceLocation: SourceLocation(
          fileID: site.fileID, filePath: "\(site.filePath)", line: Int(site.line), column: Int(site.column)))
    } else {
      XCTFail(message, file: site.filePath, line: site.line)
    }
  }
}
