/// A cassette file that cannot be read or written, naming the file, the place at fault
/// (a JSON path or a line and column) and what to do next.
///
/// ```swift
/// do { _ = try CassetteFile.load(from: url) } catch { print(error) }
/// // cassettes/a.json at $.interactions[0].request.body: a body has both "json" and "text" …
/// ```
public struct CassetteFileError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What kind of failure this is.
  public struct Kind: Sendable, Hashable, CustomStringConvertible {
    let name: String
    public var description: String { name }
    /// The file could not be read (missing, a folder, no permission).
    public static let unreadable = Kind(name: "unreadable")
    /// The file is not valid JSON.
    public static let malformedJSON = Kind(name: "malformedJSON")
    /// The file has a format version this build does not read.
    public static let unsupportedVersion = Kind(name: "unsupportedVersion")
    /// The file is JSON but a field is missing, of the wrong type or has a bad value.
    public static let invalidContent = Kind(name: "invalidContent")
    /// Writing the file failed; the previous file is untouched.
    public static let writeFailed = Kind(name: "writeFailed")
  }

  /// What kind of failure this is.
  public let kind: Kind
  /// The file's path.
  public let path: String
  /// Where in the file: a JSON path (`$.interactions[2].request`) or `line L, column C`.
  public let location: String?
  /// What is wrong.
  public let problem: String
  /// What to do about it.
  public let advice: String

  /// Creates an error.
  public init(kind: Kind, path: String, location: String?, problem: String, advice: String) {
    self.kind = kind
    self.path = path
    self.location = location
    self.problem = problem
    self.advice = advice
  }

  public var description: String {
    let place = location.map { " at \($0)" } ?? ""
    return "\(path)\(place): \(problem). \(advice)"
  }
}
