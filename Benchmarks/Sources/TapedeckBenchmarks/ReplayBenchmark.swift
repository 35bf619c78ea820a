import Foundation
import HTTPTypes
import Synchronization
import Tapedeck

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Replays every interaction of an N-interaction cassette through URLSession, against a floor:
/// a bare URLProtocol answering from a dictionary with no cassette logic, in the same process.
/// Rounds alternate between the two so machine noise hits both alike; medians are reported.
struct ReplayBenchmark {
  let count: Int
  let file: URL
  let rounds = 7

  func requests() -> [URLRequest] {
    (0..<count).map { index in
      var request = URLRequest(url: URL(string: Fixture.url(index))!)
      request.httpMethod = "PATCH"
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
      request.httpBody = JSONWriter.compactData(Fixture.requestBody(index))
      return request
    }
  }

  func run() async throws -> (tapedeck: Double, floor: Double) {
    let requests = requests()
    FloorURLProtocol.load(count: count)
    let configuration = URLSessionConfiguration.ephemeral
    configuration.protocolClasses = [FloorURLProtocol.self]
    // Set up like a player's session (a delegate, no delegate queue), so the two differ only
    // in what their URLProtocol does.
    let floorSession = URLSession(configuration: configuration, delegate: FloorDelegate(), delegateQueue: nil)
    var tapedeck: [Double] = []
    var floor: [Double] = []
    for round in 0...rounds {
      let player = try CassettePlayer(name: "bench", fileURL: file, mode: .never)
      let session = player.makeURLSession()
      // Alternate which goes first, so neither always runs on a warmer (or busier) machine.
      let floorFirst = round % 2 == 1
      var floorSeconds = 0.0
      if floorFirst { floorSeconds = try await replay(requests, through: floorSession) }
      let tapedeckSeconds = try await replay(requests, through: session)
      if !floorFirst { floorSeconds = try await replay(requests, through: floorSession) }
      session.finishTasksAndInvalidate()
      guard round > 0 else { continue }  // the first round warms up both
      tapedeck.append(tapedeckSeconds * 1e6 / Double(count))
      floor.append(floorSeconds * 1e6 / Double(count))
    }
    return (median(tapedeck), median(floor))
  }

  func replay(_ requests: [URLRequest], through session: URLSession) async throws -> Double {
    try await measureAsync {
      for request in requests { _ = try await session.data(for: request) }
    }
  }
}

/// A delegate that does nothing, as a player's session has one.
final class FloorDelegate: NSObject, URLSessionTaskDelegate, Sendable {}

/// The floor: answers from a dictionary of prepared responses, with no matching, no body
/// parsing and no redaction: what any URLProtocol-based replay must pay at least.
final class FloorURLProtocol: URLProtocol {
  private static let answers = Mutex<[String: Data]>([:])

  static func load(count: Int) {
    var table: [String: Data] = [:]
    for index in 0..<count { table[Fixture.url(index)] = JSONWriter.compactData(Fixture.responseBody(index)) }
    answers.withLock { $0 = table }
  }

  override class func canInit(with request: URLRequest) -> Bool { true }
  override class func canonicalRequest(for request: URLRequest) -> URLRequest { request }

  override func startLoading() {
    let url = request.url!
    let body = Self.answers.withLock { $0[url.absoluteString] } ?? Data()
    let response = HTTPURLResponse(
      url: url, statusCode: 200, httpVersion: "HTTP/1.1",
      headerFields: ["Content-Type": "application/json;odata.metadata=minimal", "Content-Length": String(body.count)])!
    client?.urlProtocol(self, didReceive: response, cacheStoragePolicy: .notAllowed)
    client?.urlProtocol(self, didLoad: body)
    client?.urlProtocolDidFinishLoading(self)
  }

  override func stopLoading() {}
}
