import Foundation
import Testing

@testable import Tapedeck

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Two *processes* recording into one cassette at the same moment. Each child (a Swift Testing
/// exit test) starts its own loopback server, records its own requests, then waits at a file
/// barrier until both have recorded, so both opened the cassette before either saves, and both
/// then save at once, contending for the folder lock. (The server cannot live in the parent: it
/// waits for its children on the cooperative pool, which would leave the server no thread.)
@Suite("Two processes recording into the same cassette")
struct ProcessRecordingTests {
  static let rounds = 20
  static let requestsPerProcess = 4

  @Test("With .missing both processes save, and the cassette holds every interaction of both")
  func appendingProcessesLoseNothing() async throws {
    try await withTemporaryFolder { folder in
      for round in 0..<Self.rounds {
        let name = "missing-\(round)"
        try await Self.recordTwice(name, mode: "missing", in: folder)
        #expect(Self.marker("saved-\(name)-a", in: folder) && Self.marker("saved-\(name)-b", in: folder))
        let statuses = try Self.recordedStatuses(name, in: folder)
        let expected = ["seed"] + ["a", "b"].flatMap { id in (0..<Self.requestsPerProcess).map { "\(id)-\($0)" } }
        #expect(statuses.sorted() == expected.sorted(), "round \(round): \(statuses)")
      }
    }
  }

  @Test("With .all one process saves and the other gets ConcurrentRecordingError; the file is the saver's, whole")
  func rewritingProcessesNeverMix() async throws {
    try await withTemporaryFolder { folder in
      for round in 0..<Self.rounds {
        let name = "all-\(round)"
        try await Self.recordTwice(name, mode: "all", in: folder)
        let saved = ["a", "b"].filter { Self.marker("saved-\(name)-\($0)", in: folder) }
        let refused = ["a", "b"].filter { Self.marker("conflict-\(name)-\($0)", in: folder) }
        #expect(saved.count == 1 && refused.count == 1, "round \(round): saved \(saved), refused \(refused)")
        guard let winner = saved.first, let loser = refused.first else { continue }
        let message = try String(contentsOf: folder.file("conflict-\(name)-\(loser)"), encoding: .utf8)
        #expect(message.contains("\(name).json changed while this process was recording it"))
        #expect(message.contains("nothing was overwritten"))
        let statuses = try Self.recordedStatuses(name, in: folder)
        #expect(statuses == (0..<Self.requestsPerProcess).map { "\(winner)-\($0)" }, "round \(round)")
      }
    }
  }

  /// Seeds the cassette, then runs the two recording processes at once.
  static func recordTwice(_ name: String, mode: String, in folder: TemporaryFolder) async throws {
    try await seed(name, in: folder)
    async let first: Void = recordInChild(name, mode: mode, id: "a", folder: folder)
    async let second: Void = recordInChild(name, mode: mode, id: "b", folder: folder)
    _ = await (first, second)
  }

  /// The last URL segment (the status id) of every interaction in the cassette, in file order.
  static func recordedStatuses(_ name: String, in folder: TemporaryFolder) throws -> [String] {
    try CassetteFile.load(from: folder.file("\(name).json")).interactions.map {
      String($0.request.url.split(separator: "/").last!)
    }
  }

  /// A cassette with one interaction, so both children open an existing file.
  static func seed(_ name: String, in folder: TemporaryFolder) async throws {
    try await LoopbackServer.with { server in
      let seed = try CassettePlayer.testing(name, in: folder, record: .once)
      _ = try await HTTP.send(seed.makeURLSession(), "GET", server.statusURL(status: "seed"))
      try seed.finish()
    }
  }

  static func marker(_ name: String, in folder: TemporaryFolder) -> Bool {
    FileManager.default.fileExists(atPath: folder.file(name).path)
  }

  /// Runs one recording process to completion.
  static func recordInChild(_ name: String, mode: String, id: String, folder: TemporaryFolder) async {
    let path = folder.url.path
    let other = id == "a" ? "b" : "a"
    let count = requestsPerProcess
    let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
      [
        name = name as String, mode = mode as String, id = id as String, other = other as String, path = path as String,
        count = count as Int
      ] in
      let server = try await LoopbackServer.start()
      let folder = URL(fileURLWithPath: path)
      let player = try CassettePlayer(
        cassette: name, record: mode == "all" ? .all : .missing,
        redactor: Redactor(rules: Redactor.default.rules, pseudonymizer: Pseudonymizer(key: "FAKE-test-redaction-key")),
        directory: CassetteDirectory(url: folder), environment: [:])
      let session = player.makeURLSession()
      for index in 0..<count {
        _ = try await HTTP.send(session, "GET", server.statusURL(status: "\(id)-\(index)"))
      }
      try Data().write(to: folder.appendingPathComponent("ready-\(name)-\(id)"))
      let deadline = Date().addingTimeInterval(60)
      while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("ready-\(name)-\(other)").path) {
        guard Date() < deadline else { exit(3) }
        usleep(1_000)
      }
      do {
        try player.finish()
        try Data().write(to: folder.appendingPathComponent("saved-\(name)-\(id)"))
      } catch let error as ConcurrentRecordingError {
        try Data(error.description.utf8).write(to: folder.appendingPathComponent("conflict-\(name)-\(id)"))
      }
    }
    if let result, result.exitStatus != .exitCode(0) {
      Issue.record("child \(id) failed: \(String(decoding: result.standardErrorContent, as: UTF8.self).suffix(2000))")
    }
  }
}
