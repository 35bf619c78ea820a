/// A JUnit report that could not be written: the file, what went wrong, and what to do.
///
/// ```swift
/// do { try JUnitWriter(profile: .portable).write(report, to: url) } catch { print(error) }
/// ```
public struct JUnitWriteError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The report file (or surefire folder) that was being written.
  public let path: String
  /// What went wrong, with the system's reason.
  public let problem: String

  /// `PATH: PROBLEM. …advice`
  public var description: String {
    "\(path): \(problem). Any previous report there is untouched; check that the folder exists, is writable and has free space."
  }
}
