import Foundation
import Tapedeck
import TapedeckSupport

/// The recordings and playbacks in progress, each under its own recording id, so many tests
/// (and many processes) can record and replay through one server at once without seeing each
/// other's cassettes; plus the default cassette for clients that send no recording id.
final class RecordingRegistry: Sendable {
  let configuration: ServerConfiguration
  /// The largest request or answer body (`TAPEDECK_MAX_BODY_BYTES`).
  let bodySizeLimit: BodySizeLimit
  /// The session answering requests that carry no `x-recording-id`.
  let defaultSession: RecordingSession?
  private let sessions = Locked<[String: RecordingSession]>([:])

  /// Reads the environment's limits and opens the default cassette.
  init(configuration: ServerConfiguration) throws {
    self.configuration = configuration
    bodySizeLimit = try BodySizeLimit.fromEnvironment(configuration.environment)
    if let name = configuration.defaultCassette {
      let (mode, origin) = try RecordMode.resolve(configuration.defaultMode, environment: configuration.environment)
      let player = try Self.makePlayer(
        name: name, mode: mode, modeOrigin: origin == "the call's argument" ? "--record" : origin,
        configuration: configuration, bodySizeLimit: bodySizeLimit)
      defaultSession = RecordingSession(id: "default", kind: player.isRecording ? .record : .playback, player: player)
    } else {
      defaultSession = nil
    }
  }

  /// How many recordings and playbacks are in progress (the default cassette aside).
  var activeCount: Int { sessions.withLock { $0.count } }

  /// Starts recording (`.all`: every request goes upstream, the file is rewritten on stop) or
  /// playback (`.never`) of the cassette `file` names, under a new recording id.
  func start(_ kind: RecordingSession.Kind, file: String) throws -> RecordingSession {
    let name = Self.cassetteName(file)
    let player = try Self.makePlayer(
      name: name, mode: kind == .record ? .all : .never,
      modeOrigin: kind == .record ? "POST /Record/Start" : "POST /Playback/Start",
      configuration: configuration, bodySizeLimit: bodySizeLimit)
    let session = RecordingSession(id: UUID().uuidString.lowercased(), kind: kind, player: player)
    sessions.withLock { $0[session.id] = session }
    return session
  }

  /// The session under `id`.
  func session(id: String) throws(ServerRequestError) -> RecordingSession {
    guard let session = sessions.withLock({ $0[id] }) else { throw .unknownRecording(id) }
    return session
  }

  /// Ends the session under `id`, which must have been started as `kind`.
  func stop(id: String, as kind: RecordingSession.Kind) throws(ServerRequestError) -> RecordingSession {
    let found = sessions.withLock { sessions -> RecordingSession? in
      guard let session = sessions[id], session.kind == kind else { return nil }
      return sessions.removeValue(forKey: id)
    }
    if let found { return found }
    let other = sessions.withLock { $0[id] }
    guard let other else { throw .unknownRecording(id) }
    throw .badRequest(
      "Recording id \(id) is a \(other.kind.rawValue) session; stop it with POST /\(other.kind == .record ? "Record" : "Playback")/Stop."
    )
  }

  /// Forgets every session in progress without saving (the server is stopping): the test
  /// proxy saves a recording only on `/Record/Stop`. Returns their ids.
  func abandonAll() -> [String] {
    sessions.withLock { sessions in
      let ids = sessions.keys.sorted()
      sessions.removeAll()
      return ids
    }
  }

  /// The cassette name for an `x-recording-file` value: Windows separators as `/`, no `.json`.
  static func cassetteName(_ file: String) -> String {
    let name = file.replacingOccurrences(of: "\\", with: "/")
    return name.hasSuffix(".json") ? String(name.dropLast(5)) : name
  }

  /// A player for one cassette under the configured folder, with the Graph preset, the write
  /// guard, the canonical origins and the body limit; `file` names that leave the folder are
  /// refused by ``CassetteDirectory/fileURL(for:)``.
  static func makePlayer(
    name: String, mode: RecordMode, modeOrigin: String, configuration: ServerConfiguration,
    bodySizeLimit: BodySizeLimit
  ) throws -> CassettePlayer {
    let environment = configuration.environment
    return try CassettePlayer(
      name: name, fileURL: try configuration.cassettes.fileURL(for: name), mode: mode, modeOrigin: modeOrigin,
      redactor: configuration.redactor, allowPlaybackRepeats: configuration.allowPlaybackRepeats,
      liveRequestGuard: WriteGuard.fromEnvironment(environment).liveRequestGuard,
      origins: configuration.origins, bodySizeLimit: bodySizeLimit)
  }
}
