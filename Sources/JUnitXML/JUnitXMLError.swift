internal import CLibXML2
import Foundation

/// A JUnit input or output problem, naming the file and what to do.
///
/// ```swift
/// // junit.xml: the report is not well-formed XML (line 3: …). …
/// ```
public struct JUnitXMLError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file.
  public let path: String
  /// What is wrong.
  public let problem: String
  /// What to do.
  public let advice: String
  public var description: String { "\(path): \(problem). \(advice)" }
}
