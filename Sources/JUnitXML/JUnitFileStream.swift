public import Foundation

/// Writes a report to a file suite by suite, holding only the suite being written: for runs
/// too large to keep in memory. Not crash-safe (see ``LiveJUnitReport`` for that); the file is
/// complete after ``close()``.
///
/// ```swift
/// let stream = try JUnitFileStream(url: URL(fileURLWithPath: "junit.xml"))
/// try stream.append(suite)
/// try stream.close()
/// ```
public final class JUnitFileStream {
  private let handle: FileHandle
  private let fragment: XMLFragmentWriter
  private let renderer: SuiteRenderer
  private var index = 0
  /// The file written.
  public let url: URL

  /// Starts a portable or rich document at `url`.
  public init(url: URL, writer: JUnitWriter = JUnitWriter()) throws {
    precondition(writer.profile != .surefire, "surefire writes one document per suite: use JUnitWriter.documents")
    self.url = url
    _ = FileManager.default.createFile(atPath: url.path, contents: nil)
    handle = try FileHandle(forWritingTo: url)
    fragment = XMLFragmentWriter(sanitizer: writer.sanitizer)
    renderer = SuiteRenderer(writer: fragment, settings: writer)
    fragment.startDocument()
    renderer.openRoot(JUnitReport())
    try handle.write(contentsOf: fragment.drain())
  }

  /// Writes one suite.
  public func append(_ suite: TestSuite) throws {
    renderer.suite(suite, id: index)
    index += 1
    try handle.write(contentsOf: fragment.drain())
  }

  /// Closes the document and the file.
  public func close() throws {
    fragment.end()
    fragment.endDocument()
    try handle.write(contentsOf: fragment.drain())
    try handle.synchronize()
    try handle.close()
  }
}
