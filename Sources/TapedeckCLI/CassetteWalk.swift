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

/// Foundation and POSIX errors as a short sentence naming the problem, never a raw
/// `Error Domain=NSCocoaErrorDomain …` dump.
enum FileErrorText {
  /// `Permission denied`, `No such file or directory`, `No space left on device`, …
  static func reason(of error: any Error) -> String {
    if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
    let nsError = error as NSError
    if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? any Error { return reason(of: underlying) }
    if nsError.domain == NSCocoaErrorDomain {
      switch CocoaError.Code(rawValue: nsError.code) {
      case .fileNoSuchFile, .fileReadNoSuchFile: return "No such file or directory"
      case .fileReadNoPermission, .fileWriteNoPermission: return "Permission denied"
      case .fileWriteOutOfSpace: return "No space left on device"
      case .fileWriteVolumeReadOnly: return "Read-only file system"
      case .fileWriteFileExists: return "File exists"
      case .fileReadTooLarge: return "File too large"
      case .fileReadCorruptFile: return "the file is damaged or in an unknown format"
      case .fileReadInapplicableStringEncoding, .fileWriteInapplicableStringEncoding:
        return "the text is not in the expected encoding"
      default: break
      }
    }
    let text = nsError.localizedDescription
    return text.contains("Error Domain=") || text.hasPrefix("The operation could not be completed")
      ? "error \(nsError.code) (\(nsError.domain))" : text
  }

  /// The file an error names (`NSFilePath`, `NSURL`, or the failing URL), when it names one.
  static func path(of error: any Error) -> String? {
    let info = (error as NSError).userInfo
    if let path = info[NSFilePathErrorKey] as? String { return path }
    if let url = info[NSURLErrorKey] as? URL { return url.isFileURL ? url.path : url.absoluteString }
    if let url = info[NSURLErrorFailingURLErrorKey] as? URL { return url.absoluteString }
    return nil
  }

  /// Whether an error is one of Foundation's (or a POSIX one) that would print as a dump.
  static func isFoundationError(_ error: any Error) -> Bool {
    if error is POSIXError || error is CocoaError || error is URLError { return true }
    let domain = (error as NSError).domain
    return [NSCocoaErrorDomain, NSURLErrorDomain, NSPOSIXErrorDomain].contains(domain)
  }

  /// `PATH: Permission denied. Check the path and its permissions.`
  static func sentence(for error: any Error) -> String {
    let place = path(of: error).map { "\($0): " } ?? ""
    return
      "\(place)\(reason(of: error)). Check the path, its permissions and the free space, then run the command again."
  }
}

/// Text from a cassette made safe for a terminal: control characters (ESC, BEL, CR, backspace,
/// C1 controls) and bidirectional overrides are written as `\u{1B}` escapes, so a URL or a
/// value cannot move the cursor, recolour the screen or hide what follows.
enum TerminalText {
  static func escaped(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var result = ""
    for scalar in text.unicodeScalars {
      if needsEscape(scalar) {
        result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: true
    case 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }
}
