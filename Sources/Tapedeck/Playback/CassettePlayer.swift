public import Foundation
import HTTPTypes
public import Logging
import TapedeckSupport

#if canImport(FoundationNetworking)
  public import FoundationNetworking
#endif

/// Plays one cassette: answers requests from its recordings, records what the mode allows,
/// and saves on ``finish()``.
///
/// Matching goes through an index built when the cassette loads, so a replay costs the same
/// whatever the cassette's size. Identical requests recorded several times replay in recorded
/// order, each once (``allowPlaybackRepeats`` reuses the last). Safe under concurrent requests.
///
/// ```swift
/// let player = try CassettePlayer(cassette: "DeviceStatusTests/patchCompliance")
/// let session = player.makeURLSession()
/// let (data, response) = try await session.data(for: request)
/// try player.finish()
/// ```
public final class CassettePlayer: Sendable {
  /// The cassette's name.
  public let name: String
  /// The cassette file.
  public let fileURL: URL
  /// The record mode asked for.
  public let mode: RecordMode
  /// Where the mode came from.
  public let modeOrigin: String
  /// How requests are matched.
  public let matching: RequestMatching
  /// What is scrubbed before writing and before matching.
  public let redactor: Redactor
  /// Whether an exhausted recording may be replayed again.
  public let allowPlaybackRepeats: Bool
  /// Whether this player records (`.once` on a new file, `.missing`, `.all`).
  public let isRecording: Bool
  /// Whether this player may send requests to the network.
  public let reachesNetwork: Bool
  /// Checked before a request is sent to the network to be recorded (default: the write guard).
  public let liveRequestGuard: LiveRequestGuard
  /// How request and answer URLs map to the canonical Graph origins stored in the cassette.
  public let origins: CanonicalOrigins
  /// The largest body this player records or replays; see ``BodySizeLimit``.
  public let bodySizeLimit: BodySizeLimit
  /// What the client receives while recording (default: what replay will give it).
  public let recordingView: RecordingView

  /// The source asked for; `nil`: `sandbox` when every live request went to loopback, else `live`.
  let source: Cassette.Source?
  let logger: Logger
  /// Pseudonyms and secrets this player's redaction replaced, in memory only.
  let ledger = RedactionLedger()
  /// The redactor for incoming requests at replay: leaves foreign pseudonyms alone when the
  /// cassette was made under another key.
  let matchingRedactor: Redactor
  /// The cassette's key fingerprint when it differs from this player's key.
  let foreignKeyFingerprint: String?
  /// The file's bytes when this player opened it (`nil`: no file), to notice another writer.
  let bytesAtOpen: Data?
  let liveSession: URLSession
  let book: Locked<PlaybackBook>
  /// Sessions handed out, invalidated by ``finish()`` (each holds this player through its delegate).
  let sessions = Locked<[URLSession]>([])
  /// The session ``sharedURLSession`` hands out.
  private let shared = Locked<URLSession?>(nil)
  /// Answers that no longer change (see ``SettledAnswers``), so a repeated request skips
  /// redaction and matching.
  let settledAnswers: SettledAnswers

  /// Opens a cassette by name under `directory` (default: ``CassetteDirectory/default(filePath:environment:)``).
  ///
  /// - Throws: ``RecordModeError``, ``CassetteLocationError``, ``CassetteFileError``, or
  ///   ``MissingCassetteError`` when the file does not exist and the mode does not record, or
  ///   ``BodySizeLimitError`` when `bodySizeLimit` is `nil` and `TAPEDECK_MAX_BODY_BYTES` is not a size,
  ///   or ``RecordingViewError`` when `recordingView` is `nil` and `TAPEDECK_RECORDING_VIEW` is not a view.
  @inline(never)  // Swift 6.3.1's optimizer crashes splitting `play`'s coroutine when the inits are inlined into it.
  public convenience init(
    cassette name: String,
    record: RecordMode? = nil,
    matching: RequestMatching = .default,
    redactor: Redactor = .default,
    allowPlaybackRepeats: Bool = false,
    source: Cassette.Source? = nil,
    directory: CassetteDirectory? = nil,
    liveRequestGuard: LiveRequestGuard? = nil,
    origins: CanonicalOrigins? = nil,
    bodySizeLimit: BodySizeLimit? = nil,
    recordingView: RecordingView? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    filePath: StaticString = #filePath
  ) throws {
    let folder = try directory ?? CassetteDirectory.default(filePath: filePath, environment: environment)
    let (mode, origin) = try RecordMode.resolve(record, environment: environment)
    let limit = try bodySizeLimit ?? BodySizeLimit.fromEnvironment(environment)
    let view = try recordingView ?? RecordingView.fromEnvironment(environment)
    try self.init(
      name: name, fileURL: try folder.fileURL(for: name), mode: mode, modeOrigin: origin, matching: matching,
      redactor: redactor, allowPlaybackRepeats: allowPlaybackRepeats, source: source,
      liveRequestGuard: liveRequestGuard ?? WriteGuard.fromEnvironment(environment).liveRequestGuard,
      origins: origins ?? CanonicalOrigins.fromEnvironment(environment),
      bodySizeLimit: limit, recordingView: view
    )
  }

  /// Opens the cassette at an explicit file URL with an explicit mode.
  @inline(never)
  public init(
    name: String, fileURL: URL, mode: RecordMode, modeOrigin: String = "the call's argument",
    matching: RequestMatching = .default, redactor: Redactor = .default, allowPlaybackRepeats: Bool = false,
    source: Cassette.Source? = nil, liveRequestGuard: LiveRequestGuard = WriteGuard.fromEnvironment().liveRequestGuard,
    origins: CanonicalOrigins = .fromEnvironment(), bodySizeLimit: BodySizeLimit = .default,
    recordingView: RecordingView = .asReplayed, logger: Logger = Logger(label: "tapedeck")
  ) throws {
    self.recordingView = recordingView
    self.origins = origins
    self.name = name
    self.bodySizeLimit = bodySizeLimit
    self.liveRequestGuard = liveRequestGuard
    self.fileURL = fileURL
    self.mode = mode
    self.modeOrigin = modeOrigin
    self.matching = matching
    var remembering = redactor
    remembering.pseudonymizer = redactor.pseudonymizer.recording(into: ledger)
    self.redactor = remembering
    self.allowPlaybackRepeats = allowPlaybackRepeats
    self.source = source
    self.logger = logger
    let exists = FileManager.default.fileExists(atPath: fileURL.path)
    let cassette: Cassette?
    if exists && mode != .passthrough {
      cassette = try CassetteFile.load(from: fileURL, bodySizeLimit: bodySizeLimit)
    } else {
      cassette = nil
    }
    bytesAtOpen = exists ? try? Data(contentsOf: fileURL) : nil
    if !exists && mode == .never {
      throw MissingCassetteError(cassettePath: fileURL.path, mode: mode, modeOrigin: modeOrigin)
    }
    isRecording = mode == .missing || mode == .all || (mode == .once && !exists)
    reachesNetwork = mode != .never && !(mode == .once && exists)
    let configuration = URLSessionConfiguration.ephemeral
    configuration.urlCache = nil
    // Redirects of writes are re-checked by the same guard (see LiveRedirectGuard).
    liveSession = URLSession(
      configuration: configuration, delegate: LiveRedirectGuard(liveRequestGuard), delegateQueue: nil)
    let replays = mode == .never || mode == .missing || (mode == .once && exists)
    // Recordings made before origins were canonical (a sandbox port in the URL) match too.
    var loaded = cassette?.interactions ?? []
    for index in loaded.indices where origins.mapping(for: loaded[index].request.url) != nil {
      loaded[index].request.url = origins.canonical(loaded[index].request.url)
    }
    if let recorded = cassette?.redactionKeyFingerprint, recorded != redactor.pseudonymizer.keyFingerprint {
      foreignKeyFingerprint = recorded
      var lenient = remembering
      lenient.pseudonymizer = remembering.pseudonymizer.trustingPseudonymShapes()
      matchingRedactor = lenient
    } else {
      foreignKeyFingerprint = nil
      matchingRedactor = remembering
    }
    settledAnswers = SettledAnswers(recordings: loaded.count)
    book = Locked(
      PlaybackBook(
        interactions: loaded, indexed: replays, matching: matching,
        source: cassette?.source, keyFingerprint: cassette?.redactionKeyFingerprint))
    if isRecording && redactor.usesPseudonyms { redactor.pseudonymizer.warnIfFallbackWhileRecording(logger: logger) }
  }

  deinit { liveSession.finishTasksAndInvalidate() }

  /// A `URLSession` whose requests go through this player. Nothing it sends reaches the
  /// network unless the record mode allows it. ``finish()`` invalidates it.
  public func makeURLSession(configuration: URLSessionConfiguration = .ephemeral) -> URLSession {
    let copy = configuration.copy() as! URLSessionConfiguration
    copy.protocolClasses = [CassetteURLProtocol.self]
    copy.urlCache = nil
    var additional: [String: String] = [:]
    for (name, value) in configuration.httpAdditionalHeaders ?? [:] {
      if let name = name as? String { additional[name] = "\(value)" }
    }
    let delegate = CassetteSessionDelegate(player: self, additionalHeaders: additional)
    let session = URLSession(configuration: copy, delegate: delegate, delegateQueue: nil)
    sessions.withLock { $0.append(session) }
    return session
  }

  /// One `URLSession` on this player, made on first use and shared by every caller (the test
  /// glue's `cassetteSession()`); ``finish()`` invalidates it with the others.
  ///
  /// ```swift
  /// let (data, _) = try await player.sharedURLSession.data(for: request)
  /// ```
  public var sharedURLSession: URLSession {
    if let made = shared.withLock({ $0 }) { return made }
    let made = makeURLSession()
    return shared.withLock { current in
      if let current { return current }
      current = made
      return made
    }
  }

  /// What the player decided for one request.
  enum Decision {
    /// The recorded answer; `settled` when every recording for the request has been played and
    /// repeats are allowed, so the same request gets this same answer from now on.
    case replay(PlaybackAnswer, settled: Bool)
    /// Send `outgoing` (the request with pseudonyms mapped back to real values) to the network.
    case live(record: Bool, outgoing: RecordedRequest)
    case failure(any Error)
  }

  /// Decides how to answer a request: from a recording, from the network, or with an error.
  func decide(_ incoming: RecordedRequest) -> Decision {
    switch mode {
    case .all: return guarded(incoming)
    case .passthrough:
      // Not recorded, but still sent live: the same guard applies.
      if let refusal = liveRequestGuard.refusal(for: incoming) { return .failure(refusal) }
      return .live(record: false, outgoing: incoming)
    case .once where isRecording: return guarded(incoming)
    default: break
    }
    var canonicalRequest = incoming
    let mapping = origins.mapping(for: incoming.url)
    if let mapping { canonicalRequest.url = mapping.canonical + mapping.rest }
    let redacted = matchingRedactor.redact(canonicalRequest)
    let key = matching.key(for: redacted)
    var outcome = book.withLock {
      $0.take(key: key, request: redacted, matching: matching, repeats: allowPlaybackRepeats)
    }
    if outcome == nil {
      // Recordings made under older, narrower rules still match once scrubbed with today's.
      outcome = book.withLock { book in
        guard book.rescrub(with: matchingRedactor, matching: matching) else { return nil }
        return book.take(key: key, request: redacted, matching: matching, repeats: allowPlaybackRepeats)
      }
    }
    if let payload = outcome {
      let settled =
        allowPlaybackRepeats && matching.predicate == nil && mode != .missing && book.withLock { $0.isSettled(key) }
      guard let mapping else { return .replay(payload, settled: settled) }
      return .replay(
        payload.mappingOrigins(from: [origins.graph, origins.authority], to: mapping.actual), settled: settled)
    }
    if mode == .missing { return guarded(incoming) }
    let error = book.withLock { book in
      UnmatchedRequestError.make(
        request: redacted, interactions: book.interactions, playCounts: book.playCounts,
        exhaustedIndices: book.exhausted(for: key), cassettePath: fileURL.path, mode: mode, modeOrigin: modeOrigin,
        matching: matching,
        notes: UnmatchedRequestError.notes(
          request: redacted, recordedKey: foreignKeyFingerprint ?? book.keyFingerprint,
          currentKey: redactor.pseudonymizer.keyFingerprint, keyIsFallback: redactor.pseudonymizer.usesFallbackKey))
    }
    book.withLock { $0.misses.append(error) }
    return .failure(error)
  }

  /// Sends a request to be recorded, unless the live-request guard refuses it: with the real
  /// value in place of each pseudonym this recording handed out (``RecordingView/asReplayed``),
  /// and the guard judging the request that will actually go.
  private func guarded(_ incoming: RecordedRequest) -> Decision {
    var outgoing = incoming
    if recordingView == .asReplayed {
      do throws(PseudonymRestorer.Unmapped) {
        outgoing = try PseudonymRestorer(ledger: ledger, pseudonymizer: redactor.pseudonymizer).restore(incoming)
      } catch {
        return .failure(
          UnmappedPseudonymError(
            method: incoming.method, url: incoming.url, pseudonym: error.pseudonym, place: error.place,
            cassettePath: fileURL.path))
      }
    }
    if let refusal = liveRequestGuard.refusal(for: outgoing) { return .failure(refusal) }
    if mode == .missing, redactor.usesPseudonyms, let recorded = foreignKeyFingerprint {
      return .failure(
        RedactionKeyMismatchError(
          cassettePath: fileURL.path, recordedFingerprint: recorded,
          currentFingerprint: redactor.pseudonymizer.keyFingerprint))
    }
    return .live(record: true, outgoing: outgoing)
  }

  /// Saves what was recorded (if anything) atomically. `.missing` appends to the file; `.once`
  /// and `.all` write just this run's exchanges, keeping the old `recordedAt` of any exchange
  /// that did not change so a re-recording makes no diff. Call once, when the test ends: the
  /// sessions this player made are invalidated (tasks under way still finish).
  ///
  /// Several processes may record into one cassette: the save holds an exclusive lock on the
  /// cassette's folder. `.missing` then appends to whatever the file holds by now, so no
  /// interaction is lost; `.once` and `.all` refuse with ``ConcurrentRecordingError`` when
  /// another process wrote the file since this player opened it, and overwrite nothing.
  public func finish() throws {
    invalidateSessions()
    guard var cassette = try cassetteToSave() else { return }
    try FolderLock.exclusively(fileURL.deletingLastPathComponent()) {
      let current = try? Data(contentsOf: fileURL)
      if current != bytesAtOpen {
        guard mode == .missing, let current else { throw ConcurrentRecordingError(path: fileURL.path) }
        // Another process appended: keep its interactions, then ours.
        let theirs = try CassetteFile.decode(current, path: fileURL.path, bodySizeLimit: bodySizeLimit).interactions
        let ours = book.withLock { $0.recorded }
        cassette.interactions = theirs + ours.filter { new in !theirs.contains { $0 == new } }
      }
      try CassetteFile.save(cassette, to: fileURL)
    }
    book.withLock {
      $0.recorded = []
      if mode == .missing { $0.interactions = cassette.interactions }
    }
  }

  /// Invalidates the sessions this player made (tasks under way still finish).
  func invalidateSessions() {
    let made = sessions.withLock { list -> [URLSession] in
      let copy = list
      list.removeAll()
      return copy
    }
    for session in made { session.finishTasksAndInvalidate() }
  }

  /// The cassette ``finish()`` would write, or `nil` when nothing was recorded: lets a caller
  /// check it (the recorder audits it) before anything reaches disk.
  public func cassetteToSave() throws -> Cassette? {
    guard isRecording else { return nil }
    let (existing, recorded, cassetteSource, loopbackOnly) = book.withLock {
      ($0.interactions, $0.recorded, $0.source, $0.everyLiveRequestWasLoopback)
    }
    guard !recorded.isEmpty else { return nil }
    var interactions: [Interaction]
    if mode == .missing {
      interactions = existing + recorded
    } else {
      var previous = existing
      if mode == .all, previous.isEmpty, FileManager.default.fileExists(atPath: fileURL.path) {
        previous = try CassetteFile.load(from: fileURL).interactions
      }
      interactions = recorded.map { new in previous.first(where: { $0.isSameExchange(as: new) }) ?? new }
    }
    let observed: Cassette.Source = source ?? (loopbackOnly ? .sandbox : .live)
    let written: Cassette.Source = mode == .missing ? (cassetteSource ?? observed) : observed
    let stored = book.withLock { $0.keyFingerprint }
    let fingerprint: String? = redactor.usesPseudonyms ? redactor.pseudonymizer.keyFingerprint : stored
    return Cassette(name: name, source: written, interactions: interactions, redactionKeyFingerprint: fingerprint)
  }

  /// Opens a cassette, hands `body` a session on it, and saves when `body` returns or throws.
  ///
  /// ```swift
  /// let status = try await CassettePlayer.play("patchCompliance") { session in try await client(session).patch() }
  /// ```
  public static func play<Result>(
    _ cassette: String, record: RecordMode? = nil, matching: RequestMatching = .default,
    redactor: Redactor = .default, allowPlaybackRepeats: Bool = false, directory: CassetteDirectory? = nil,
    filePath: StaticString = #filePath, _ body: (URLSession) async throws -> Result
  ) async throws -> Result {
    let player = try CassettePlayer(
      cassette: cassette, record: record, matching: matching, redactor: redactor,
      allowPlaybackRepeats: allowPlaybackRepeats, directory: directory, filePath: filePath)
    let session = player.makeURLSession()
    do {
      let result = try await body(session)
      try player.finish()
      return result
    } catch {
      // Save what was recorded either way; the body's error wins over a failed save.
      try? player.finish()
      throw error
    }
  }
}

/// Links the sessions a player makes back to it (URLProtocol instances find it through their task).
final class CassetteSessionDelegate: NSObject, URLSessionTaskDelegate, Sendable {
  let player: CassettePlayer
  /// The configuration's `httpAdditionalHeaders`: a custom `URLProtocol` never sees them on
  /// Linux, so the protocol merges them into each request itself.
  let additionalHeaders: [String: String]

  init(player: CassettePlayer, additionalHeaders: [String: String]) {
    self.player = player
    self.additionalHeaders = additionalHeaders
  }
}
