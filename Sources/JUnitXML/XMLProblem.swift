internal import CLibXML2
import Foundation

/// One problem libxml2 found in a document: line and message.
///
/// ```swift
/// problem.description  // "line 3: Element 'testcase', attribute 'file': The attribute 'file' is not allowed."
/// ```
public struct XMLProblem: Sendable, Hashable, CustomStringConvertible {
  /// The 1-based line (0 when unknown).
  public let line: Int
  /// libxml2's message.
  public let message: String
  public var description: String { "line \(line): \(message)" }
}
