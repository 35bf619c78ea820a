public import Foundation
import TapedeckSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A report file that is well-formed XML at every moment of a run, so a crash leaves a valid
/// report naming the test that was running.
///
/// Before a test runs, the file shows it as an error "crashed while running"; when it
/// finishes, its real outcome replaces that. Each update writes only the new case, the
/// closing tags and the suite's opening tag (padded to a fixed length and rewritten in
/// place), never the whole file: the cost per test does not grow with the run.
/// Profiles: ``JUnitProfile/portable`` and ``JUnitProfile/rich``.
///
/// ```swift
/// let live = try LiveJUnitReport(url: URL(fileURLWithPath: "junit.xml"))
/// try live.startSuite("DeviceStatusTests")
/// try live.startCase(name: "patchCompliance", classname: "DeviceStatusTests")
/// try live.finishCase(TestCase(name: "patchCompliance", classname: "DeviceStatusTests", time: 0.01))
/// try live.finishSuite()
/// try live.finish()
/// ```
public final class LiveJUnitReport: Sendable {
  /// The report file.
  public let url: URL
  let writer: JUnitWriter
  private let state: Locked<LiveState>

  struct LiveState: ~Copyable {
    let descriptor: Int32
    var end: Int = 0
    var tail: Int = 0
    var header = 0
    var headerLength = 0
    var suite: TestSuite?
    var suiteIndex = 0
    var counts = TestCounts()
    var time = 0.0
    var running: TestCase?

    deinit { close(descriptor) }
  }

  /// Starts a report at `url` (replacing what was there) with an empty, valid document.
  public init(url: URL, writer: JUnitWriter = JUnitWriter()) throws {
    precondition(writer.profile != .surefire, "live reports are portable or rich; surefire writes one file per suite")
    self.url = url
    self.writer = writer
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let descriptor = open(url.path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw JUnitXMLError(
        path: url.path, problem: "the report cannot be created (\(String(cString: strerror(errno))))",
        advice: "Check the folder exists and is writable.")
    }
    state = Locked(LiveState(descriptor: descriptor))
    let prologue = Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n".utf8)
    try state.withLock { state in
      try Self.write(prologue, at: 0, state: &state, url: url)
      state.tail = prologue.count
      try Self.write(Data("</testsuites>\n".utf8), at: state.tail, state: &state, url: url)
    }
  }

  /// Opens a suite; cases that follow belong to it.
  public func startSuite(_ name: String, properties: [TestProperty] = [], file: String? = nil, timestamp: Date = Date())
    throws
  {
    try state.withLock { state in
      let suite = TestSuite(name: name, timestamp: timestamp, properties: properties, file: file)
      state.suite = suite
      state.counts = TestCounts()
      state.time = 0
      var header = renderHeader(suite, index: state.suiteIndex, counts: state.counts, time: 0)
      header.append(contentsOf: [UInt8](repeating: 0x20, count: 48))
      header = Self.paddedInsideTag(header)
      state.header = state.tail
      state.headerLength = header.count
      state.tail += header.count
      try Self.write(header + footer(), at: state.header, state: &state, url: url)
    }
  }

  /// Marks a case as running: until ``finishCase(_:)``, the file shows it as an error
  /// "crashed while running".
  public func startCase(name: String, classname: String, file: String? = nil, line: Int? = nil) throws {
    try state.withLock { state in
      let stub = TestCase(
        name: name, classname: classname,
        outcome: .error(
          TestFailure(
            message: "crashed while running", type: "Crash",
            details: "The test process ended while this test was running.")), file: file, line: line)
      state.running = stub
      try rewriteTail(with: nil, state: &state)
    }
  }

  /// Records a finished case (replacing its running marker).
  public func finishCase(_ testCase: TestCase) throws {
    try state.withLock { state in
      state.running = nil
      state.counts = state.counts + TestCounts(testCase)
      state.time += testCase.time
      state.suite?.cases.append(Self.foldable(testCase))
      try rewriteTail(with: testCase, state: &state)
    }
  }

  /// Closes the current suite (with suite output).
  public func finishSuite(systemOut: String? = nil, systemErr: String? = nil) throws {
    try state.withLock { state in
      guard var suite = state.suite else { return }
      suite.systemOut = systemOut
      suite.systemErr = systemErr
      let fragment = XMLFragmentWriter(sanitizer: writer.sanitizer, indent: false)
      SuiteRenderer(writer: fragment, settings: writer).closeSuite(suite, alreadyOpen: true)
      var closing = Data("\n  ".utf8)
      closing.append(fragment.drain())
      closing.append(Data("\n".utf8))
      try Self.write(closing + Data("</testsuites>\n".utf8), at: state.tail, state: &state, url: url)
      state.tail += closing.count
      state.suite = nil
      state.suiteIndex += 1
    }
  }

  /// Ends the run: closes any open suite, trims padding, and flushes the file to disk.
  public func finish() throws {
    if state.withLock({ $0.suite != nil }) { try finishSuite() }
    try state.withLock { state in
      guard ftruncate(state.descriptor, off_t(state.tail + "</testsuites>\n".utf8.count)) == 0,
        fsync(state.descriptor) == 0
      else {
        throw JUnitXMLError(
          path: url.path, problem: "the report cannot be finished (\(String(cString: strerror(errno))))",
          advice: "Check free space.")
      }
    }
  }

  // MARK: - Rendering

  /// Case output kept for the suite's folded output (portable): everything but the failures' text.
  static func foldable(_ testCase: TestCase) -> TestCase {
    var kept = testCase
    if case .failed = kept.outcome { kept.outcome = .failed([]) }
    return kept
  }

  func renderHeader(_ suite: TestSuite, index: Int, counts: TestCounts, time: Double) -> Data {
    let fragment = XMLFragmentWriter(sanitizer: writer.sanitizer, indent: false)
    var withProfile = suite
    if writer.profile == .rich {
      withProfile.properties.insert(TestProperty(name: "junit.profile", value: "rich"), at: 0)
    }
    SuiteRenderer(writer: fragment, settings: writer).openSuite(withProfile, id: index, counts: counts, time: time)
    var data = Data("  ".utf8)
    data.append(fragment.drain())
    return data
  }

  func renderCase(_ testCase: TestCase) -> Data {
    let fragment = XMLFragmentWriter(sanitizer: writer.sanitizer, indent: false)
    SuiteRenderer(writer: fragment, settings: writer).testCase(testCase)
    var data = Data("\n    ".utf8)
    data.append(fragment.drain())
    return data
  }

  func footer() -> Data {
    let closing =
      writer.profile == .portable
      ? "\n    <system-out></system-out><system-err></system-err>\n  </testsuite>\n" : "\n  </testsuite>\n"
    return Data((closing + "</testsuites>\n").utf8)
  }

  /// Appends a finished case (if any), then the running marker (if any) and the closing tags;
  /// then rewrites the suite header with the new counts, same length, in place.
  private func rewriteTail(with finished: TestCase?, state: inout LiveState) throws {
    guard let suite = state.suite else {
      throw JUnitXMLError(
        path: url.path, problem: "a case was reported outside a suite", advice: "Call startSuite first.")
    }
    var tail = Data()
    if let finished { tail.append(renderCase(finished)) }
    let committed = tail.count
    var counts = state.counts
    if let running = state.running {
      tail.append(renderCase(running))
      counts = counts + TestCounts(running)
    }
    try Self.write(tail + footer(), at: state.tail, state: &state, url: url)
    state.tail += committed
    var header = renderHeader(suite, index: state.suiteIndex, counts: counts, time: state.time)
    guard header.count <= state.headerLength else {
      throw JUnitXMLError(
        path: url.path, problem: "the suite header outgrew its reserved space", advice: "Report this as a bug.")
    }
    header.append(contentsOf: [UInt8](repeating: 0x20, count: state.headerLength - header.count))
    // Keep the padding inside the start tag: move the spaces before the tag's closing `>`.
    header = Self.paddedInsideTag(header)
    try Self.write(header, at: state.header, state: &state, url: url, extendsEnd: false)
  }

  /// Moves trailing padding inside the opening tag (`<testsuite a="1"   >`), so the padding is
  /// legal whitespace between attributes.
  static func paddedInsideTag(_ header: Data) -> Data {
    let bytes = Array(header)
    var padding = 0
    while padding < bytes.count, bytes[bytes.count - 1 - padding] == 0x20 { padding += 1 }
    guard padding > 0, let tagEnd = bytes.firstIndex(of: UInt8(ascii: ">")) else { return header }
    var result = Array(bytes[..<tagEnd])
    result.append(contentsOf: [UInt8](repeating: 0x20, count: padding))
    result.append(contentsOf: bytes[tagEnd..<(bytes.count - padding)])
    return Data(result)
  }

  /// `pwrite` at an offset; when the new end is short of the old one, pads with spaces (legal
  /// after the root element) so no stale bytes remain.
  private static func write(_ data: Data, at offset: Int, state: inout LiveState, url: URL, extendsEnd: Bool = true)
    throws
  {
    var bytes = data
    let newEnd = offset + bytes.count
    if extendsEnd, newEnd < state.end { bytes.append(contentsOf: [UInt8](repeating: 0x20, count: state.end - newEnd)) }
    let descriptor = state.descriptor
    let written = bytes.withUnsafeBytes { raw in pwrite(descriptor, raw.baseAddress, raw.count, off_t(offset)) }
    guard written == bytes.count else {
      throw JUnitXMLError(
        path: url.path, problem: "writing the report failed (\(String(cString: strerror(errno))))",
        advice: "Check free space.")
    }
    if extendsEnd { state.end = max(state.end, newEnd) }
  }
}
