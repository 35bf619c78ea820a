public import Foundation
import TapedeckSupport

/// Writes ``JUnitReport``s with libxml2's `xmlTextWriter`, in a ``JUnitProfile``.
///
/// Output is deterministic for a given report and writer: times are `%.3f` seconds, timestamps
/// UTC `YYYY-MM-DDThh:mm:ss`, and a suite without its own timestamp or hostname gets the
/// writer's ``defaultTimestamp`` and ``defaultHostname``.
///
/// ```swift
/// let writer = JUnitWriter(profile: .portable)
/// try writer.write(report, to: URL(fileURLWithPath: "junit.xml"))
/// ```
public struct JUnitWriter: Sendable {
  /// The consumers the output is shaped for.
  public var profile: JUnitProfile
  /// The sanitizer every string passes through.
  public var sanitizer: TextSanitizer
  /// Timestamp for suites that have none (the Ant schema requires one).
  public var defaultTimestamp: Date
  /// Hostname for suites that have none.
  public var defaultHostname: String

  /// Creates a writer.
  public init(
    profile: JUnitProfile = .portable, sanitizer: TextSanitizer = TextSanitizer(), defaultTimestamp: Date = Date(),
    defaultHostname: String = ProcessInfo.processInfo.hostName
  ) {
    self.profile = profile
    self.sanitizer = sanitizer
    self.defaultTimestamp = defaultTimestamp
    self.defaultHostname = defaultHostname
  }

  /// The whole report as one document (for ``JUnitProfile/surefire``, the suites' documents
  /// concatenated is not XML: use ``documents(_:)``).
  public func document(_ report: JUnitReport) -> Data {
    var output = Data()
    stream(report) { output.append($0) }
    return output
  }

  /// One document per suite for ``JUnitProfile/surefire`` (`TEST-<suite>.xml`), else one named
  /// after nothing in particular: `[("junit.xml", document)]`.
  public func documents(_ report: JUnitReport) -> [(fileName: String, data: Data)] {
    guard profile == .surefire else { return [("junit.xml", document(report))] }
    let names = Self.fileNames(report.suites.map(\.name))
    return zip(report.suites, names).map { suite, fileName in
      let writer = XMLFragmentWriter(sanitizer: sanitizer)
      writer.startDocument()
      SuiteRenderer(writer: writer, settings: self).surefireSuite(suite)
      writer.endDocument()
      return (fileName, writer.drain())
    }
  }

  /// `TEST-<suite>.xml` per suite, distinct even when names map to the same file name (`A/B` and
  /// `A_B`, or `Foo` and `foo` on a case-insensitive disk): later ones get `-2`, `-3`, … so no
  /// suite overwrites another.
  static func fileNames(_ suiteNames: [String]) -> [String] {
    var taken: Set<String> = []
    return suiteNames.map { name in
      let base = "TEST-" + fileSafe(JUnitFormat.nonBlank(name, sanitizer: TextSanitizer()))
      var candidate = base
      var number = 1
      while taken.contains(candidate.lowercased()) {
        number += 1
        candidate = "\(base)-\(number)"
      }
      taken.insert(candidate.lowercased())
      return candidate + ".xml"
    }
  }

  /// Writes the report suite by suite to `emit`, never holding more than one suite's XML.
  public func stream(_ report: JUnitReport, _ emit: (Data) -> Void) {
    let writer = XMLFragmentWriter(sanitizer: sanitizer)
    let renderer = SuiteRenderer(writer: writer, settings: self)
    writer.startDocument()
    if profile == .surefire {
      // A single-suite report is a Surefire document; more suites need `documents(_:)`.
      if let suite = report.suites.first { renderer.surefireSuite(suite) }
    } else {
      renderer.openRoot(report)
      for (index, suite) in report.suites.enumerated() {
        renderer.suite(suite, id: index)
        emit(writer.drain())
      }
      writer.end()
    }
    writer.endDocument()
    emit(writer.drain())
  }

  /// Writes the report atomically: a file for portable and rich, a folder of files for surefire.
  /// A failure leaves any previous report as it was and throws ``JUnitWriteError``.
  public func write(_ report: JUnitReport, to url: URL) throws(JUnitWriteError) {
    if profile == .surefire {
      do {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
      } catch {
        throw JUnitWriteError(path: url.path, problem: "cannot create the folder (\(AtomicFile.reason(of: error)))")
      }
      for (name, data) in documents(report) {
        let file = url.appendingPathComponent(name)
        do { try AtomicFile.write(data, to: file) } catch {
          throw JUnitWriteError(path: file.path, problem: error.problem)
        }
      }
    } else {
      do { try AtomicFile.write(document(report), to: url) } catch {
        throw JUnitWriteError(path: url.path, problem: error.problem)
      }
    }
  }

  static func fileSafe(_ name: String) -> String {
    String(name.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" ? $0 : "_" })
  }
}
