public import Foundation
import TapedeckSupport

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

  /// The bytes the temporary file's name adds to the cassette's.
  static let temporaryNameOverhead = AtomicFile.temporaryNameOverhead

  /// Writes bytes atomically (``AtomicFile``), naming the cassette in the error.
  static func write(_ data: Data, to url: URL) throws(CassetteFileError) {
    do {
      try AtomicFile.write(data, to: url)
    } catch {
      throw CassetteFileError(
        kind: .writeFailed, path: url.path, location: nil, problem: error.problem,
        advice: "The previous file is untouched. Check the folder exists, is writable and has free space.")
    }
  }

  static func reason(of error: any Error) -> String { AtomicFile.reason(of: error) }
}
