import Foundation

/// A cassette name or folder that cannot be used.
///
/// ```swift
/// try folder.fileURL(for: "../secrets")  // throws: … would leave the cassettes folder …
/// ```
public struct CassetteLocationError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The cassette name asked for.
  public let name: String?
  /// The cassettes folder.
  public let folder: String?
  /// What is wrong.
  public let problem: String
  /// What to do.
  public let advice: String

  public var description: String {
    let subject = name.map { "cassette name \"\($0)\"" } ?? "cassettes folder"
    let place = folder.map { " (cassettes folder \($0))" } ?? ""
    return "Refused \(subject)\(place): \(problem). \(advice)"
  }
}
