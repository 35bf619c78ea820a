import Foundation
import HTTPTypes
import Testing

@testable import Tapedeck

@Suite("The cassette file: format version 1, deterministic, atomic, clear errors")
struct CassetteFileTests {
  static let valid = """
    {
      "interactions": [
        {
          "recordedAt": "2026-11-22T10:00:00Z",
          "request": {
            "body": {"json": {"status": "compliant"}},
            "headers": {"Content-Type": ["application/json"]},
            "method": "PATCH",
            "url": "https://graph.microsoft.com/beta/x"
          },
          "response": {"headers": {}, "status": 204}
        }
      ],
      "name": "bad",
      "recordedWith": "tapedeck 0.1.0",
      "source": "hand-written",
      "version": 1
    }
    """

  func decode(_ text: String) throws(CassetteFileError) -> Cassette {
    try CassetteFile.decode(Data(text.utf8), path: "cassettes/bad.json")
  }

  @Test("The same exchanges give the same bytes: sorted keys, two spaces, `/` unescaped, trailing newline")
  func deterministicBytes() throws {
    let cassette = try decode(Self.valid)
    let bytes = CassetteFile.encode(cassette)
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(bytes == CassetteFile.encode(try CassetteFile.decode(bytes, path: "again")))
    #expect(text.hasPrefix("{\n  \"interactions\": [\n    {\n      \"recordedAt\": \"2026-11-22T10:00:00Z\","))
    #expect(text.contains(#""url": "https://graph.microsoft.com/beta/x""#))
    #expect(text.hasSuffix("  \"version\": 1\n}\n"))
    #expect(cassette.interactions[0].response.status == .noContent)
    #expect(cassette.interactions[0].response.body == nil)
  }

  @Test("Every shipped cassette is valid and in canonical form")
  func shippedCassettesAreCanonical() throws {
    let folder = try CassetteDirectory.default()
    let files = folder.cassetteFiles()
    #expect(!files.isEmpty)
    for file in files {
      let bytes = try Data(contentsOf: file)
      let cassette = try CassetteFile.decode(bytes, path: file.path)
      #expect(CassetteFile.encode(cassette) == bytes, "\(file.path) is not in canonical form")
    }
  }

  @Test("Truncated JSON names the file, line and column")
  func truncated() {
    let text = String(Self.valid.prefix(200))
    let error = #expect(throws: CassetteFileError.self) { try decode(text) }
    #expect(error?.kind == .malformedJSON)
    #expect(error?.description.hasPrefix("cassettes/bad.json at line 7, column") == true)
    #expect(error?.description.contains("truncated") == true)
  }

  @Test("Another format version is refused, naming $.version")
  func otherVersion() {
    let error = #expect(throws: CassetteFileError.self) {
      try decode(Self.valid.replacingOccurrences(of: #""version": 1"#, with: #""version": 2"#))
    }
    #expect(error?.kind == .unsupportedVersion)
    #expect(error?.location == "$.version")
    #expect(error?.description.contains("format version 2 is not supported") == true)
  }

  @Test("A body with two encodings names its JSON path")
  func twoEncodings() {
    let error = #expect(throws: CassetteFileError.self) {
      try decode(
        Self.valid.replacingOccurrences(of: #"{"json": {"status": "compliant"}}"#, with: #"{"json": {}, "text": "x"}"#))
    }
    #expect(error?.location == "$.interactions[0].request.body")
    #expect(error?.problem.contains(#"a body has "json" and "text""#) == true)
  }

  @Test("Invalid base64 names its JSON path")
  func invalidBase64() {
    let error = #expect(throws: CassetteFileError.self) {
      try decode(
        Self.valid.replacingOccurrences(of: #"{"json": {"status": "compliant"}}"#, with: #"{"base64": "not base64!"}"#))
    }
    #expect(error?.location == "$.interactions[0].request.body.base64")
  }

  @Test(
    "Wrong fields name their JSON path",
    arguments: [
      (#""status": 204"#, #""status": "204""#, "$.interactions[0].response.status"),
      (#""method": "PATCH""#, #""method": "PAT CH""#, "$.interactions[0].request.method"),
      (#""source": "hand-written""#, #""source": "somewhere""#, "$.source"),
      (#""recordedAt": "2026-11-22T10:00:00Z""#, #""recordedAt": "yesterday""#, "$.interactions[0].recordedAt"),
      (#""headers": {}"#, #""headers": {"X": "one"}"#, "$.interactions[0].response.headers.X"),
      (#""name": "bad""#, #""name": "bad", "extra": 1"#, "$.extra"),
    ])
  func wrongFields(original: String, replacement: String, location: String) {
    let error = #expect(throws: CassetteFileError.self) {
      try decode(Self.valid.replacingOccurrences(of: original, with: replacement))
    }
    #expect(error?.location == location)
    #expect(error?.kind == .invalidContent)
  }

  @Test("A file Tapedeck cannot read is never overwritten by recording")
  func unreadableFileIsKept() async throws {
    try await withTemporaryFolder { folder in
      let broken = Data(Self.valid.prefix(120).utf8)
      try broken.write(to: folder.file("broken.json"))
      for mode in [RecordMode.missing, .all, .once, .never] {
        #expect(throws: CassetteFileError.self) { _ = try CassettePlayer.testing("broken", in: folder, record: mode) }
      }
      #expect(try Data(contentsOf: folder.file("broken.json")) == broken)
    }
  }

  @Test("A failed save leaves the previous file intact and says what to do")
  func failedSaveKeepsOldFile() async throws {
    try await withTemporaryFolder { folder in
      let cassette = try decode(Self.valid)
      let target = folder.file("kept.json")
      try CassetteFile.save(cassette, to: target)
      let before = try Data(contentsOf: target)
      // A folder where the temporary file should go cannot be created: a file is in the way.
      try Data("in the way".utf8).write(to: folder.file("blocked"))
      let blocked = folder.file("blocked/inner.json")
      let error = #expect(throws: CassetteFileError.self) { try CassetteFile.save(cassette, to: blocked) }
      #expect(error?.kind == .writeFailed)
      #expect(error?.description.contains("The previous file is untouched") == true)
      // The target itself is a folder: the rename fails and the temporary file is cleaned up.
      let folderTarget = folder.file("a-folder.json")
      try FileManager.default.createDirectory(
        at: folderTarget.appendingPathComponent("x"), withIntermediateDirectories: true)
      #expect(throws: CassetteFileError.self) { try CassetteFile.save(cassette, to: folderTarget) }
      let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter {
        $0.hasSuffix(".tmp")
      }
      #expect(leftovers.isEmpty)
      #expect(try Data(contentsOf: target) == before)
    }
  }

  @Test("Timestamps round-trip in whole UTC seconds")
  func timestamps() {
    let date = Date(timeIntervalSince1970: 1_795_341_600.75)
    #expect(Timestamp.format(date) == "2026-11-22T10:00:00Z")
    #expect(Timestamp.parse("2026-11-22T10:00:00Z") == Date(timeIntervalSince1970: 1_795_341_600))
    #expect(Timestamp.parse("0001-01-01T00:00:00Z").map(Timestamp.format) == "0001-01-01T00:00:00Z")
    #expect(Timestamp.parse("2026-11-22T10:00:00+01:00") == nil)
  }
}
