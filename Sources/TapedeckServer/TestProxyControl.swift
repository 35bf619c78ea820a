import Foundation
import HTTPTypes
import Tapedeck

/// The Azure SDK test proxy's control calls, as its test frameworks send them:
/// `POST /Record/Start`, `/Record/Stop`, `/Playback/Start`, `/Playback/Stop`, and
/// `GET /Admin/IsAlive`. Paths compare case-insensitively, as ASP.NET routes them. Calls that
/// would change what is scrubbed or matched (sanitizers, matchers, transforms, recording
/// options) answer 501 with a message: Tapedeck always scrubs with the Graph preset and audits
/// before saving, and it never pretends to apply a sanitizer it does not run.
struct TestProxyControl: Sendable {
  /// A control call.
  enum Route: Equatable, Sendable {
    case recordStart, recordStop, playbackStart, playbackStop, isAlive, reset
    /// A control call this server does not implement (its path).
    case unsupported(String)
  }

  let registry: RecordingRegistry

  static let recordingID = HTTPField.Name("x-recording-id")!
  static let recordingSkip = HTTPField.Name("x-recording-skip")!
  static let fileLocation = HTTPField.Name("x-base64-recording-file-location")!
  static let interactions = HTTPField.Name("x-tapedeck-interactions")!
  static let cassette = HTTPField.Name("x-tapedeck-cassette")!

  /// The control call `path` names, or `nil` for a request to proxy.
  static func route(method: HTTPRequest.Method, path: String) -> Route? {
    // Graph and token paths (every proxied request) leave at once, on the first bytes.
    guard let second = path.utf8.dropFirst().first, Self.controlInitials.contains(second | 0x20) else { return nil }
    var lowered = path.prefix { $0 != "?" }.lowercased()
    if lowered.count > 1, lowered.hasSuffix("/") { lowered.removeLast() }
    switch (method, lowered) {
    case (.post, "/record/start"): return .recordStart
    case (.post, "/record/stop"): return .recordStop
    case (.post, "/playback/start"): return .playbackStart
    case (.post, "/playback/stop"): return .playbackStop
    case (.get, "/admin/isalive"): return .isAlive
    case (.post, "/admin/reset"): return .reset
    default:
      let controls = ["/admin/", "/info/", "/record/", "/playback/"]
      return controls.contains { lowered.hasPrefix($0) } ? .unsupported(String(path.prefix { $0 != "?" })) : nil
    }
  }

  /// The first letters of the control paths (`/admin`, `/info`, `/record`, `/playback`), lower case.
  static let controlInitials: Set<UInt8> = [UInt8(ascii: "a"), UInt8(ascii: "i"), UInt8(ascii: "r"), UInt8(ascii: "p")]

  /// Answers a control call (errors in the test proxy's shape).
  func answer(_ route: Route, headers: HTTPFields, body: Data) -> ServerAnswer {
    do {
      return try perform(route, headers: headers, body: body)
    } catch let error as ServerRequestError {
      return error.testProxyAnswer
    } catch {
      return ServerRequestError.from(error, scrub: registry.configuration.redactor.scrubbing).testProxyAnswer
    }
  }

  private func perform(_ route: Route, headers: HTTPFields, body: Data) throws -> ServerAnswer {
    switch route {
    case .isAlive, .reset:
      return ServerAnswer(status: .ok)
    case .recordStart:
      let session = try registry.start(.record, file: try Self.recordingFile(in: body, call: "/Record/Start"))
      return ServerAnswer(status: .ok, headers: [Self.recordingID: session.id])
    case .playbackStart:
      let session = try registry.start(.playback, file: try Self.recordingFile(in: body, call: "/Playback/Start"))
      var fields: HTTPFields = [Self.recordingID: session.id, .contentType: "application/json"]
      fields[Self.fileLocation] = Data(session.player.fileURL.path.utf8).base64EncodedString()
      // The test proxy answers the variables stored at /Record/Stop; cassettes store none.
      return ServerAnswer(status: .ok, headers: fields, body: Data("{}".utf8))
    case .playbackStop:
      let session = try registry.stop(id: try Self.id(in: headers, call: "/Playback/Stop"), as: .playback)
      try session.player.finish()
      return ServerAnswer(status: .ok)
    case .recordStop:
      return try stopRecording(headers: headers, body: body)
    case .unsupported(let path):
      throw ServerRequestError.notSupported(
        "\(path)",
        "Sanitizers, matchers, transforms and recording options are not applied: every recording is scrubbed with "
          + "the Graph preset and audited before it is saved, and matched by method, URL and body. Remove the call.")
    }
  }

  private func stopRecording(headers: HTTPFields, body: Data) throws -> ServerAnswer {
    let id = try Self.id(in: headers, call: "/Record/Stop")
    let skip = headers[Self.recordingSkip]
    if let skip, skip != "request-response" {
      throw ServerRequestError.badRequest(
        "x-recording-skip on /Record/Stop takes only the value request-response (discard the recording), not \(skip).")
    }
    let variables = try Self.variables(in: body)
    let session = try registry.stop(id: id, as: .record)
    if skip != nil { return ServerAnswer(status: .ok, headers: [Self.interactions: "0"]) }
    let count = try session.save(environment: registry.configuration.environment)
    guard variables.isEmpty else {
      throw ServerRequestError.notSupported(
        "recording variables (\(variables.joined(separator: ", ")))",
        "The recording was saved to \(session.player.fileURL.path) without them: cassettes store no variables, and "
          + "/Playback/Start answers {}. Derive such values from the test's name or a seed instead.")
    }
    let fields: HTTPFields = [Self.interactions: String(count), Self.cassette: session.player.fileURL.path]
    return ServerAnswer(status: .ok, headers: fields)
  }

  /// The `x-recording-file` of a start call's JSON body.
  static func recordingFile(in body: Data, call: String) throws(ServerRequestError) -> String {
    guard !body.isEmpty else {
      throw .notSupported(
        "in-memory recordings (\(call) without a body)",
        "Send a JSON body {\"x-recording-file\": \"Suite/test\"}: every recording is a cassette file under the "
          + "cassettes folder.")
    }
    guard let value = try? JSONParser.parse(body), case .object(let members) = value else {
      throw .badRequest("The body of \(call) must be a JSON object such as {\"x-recording-file\": \"Suite/test\"}.")
    }
    if members["x-recording-assets-file"] != nil {
      throw .notSupported(
        "x-recording-assets-file (assets repositories)",
        "Keep cassettes in the cassettes folder and name them with x-recording-file alone.")
    }
    guard let file = members["x-recording-file"]?.stringValue, !file.isEmpty else {
      throw .badRequest(
        "The body of \(call) must name the cassette: {\"x-recording-file\": \"Suite/test\"} (a path relative to the "
          + "cassettes folder; .json is added when missing).")
    }
    return file
  }

  /// The `x-recording-id` header a stop call must carry.
  static func id(in headers: HTTPFields, call: String) throws(ServerRequestError) -> String {
    guard let id = headers[recordingID], !id.isEmpty else {
      throw .badRequest("\(call) needs the x-recording-id header that the matching start call answered.")
    }
    return id
  }

  /// The names of the variables a `/Record/Stop` body carries (an empty object or no body: none).
  static func variables(in body: Data) throws(ServerRequestError) -> [String] {
    guard !body.isEmpty, !body.allSatisfy({ [0x20, 0x0A, 0x0D, 0x09].contains($0) }) else { return [] }
    guard let value = try? JSONParser.parse(body), case .object(let members) = value else {
      throw .badRequest("The body of /Record/Stop, when there is one, must be a JSON object of variables.")
    }
    return members.keys.sorted()
  }
}
