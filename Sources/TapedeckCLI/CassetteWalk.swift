import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The cassette files under a folder, found without leaving it, with every place that could
/// not be read or was refused: a symbolic link leading outside the folder is never followed
/// (so `format` never writes a copy of an outside file over the link), and an unreadable
/// subfolder is reported, not skipped in silence.
struct CassetteWalk {
  /// The files found (links inside the folder resolved to their target, each file once), sorted.
  var files: [URL] = []
  /// One sentence per place that was refused or could not be read.
  var problems: [String] = []

  /// Walks `folder` recursively for `*.json` files.
  init(folder: URL) {
    let root = folder.standardizedFileURL
    let resolvedRoot = root.resolvingSymlinksInPath().path
    var seen: Set<String> = []
    func inside(_ path: String) -> Bool { path == resolvedRoot || path.hasPrefix(resolvedRoot + "/") }
    func walk(_ directory: URL) {
      let names: [String]
      do {
        names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      } catch {
        problems.append(
          "\(directory.path): the folder cannot be read (\(FileErrorText.reason(of: error))), so its cassettes were "
            + "not checked. Fix its permissions, or move it out of the cassettes folder.")
        return
      }
      for name in names.sorted() {
        let url = directory.appendingPathComponent(name)
        var status = stat()
        guard lstat(url.path, &status) == 0 else {
          problems.append("\(url.path): cannot be examined (\(String(cString: strerror(errno)))).")
          continue
        }
        switch status.st_mode & S_IFMT {
        case S_IFDIR:
          walk(url)
        case S_IFLNK:
          let target = url.resolvingSymlinksInPath().path
          var targetIsFolder: ObjCBool = false
          let exists = FileManager.default.fileExists(atPath: target, isDirectory: &targetIsFolder)
          guard url.pathExtension == "json" || targetIsFolder.boolValue else { continue }
          if !inside(target) {
            problems.append(
              "\(url.path): a symbolic link to \(target), outside the cassettes folder \(root.path); it was skipped "
                + "and left as it is. Move that cassette into the folder, or remove the link.")
          } else if !exists {
            problems.append("\(url.path): a symbolic link to \(target), which does not exist. Remove the link.")
          } else if !targetIsFolder.boolValue, seen.insert(target).inserted {
            // A folder linked from inside is walked where it really is.
            files.append(URL(fileURLWithPath: target))
          }
        case S_IFREG:
          if url.pathExtension == "json", seen.insert(url.resolvingSymlinksInPath().path).inserted {
            files.append(url)
          }
        default:
          continue
        }
      }
    }
    walk(root)
    files.sort { $0.path < $1.path }
  }
}
