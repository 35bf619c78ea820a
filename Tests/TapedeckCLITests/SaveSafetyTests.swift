import Foundation
import HTTPTypes
import Tapedeck
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Saving is atomic: a process killed mid-save, a write past `ulimit -f`, or a read-only folder
/// leaves the previous file as it was. `tapedeck format` is the writer under test.
@Suite("Failed and interrupted saves keep the previous file", .serialized)
struct SaveSafetyTests {
  /// A valid cassette written compactly (not canonical), so `format` must rewrite it.
  static func compactCassette(count: Int) -> Data {
    var cassette = Cassette(name: "big", source: .handWritten)
    for index in 0..<count {
      cassette.interactions.append(
        Interaction(
          recordedAt: Date(timeIntervalSince1970: 1_795_341_600),
          request: RecordedRequest(
            method: .patch,
            url: "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/c/deviceStatuses/s-\(index)",
            body: .json(["status": "compliant", "index": .number(JSONNumber(index))])),
          response: RecordedResponse(status: .ok, body: .json(["id": .string("s-\(index)"), "status": "compliant"]))))
    }
    let canonical = CassetteFile.encode(cassette)
    let compact = String(decoding: canonical, as: UTF8.self).replacingOccurrences(of: "\n", with: "")
    return Data(compact.utf8)
  }

  static func temporaryFolder() throws -> URL {
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
      "tapedeck-save-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test("SIGKILL at spread moments of a save leaves the old file or the complete new one (50 runs)")
  func killedMidSave() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let old = Self.compactCassette(count: 4000)
    let new = CassetteFile.encode(try CassetteFile.decode(old, path: "old"))
    let file = folder.appendingPathComponent("big.json")
    // One full run tells how long a save takes here; the kills are then spread over it, so
    // some land while reading, some mid-write and some after the rename.
    try old.write(to: file)
    let started = Date()
    _ = try CommandRunner.launch(CommandRunner.binary.path, ["format", file.path], in: folder).wait()
    let fullRun = max(Date().timeIntervalSince(started), 0.01)
    var sawOld = 0
    var sawNew = 0
    let runs = 50
    for run in 0..<runs {
      try old.write(to: file)
      let running = try CommandRunner.launch(CommandRunner.binary.path, ["format", file.path], in: folder)
      let fraction = (Double(run) + Double.random(in: 0..<1)) / Double(runs) * 1.1
      usleep(useconds_t(fullRun * fraction * 1_000_000))
      kill(running.process.processIdentifier, SIGKILL)
      _ = running.wait()
      let now = try Data(contentsOf: file)
      #expect(now == old || now == new, "run \(run): the file is neither the old one nor the complete new one")
      if now == old { sawOld += 1 } else if now == new { sawNew += 1 }
    }
    #expect(sawOld + sawNew == runs)
    print("SIGKILL runs: \(runs), old file left: \(sawOld), complete new file: \(sawNew), torn: 0")
  }

  @Test("A write past `ulimit -f` fails clearly and keeps the old file, with no temporary file left")
  func fileSizeLimit() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // 1 MiB rather than less: ThreadSanitizer's runtime itself dies under a 64 KiB limit.
    let old = Self.compactCassette(count: 3000)
    let file = folder.appendingPathComponent("limited.json")
    try old.write(to: file)
    let running = try CommandRunner.launch(
      "/bin/bash", ["-c", "ulimit -f 1024 && exec \"$0\" format \"$1\"", CommandRunner.binary.path, file.path],
      in: folder
    )
    let outcome = running.wait()
    #expect(outcome.status == 2)
    #expect(outcome.errors.contains("\(file.path): writing failed (File too large)"), "\(outcome.errors)")
    #expect(outcome.errors.contains("The previous file is untouched"))
    #expect(try Data(contentsOf: file) == old)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["limited.json"])
  }

  @Test("A read-only folder fails clearly and keeps the old file")
  func readOnlyFolder() throws {
    let folder = try Self.temporaryFolder()
    defer {
      chmod(folder.path, 0o755)
      try? FileManager.default.removeItem(at: folder)
    }
    let old = Self.compactCassette(count: 10)
    let file = folder.appendingPathComponent("readonly.json")
    try old.write(to: file)
    chmod(file.path, 0o644)
    chmod(folder.path, 0o555)
    // Root ignores permissions: run the writer as `nobody` then.
    let running =
      geteuid() == 0
      ? try CommandRunner.launch(
        "/usr/bin/setpriv",
        ["--reuid=65534", "--regid=65534", "--clear-groups", CommandRunner.binary.path, "format", file.path],
        in: URL(fileURLWithPath: "/"))
      : try CommandRunner.launch(CommandRunner.binary.path, ["format", file.path], in: folder)
    let outcome = running.wait()
    #expect(outcome.status == 2)
    #expect(outcome.errors.contains("cannot create a temporary file (Permission denied)"), "\(outcome.errors)")
    #expect(try Data(contentsOf: file) == old)
  }

  @Test("format --check reports non-canonical files with exit 1; format fixes them")
  func formatCheck() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("sub/compact.json")
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Self.compactCassette(count: 2).write(to: file)
    let checked = try CommandRunner.run(["format", "--check", folder.path])
    #expect(checked.status == 1)
    #expect(checked.output.contains("not formatted: \(file.path)"))
    #expect(try CommandRunner.run(["format", folder.path]).status == 0)
    #expect(try CommandRunner.run(["format", "--check", folder.path]).status == 0)
  }
}
