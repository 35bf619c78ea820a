public import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads and writes cassette files.
///
/// Saving is atomic (a temporary file in the same folder, flushed, then renamed over the old
/// one) and deterministic (the same cassette gives the same bytes). A failed save leaves the
/// previous file as it was.
///
/// ```swift
/// let cassette = try CassetteFile.load(from: url)
/// try CassetteFile.save(cassette, to: url)
/// ```
public enum CassetteFile {
  /// Reads and checks a cassette file, refusing bodies above `bodySizeLimit`.
  public static func load(from url: URL, bodySizeLimit: BodySizeLimit = .default) throws(CassetteFileError)
    -> Cassette
  {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw CassetteFileError(
        kind: .unreadable, path: url.path, location: nil,
        problem: "the file cannot be read (\(Self.reason(of: error)))",
        advice: "Check that the path names a readable cassette file.")
    }
    return try decode(data, path: url.path, bodySizeLimit: bodySizeLimit)
  }

  /// Parses and checks cassette bytes; `path` names the file in errors.
  public static func decode(_ data: Data, path: String, bodySizeLimit: BodySizeLimit = .default)
    throws(CassetteFileError) -> Cassette
  {
    let root: JSONValue
    do {
      root = try JSONParser.parse(data)
    } catch {
      throw CassetteFileError(
        kind: .malformedJSON, path: path, location: "line \(error.line), column \(error.column)",
        problem: "the file is not valid JSON: \(error.reason)",
        advice: "Restore it from version control or re-record it; Tapedeck never overwrites a file it cannot read.")
    }
    let checksBodies = bodySizeLimit.isExceeded(by: data.count)
    return try CassetteDecoder(path: path, bodySizeLimit: checksBodies ? bodySizeLimit : nil).decode(root)
  }

  /// The exact bytes ``save(_:to:)`` writes for a cassette.
  public static func encode(_ cassette: Cassette) -> Data {
    JSONWriter.prettyData(CassetteEncoder.encode(cassette))
  }

  /// Writes a cassette atomically, creating missing folders.
  public static func save(_ cassette: Cassette, to url: URL) throws(CassetteFileError) {
    try write(encode(cassette), to: url)
  }

  /// The bytes the temporary file's name adds to the cassette's: `.`, `.<pid up to 10>`,
  /// `.<random up to 10>`, `.tmp`.
  static let temporaryNameOverhead = 1 + 11 + 11 + 4

  /// Writes bytes atomically: temporary file in the same folder, `fsync`, `rename`.
  static func write(_ data: Data, to url: URL) throws(CassetteFileError) {
    let folder = url.deletingLastPathComponent()
    func failure(_ problem: String) -> CassetteFileError {
      CassetteFileError(
        kind: .writeFailed, path: url.path, location: nil, problem: problem,
        advice: "The previous file is untouched. Check the folder exists, is writable and has free space.")
    }
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw failure("cannot create the folder \(folder.path) (\(reason(of: error)))")
    }
    let temporary = folder.appendingPathComponent(
      ".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
    ignoreFileSizeSignal
    let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw failure("cannot create a temporary file (\(errnoText()))") }
    var written = 0
    let count = data.count
    let writeError: String? = data.withUnsafeBytes { raw in
      while written < count {
        let result = Glibc_write(descriptor, raw.baseAddress! + written, count - written)
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
      throw failure("writing failed (\(writeError))")
    }
    guard rename(temporary.path, url.path) == 0 else {
      let text = errnoText()
      unlink(temporary.path)
      throw failure("cannot move the new file into place (\(text))")
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

  static func errnoText() -> String { String(cString: strerror(errno)) }

  static func reason(of error: any Error) -> String {
    if let cocoa = error as? CocoaError, let underlying = cocoa.userInfo[NSUnderlyingErrorKey] as? any Error {
      return (underlying as NSError).localizedDescription
    }
    return (error as NSError).localizedDescription
  }
}

/// `write(2)`, named so it does not clash with the static method above.
private func Glibc_write(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
  #else
    Darwin.write(descriptor, buffer, count)
  #endif
}
