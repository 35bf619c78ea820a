package import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one atomic file writer, for cassettes and JUnit reports alike: a temporary file in the
/// same folder, written in full, flushed with `fsync`, renamed over the old file, and the folder
/// flushed. A failure at any step leaves the previous file as it was and the temporary removed.
///
/// ```swift
/// try AtomicFile.write(data, to: url)
/// ```
package enum AtomicFile {
  /// Why a write failed, in words for an error message (the previous file is untouched).
  package struct Failure: Error, CustomStringConvertible {
    /// What went wrong, with the system's reason.
    package let problem: String
    package var description: String { problem }
  }

  /// The bytes the temporary file's name adds to the target's: `.`, `.<pid up to 10>`,
  /// `.<random up to 10>`, `.tmp`.
  package static let temporaryNameOverhead = 1 + 11 + 11 + 4

  /// Writes `data` to `url` atomically, creating missing folders.
  package static func write(_ data: Data, to url: URL) throws(Failure) {
    let folder = url.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw Failure(problem: "cannot create the folder \(folder.path) (\(reason(of: error)))")
    }
    let temporary = folder.appendingPathComponent(
      ".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
    ignoreFileSizeSignal
    let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw Failure(problem: "cannot create a temporary file (\(errnoText()))") }
    var written = 0
    let count = data.count
    let writeError: String? = data.withUnsafeBytes { raw in
      while written < count {
        let result = systemWrite(descriptor, raw.baseAddress! + written, count - written)
        if result < 0 {
          if errno == EINTR { continue }
          return errnoText()
        }
        written += result
      }
      return fsync(descriptor) == 0 ? nil : errnoText()
    }
    close(descriptor)
    if let writeError {
      unlink(temporary.path)
      throw Failure(problem: "writing failed (\(writeError))")
    }
    guard rename(temporary.path, url.path) == 0 else {
      let text = errnoText()
      unlink(temporary.path)
      throw Failure(problem: "cannot move the new file into place (\(text))")
    }
    let folderDescriptor = open(folder.path, O_RDONLY | O_CLOEXEC)
    if folderDescriptor >= 0 {
      fsync(folderDescriptor)
      close(folderDescriptor)
    }
  }

  /// Past `ulimit -f`, `write` raises SIGXFSZ, which kills the process by default; ignoring it
  /// turns the condition into an `EFBIG` error that is reported and loses nothing.
  private static let ignoreFileSizeSignal: Void = {
    signal(SIGXFSZ, SIG_IGN)
  }()

  /// The text of the current `errno`.
  package static func errnoText() -> String { String(cString: strerror(errno)) }

  /// The reason inside a Foundation or POSIX file error as a short phrase
  /// (`Permission denied`, `File exists`), never an `Error Domain=…` dump.
  package static func reason(of error: any Error) -> String {
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
}

/// `write(2)`, named so it does not clash with ``AtomicFile/write(_:to:)``.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Darwin)
    Darwin.write(descriptor, buffer, count)
  #elseif canImport(Musl)
    Musl.write(descriptor, buffer, count)
  #else
    Glibc.write(descriptor, buffer, count)
  #endif
}
