import Foundation
import Tapedeck

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A fresh folder under the system temporary directory, removed by `remove()`.
struct TemporaryFolder {
  let url: URL

  init() throws {
    url = URL(fileURLWithPath: NSTemporaryDirectory())
      .appendingPathComponent("tapedeck-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  var cassettes: CassetteDirectory { CassetteDirectory(url: url) }

  func file(_ name: String) -> URL { url.appendingPathComponent(name) }

  func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Runs `body` with a temporary folder that is removed afterwards.
func withTemporaryFolder<Result>(_ body: (TemporaryFolder) async throws -> Result) async throws -> Result {
  let folder = try TemporaryFolder()
  defer { folder.remove() }
  return try await body(folder)
}

extension CassettePlayer {
  /// A player on a test folder, ignoring the process environment.
  static func testing(
    _ name: String, in folder: TemporaryFolder, record: RecordMode, matching: RequestMatching = .default,
    redactor: Redactor = Redactor.default, allowPlaybackRepeats: Bool = false, bodySizeLimit: BodySizeLimit? = nil
  ) throws -> CassettePlayer {
    try CassettePlayer(
      cassette: name, record: record, matching: matching,
      redactor: Redactor(rules: redactor.rules, pseudonymizer: Pseudonymizer(key: "FAKE-test-redaction-key")),
      allowPlaybackRepeats: allowPlaybackRepeats, directory: folder.cassettes, bodySizeLimit: bodySizeLimit,
      environment: [:])
  }
}

/// Small HTTP helpers over URLSession.
enum HTTP {
  static func send(
    _ session: URLSession, _ method: String, _ url: URL, json: String? = nil, headers: [String: String] = [:]
  ) async throws -> (status: Int, body: String, response: HTTPURLResponse) {
    var request = URLRequest(url: url)
    request.httpMethod = method
    if let json {
      request.httpBody = Data(json.utf8)
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    }
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    let (data, response) = try await session.data(for: request)
    let http = response as! HTTPURLResponse
    return (http.statusCode, String(decoding: data, as: UTF8.self), http)
  }

  static func json(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }
}
