public import Foundation

/// The folder cassettes live in, and the safe mapping from a cassette name to its file.
///
/// By default it is `TAPEDECK_CASSETTES` when set, else the `cassettes` folder next to the
/// nearest `Package.swift` above the calling source file.
///
/// ```swift
/// let folder = try CassetteDirectory.default()
/// let url = try folder.fileURL(for: "DeviceStatusTests/patchCompliance")
/// ```
public struct CassetteDirectory: Sendable, Hashable {
  /// The folder's URL.
  public let url: URL

  /// A folder at a given URL.
  public init(url: URL) { self.url = url.standardizedFileURL }

  /// `TAPEDECK_CASSETTES`, else `<package root>/cassettes` found by walking up from `filePath`.
  public static func `default`(
    filePath: StaticString = #filePath, environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(CassetteLocationError) -> CassetteDirectory {
    try containing(sourceFile: "\(filePath)", environment: environment)
  }

  /// `TAPEDECK_CASSETTES`, else `<package root>/cassettes` found by walking up from a source file's path.
  ///
  /// ```swift
  /// let folder = try CassetteDirectory.containing(sourceFile: test.sourceLocation.filePath)
  /// ```
  public static func containing(
    sourceFile filePath: String, environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(CassetteLocationError) -> CassetteDirectory {
    if let configured = environment["TAPEDECK_CASSETTES"], !configured.isEmpty {
      let base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
      return CassetteDirectory(url: URL(fileURLWithPath: configured, isDirectory: true, relativeTo: base))
    }
    var folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
    while folder.path != "/" && !folder.path.isEmpty {
      if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
        return CassetteDirectory(url: folder.appendingPathComponent("cassettes", isDirectory: true))
      }
      folder.deleteLastPathComponent()
    }
    throw CassetteLocationError(
      name: nil, folder: nil,
      problem: "no Package.swift was found above \(filePath)",
      advice: "Set TAPEDECK_CASSETTES to the folder that holds your cassettes.")
  }

  /// The file for a cassette name (`.json` added when missing). Names that would leave the
  /// folder (`../x`, absolute paths, symbolic links pointing outside) are refused.
  public func fileURL(for name: String) throws(CassetteLocationError) -> URL {
    func refuse(_ problem: String) -> CassetteLocationError {
      CassetteLocationError(
        name: name, folder: url.path, problem: problem,
        advice: "Use a relative name such as \"DeviceStatusTests/patchCompliance\" inside the cassettes folder.")
    }
    guard !name.isEmpty else { throw refuse("the cassette name is empty") }
    guard !name.hasPrefix("/"), !name.hasPrefix("~") else { throw refuse("the name is an absolute path") }
    let components = name.split(separator: "/", omittingEmptySubsequences: false)
    guard !components.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) else {
      throw refuse("the name has `..`, `.` or an empty part, which could leave the cassettes folder")
    }
    guard !name.contains("\0"), !name.contains("\\") else { throw refuse("the name holds a NUL or a backslash") }
    let file = name.hasSuffix(".json") ? name : name + ".json"
    // The save writes `.<file>.<pid>.<random>.tmp` beside it: both must fit a file name (255
    // bytes), which is checked now, before a recording sends anything live.
    if let last = file.split(separator: "/").last, last.utf8.count + CassetteFile.temporaryNameOverhead > 255 {
      throw refuse(
        "the file name \(last) is \(last.utf8.count) bytes; with the save's temporary name it must stay within 255 (\(255 - CassetteFile.temporaryNameOverhead) for the name)"
      )
    }
    if let part = components.dropLast().first(where: { $0.utf8.count > 255 }) {
      throw refuse("the folder name \(part.prefix(40))… is longer than 255 bytes")
    }
    let candidate = url.appendingPathComponent(file)
    // Resolve symbolic links in what already exists and check it is still inside the folder.
    let resolvedRoot = url.resolvingSymlinksInPath().path
    var existing = candidate
    while !FileManager.default.fileExists(atPath: existing.path), existing.path.count > url.path.count {
      existing.deleteLastPathComponent()
    }
    let resolved = existing.resolvingSymlinksInPath().path
    guard resolved == resolvedRoot || resolved.hasPrefix(resolvedRoot + "/") else {
      throw refuse("a symbolic link leads outside the cassettes folder (to \(resolved))")
    }
    return candidate
  }

  /// Every cassette file under the folder, recursively, sorted by path.
  public func cassetteFiles() -> [URL] {
    guard let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil) else { return [] }
    return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "json" }
      .sorted { $0.path < $1.path }
  }
}
