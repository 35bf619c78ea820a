/// JSON text that does not parse, with the line and column where parsing stopped.
///
/// ```swift
/// do { _ = try JSONParser.parse(bytes) } catch let error as JSONSyntaxError { print(error.line) }
/// ```
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
  /// 1-based line of the offending byte.
  public let line: Int
  /// 1-based column (in bytes) of the offending byte.
  public let column: Int
  /// 0-based byte offset of the offending byte.
  public let offset: Int
  /// What was wrong there.
  public let reason: String

  public var description: String { "line \(line), column \(column): \(reason)" }
}
