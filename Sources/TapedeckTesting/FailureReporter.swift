import Testing
import XCTest

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
