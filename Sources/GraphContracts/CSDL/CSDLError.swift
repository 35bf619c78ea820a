/// A CSDL (`$metadata`) document that cannot be loaded, naming the file and line.
///
/// ```swift
/// do { _ = try CSDLLoader.load(contentsOf: url) } catch { print(error) }
/// // metadata.xml, line 12: the XML is not well-formed (…). Check the file is complete …
/// ```
public struct CSDLError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file's path (or the name given for in-memory input).
  public let path: String
  /// The 1-based line, when known.
  public let line: Int?
  /// What is wrong.
  public let problem: String
  /// What to do.
  public let advice: String

  public var description: String {
    "\(path)\(line.map { ", line \($0)" } ?? ""): \(problem). \(advice)"
  }
}
