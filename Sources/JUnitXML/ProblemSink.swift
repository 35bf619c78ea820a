internal import CLibXML2
import Foundation

/// Collects libxml2's structured errors.
final class ProblemSink {
  var problems: [XMLProblem] = []

  static let handler: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    let sink = Unmanaged<ProblemSink>.fromOpaque(context).takeUnretainedValue()
    let message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
    sink.problems.append(
      XMLProblem(line: Int(error.pointee.line), message: message.trimmingCharacters(in: .whitespacesAndNewlines)))
  }
}
