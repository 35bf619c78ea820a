import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Folder walks stay inside the cassettes folder, unreadable places are reported with exit 2,
/// `format` never changes content, and nothing from a cassette reaches the terminal raw.
@Suite("CLI files and messages", .serialized)
struct CLIFilesTests {
  static func folder() throws -> URL {
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
      "tapedeck-files-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    chmod(folder.path, 0o755)
    return folder
  }

  /// Runs the binary as `nobody` when this process is root (root ignores permissions).
  static func runUnprivileged(_ arguments: [String]) throws -> CommandRunner.Outcome {
    guard geteuid() == 0 else { return try CommandRunner.run(arguments) }
    return try CommandRunner.launch(
      "/usr/bin/setpriv",
      ["--reuid=65534", "--regid=65534", "--clear-groups", CommandRunner.binary.path] + arguments,
      in: URL(fileURLWithPath: "/")
    ).wait()
  }

  @Test("format refuses a symbolic link to a file outside the folder and leaves both as they are")
  func formatRefusesOutsideLink() throws {
    let root = try Self.folder()
    let cassettes = root.appendingPathComponent("cassettes")
    let outside = root.appendingPathComponent("outside.json")
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(at: cassettes, withIntermediateDirectories: true)
    let compact = SaveSafetyTests.compactCassette(count: 1)
    try compact.write(to: outside)
    try compact.write(to: cassettes.appendingPathComponent("inside.json"))
    let link = cassettes.appendingPathComponent("evil.json")
    try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: outside.path)
    let outcome = try CommandRunner.run(["format", cassettes.path])
    #expect(outcome.status == 2)
    #expect(
      outcome.errors.contains("\(link.path): a symbolic link to \(outside.path), outside the cassettes folder"),
      "\(outcome.errors)")
    #expect(outcome.output.contains("formatted: \(cassettes.path)/inside.json"))
    #expect(!outcome.output.contains("evil.json"))
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == outside.path)
    #expect(try Data(contentsOf: outside) == compact)
  }

  @Test("verify exits 2 naming an unreadable subfolder and an unreadable cassette")
  func verifyUnreadable() throws {
    let root = try Self.folder()
    defer {
      chmod(root.appendingPathComponent("locked").path, 0o755)
      try? FileManager.default.removeItem(at: root)
    }
    let compact = SaveSafetyTests.compactCassette(count: 1)
    try compact.write(to: root.appendingPathComponent("good.json"))
    let unreadable = root.appendingPathComponent("secret.json")
    try compact.write(to: unreadable)
    chmod(unreadable.path, 0o000)
    let locked = root.appendingPathComponent("locked")
    try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
    try compact.write(to: locked.appendingPathComponent("hidden.json"))
    chmod(locked.path, 0o000)
    let outcome = try Self.runUnprivileged(["verify", root.path])
    #expect(outcome.status == 2, "\(outcome.output)\n\(outcome.errors)")
    #expect(
      outcome.errors.contains("\(locked.path): the folder cannot be read (Permission denied)"), "\(outcome.errors)")
    #expect(outcome.errors.contains("secret.json cannot be read; it was not verified."))
    #expect(!outcome.errors.contains("Error Domain="))
  }

  @Test("format prints no `formatted:` line for a save that failed")
  func noFormattedAfterFailedSave() throws {
    let root = try Self.folder()
    defer {
      chmod(root.path, 0o755)
      try? FileManager.default.removeItem(at: root)
    }
    let file = root.appendingPathComponent("readonly.json")
    try SaveSafetyTests.compactCassette(count: 1).write(to: file)
    chmod(file.path, 0o644)
    chmod(root.path, 0o555)
    let outcome = try Self.runUnprivileged(["format", file.path])
    #expect(outcome.status == 2)
    #expect(!outcome.output.contains("formatted:"), "\(outcome.output)")
  }

  @Test("format refuses a header value with CR, LF or NUL and leaves the file untouched")
  func formatRefusesControlCharactersInHeaders() throws {
    let root = try Self.folder()
    defer { try? FileManager.default.removeItem(at: root) }
    let compact = String(decoding: SaveSafetyTests.compactCassette(count: 1), as: UTF8.self)
    // The first request's headers get a value with CR LF (JSON escapes, as a hand edit would).
    let empty = compact.range(of: #""headers": {}"#)
    let marker = try #require(empty ?? compact.range(of: #""headers": {"#))
    let entry = #""X-Test": ["a\r\nInjected: yes"]"#
    let bytes = Data(
      compact.replacingCharacters(
        in: marker, with: empty != nil ? #""headers": {"# + entry + "}" : #""headers": {"# + entry + ", "
      )
      .utf8)
    #expect(bytes.count > compact.utf8.count)
    let file = root.appendingPathComponent("crlf.json")
    try bytes.write(to: file)
    let outcome = try CommandRunner.run(["format", file.path])
    #expect(outcome.status == 2)
    #expect(
      outcome.errors.contains(#"$.interactions[0].request.headers["X-Test"][0] holds a CR, LF or NUL"#),
      "\(outcome.errors)")
    #expect(!outcome.output.contains("formatted:"))
    #expect(try Data(contentsOf: file) == bytes)
  }

  @Test("inspect and verify write terminal escape sequences from a cassette as \\u{1B}")
  func escapesControlCharacters() throws {
    let root = try Self.folder()
    defer { try? FileManager.default.removeItem(at: root) }
    let compact = String(decoding: SaveSafetyTests.compactCassette(count: 1), as: UTF8.self)
    let hostile = compact.replacingOccurrences(of: "/s-0", with: #"/s-0\u001b]0;owned\u0007\u001b[2J"#)
    #expect(hostile != compact)
    let file = root.appendingPathComponent("hostile.json")
    try Data(hostile.utf8).write(to: file)
    let inspected = try CommandRunner.run(["inspect", file.path])
    #expect(inspected.status == 0, "\(inspected.errors)")
    #expect(!inspected.output.contains("\u{1B}") && !inspected.output.contains("\u{07}"))
    #expect(inspected.output.contains(#"s-0\u{1B}]0;owned\u{7}\u{1B}[2J"#), "\(inspected.output)")
    let verified = try CommandRunner.run(["verify", root.path])
    #expect(!verified.output.contains("\u{1B}") && !verified.errors.contains("\u{1B}"))
  }

  @Test("A Foundation error is a sentence naming the file, never an NSCocoaErrorDomain dump")
  func foundationErrorsAreSentences() throws {
    let root = try Self.folder()
    defer { try? FileManager.default.removeItem(at: root) }
    let report = root.appendingPathComponent("report.xml")
    try Data(#"<testsuites><testsuite name="S"><testcase name="t" classname="S"/></testsuite></testsuites>"#.utf8)
      .write(to: report)
    // The output's folder would have to be inside a file: creating it fails.
    let output = report.appendingPathComponent("merged.xml")
    let outcome = try CommandRunner.run(["junit", "merge", output.path, report.path])
    #expect(outcome.status == 2)
    #expect(!outcome.errors.contains("Error Domain="), "\(outcome.errors)")
    #expect(outcome.errors.hasPrefix("tapedeck: \(report.path)"), "\(outcome.errors)")
  }
}
