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
