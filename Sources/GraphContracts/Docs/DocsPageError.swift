import Foundation

/// A docs page that holds nothing Tapedeck can read.
///
/// ```swift
/// // update.md: the page has no HTTP request templates and no property table …
/// ```
public struct DocsPageError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The page's path.
  public let path: String
  /// What is wrong.
  public let problem: String
  public var description: String {
    "\(path): \(problem). Give a Graph API docs page in markdown (with an \"HTTP request\" section and a |Property|Type|Description| table)."
  }
}
