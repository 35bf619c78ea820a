import Foundation

/// Finding cassette files under a folder (or a single file), with clear errors.
enum CassetteFolder {
  /// The cassette files, and the places that were refused or could not be read (symbolic links
  /// leading outside the folder, unreadable subfolders): callers report those and exit 2.
  static func walk(at path: String) throws -> (files: [(url: URL, display: String)], problems: [String]) {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw CommandFailure.input("\(path) does not exist; give a folder of cassettes or a cassette file.")
    }
    guard isFolder.boolValue else { return ([(URL(fileURLWithPath: path), path)], []) }
    guard FileManager.default.isReadableFile(atPath: path),
      (try? FileManager.default.contentsOfDirectory(atPath: path)) != nil
    else {
      throw CommandFailure.input("\(path) cannot be read; check its permissions.")
    }
    let root = URL(fileURLWithPath: path).standardizedFileURL
    let walk = CassetteWalk(folder: root)
    let resolvedRoot = root.resolvingSymlinksInPath().path
    let files = walk.files.map { file in
      var relative = file.path
      for prefix in [root.path + "/", resolvedRoot + "/"] where relative.hasPrefix(prefix) {
        relative = String(relative.dropFirst(prefix.count))
        break
      }
      return (file, (path.hasSuffix("/") ? path : path + "/") + relative)
    }
    return (files, walk.problems)
  }

  /// The cassette files; what was refused or could not be read goes to standard error.
  static func files(at path: String) throws -> [(url: URL, display: String)] {
    let (files, problems) = try walk(at: path)
    for problem in problems {
      FileHandle.standardError.write(Data("tapedeck: \(TerminalText.escaped(problem))\n".utf8))
    }
    return files
  }
}
