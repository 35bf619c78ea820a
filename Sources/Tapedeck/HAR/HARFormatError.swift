/// A HAR file that cannot be read as HAR 1.2: names the file, the place at fault (a JSON path
/// such as `$.log.entries[3].request.url`, or a line and column for JSON syntax) and what is wrong.
///
/// ```swift
/// do { _ = try HARArchive.decode(data, path: "capture.har") } catch { print(error) }
/// // capture.har at $.log.entries[3].request: "url" is missing (a string) …
/// ```
public struct HARFormatError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file's path, as given.
  public let path: String
  /// Where in the file: a JSON path or `line L, column C`.
  public let location: String
  /// What is wrong.
  public let problem: String

  /// Creates an error.
  ///
  /// ```swift
  /// HARFormatError(path: "capture.har", location: "$.log", problem: "\"entries\" is missing (an array)")
  /// ```
  public init(path: String, location: String, problem: String) {
    self.path = path
    self.location = location
    self.problem = problem
  }

  public var description: String {
    "\(path) at \(location): \(problem). The file is not a HAR 1.2 archive Tapedeck can read; nothing was written."
  }
}
