import Foundation
import Testing

@testable import Tapedeck

@Suite("Record-mode precedence and where cassettes live")
struct ConfigurationTests {
  @Test("Argument, then scope, then TAPEDECK_RECORD, then CI, then .once")
  func precedence() async throws {
    #expect(try RecordMode.resolve(.all, environment: ["TAPEDECK_RECORD": "never"]).mode == .all)
    #expect(try RecordMode.resolve(nil, environment: ["TAPEDECK_RECORD": "Missing"]).mode == .missing)
    #expect(try RecordMode.resolve(nil, environment: ["CI": "true"]) == (.never, "the default under CI"))
    #expect(try RecordMode.resolve(nil, environment: ["CI": "false"]).mode == .once)
    #expect(try RecordMode.resolve(nil, environment: [:]).mode == .once)
    try await RecordMode.withRecordMode(.passthrough) { () async throws in
      #expect(try RecordMode.resolve(nil, environment: ["TAPEDECK_RECORD": "never"]).mode == .passthrough)
      #expect(try RecordMode.resolve(.never, environment: [:]).mode == .never)
    }
  }

  @Test("An unknown TAPEDECK_RECORD value is an error naming it and the valid modes")
  func unknownMode() {
    let error = #expect(throws: RecordModeError.self) {
      _ = try RecordMode.resolve(nil, environment: ["TAPEDECK_RECORD": "sometimes"])
    }
    #expect(
      error?.description
        == "TAPEDECK_RECORD=sometimes is not a record mode; use one of never, once, missing, all, passthrough (or unset it)."
    )
  }

  @Test("The default folder is TAPEDECK_CASSETTES, else cassettes/ next to Package.swift")
  func defaultFolder() throws {
    let found = try CassetteDirectory.default(environment: [:])
    #expect(
      FileManager.default.fileExists(
        atPath: found.url.deletingLastPathComponent().appendingPathComponent("Package.swift").path))
    #expect(found.url.lastPathComponent == "cassettes")
    let configured = try CassetteDirectory.default(environment: ["TAPEDECK_CASSETTES": "/tmp/somewhere"])
    #expect(configured.url.path == "/tmp/somewhere")
    #expect(throws: CassetteLocationError.self) {
      _ = try CassetteDirectory.default(filePath: "/nowhere/at/all.swift", environment: [:])
    }
  }

  @Test(
    "Names that would leave the folder are refused", arguments: ["../x", "a/../../x", "/etc/passwd", "", "a//b", "./a"])
  func escapingNames(name: String) throws {
    let folder = CassetteDirectory(url: URL(fileURLWithPath: "/tmp/tapedeck-cassettes"))
    let error = #expect(throws: CassetteLocationError.self) { _ = try folder.fileURL(for: name) }
    #expect(error?.description.contains("Refused cassette name") == true)
  }

  @Test("A symbolic link that leads outside the folder is refused; names map to .json files inside")
  func symbolicLinks() async throws {
    try await withTemporaryFolder { folder in
      let outside = try TemporaryFolder()
      defer { outside.remove() }
      try FileManager.default.createSymbolicLink(at: folder.file("escape"), withDestinationURL: outside.url)
      #expect(throws: CassetteLocationError.self) { _ = try folder.cassettes.fileURL(for: "escape/x") }
      #expect(try folder.cassettes.fileURL(for: "Suite/test").path == folder.file("Suite/test.json").path)
      #expect(try folder.cassettes.fileURL(for: "Suite/test.json").path == folder.file("Suite/test.json").path)
    }
  }

  @Test("A player built from TAPEDECK_RECORD reports an unknown mode")
  func playerUnknownMode() async throws {
    try await withTemporaryFolder { folder in
      _ = #expect(throws: RecordModeError.self) {
        _ = try CassettePlayer(
          cassette: "x", directory: folder.cassettes, environment: ["TAPEDECK_RECORD": "sometimes"])
      }
    }
  }
}

@Suite("A cassette name too long for the save is refused when the cassette opens")
struct LongCassetteNameTests {
  @Test("Before any request: a 240-byte file name leaves no room for the temporary file")
  func tooLong() throws {
    let folder = CassetteDirectory(url: FileManager.default.temporaryDirectory)
    let error = #expect(throws: CassetteLocationError.self) {
      _ = try folder.fileURL(for: "Tests/" + String(repeating: "x", count: 240))
    }
    #expect(error?.description.contains("within 255") == true)
    #expect(throws: Never.self) { _ = try folder.fileURL(for: "Tests/" + String(repeating: "x", count: 200)) }
  }
}
