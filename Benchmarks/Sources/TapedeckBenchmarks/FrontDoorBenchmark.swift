import AsyncHTTPClient
import Foundation
import HTTPTypes
import Logging
import NIOCore
import NIOHTTP1
import Tapedeck
import TapedeckAsyncHTTPClient

/// `bench exchange` and `bench asynchttpclient`: the per-request cost of replaying every
/// interaction of an N-interaction cassette (``Fixture``: PATCHes with JSON bodies to distinct
/// device-status URLs) through two front doors, each against a floor that answers from a
/// `[String: (HTTPResponse, Data)]` dictionary keyed by URL, with no matching, redaction or
/// recording:
///
/// - the transport-neutral core, ``CassettePlayer/exchange(_:body:sendLive:)``, against
///   ``DictionaryFloor/exchange(_:body:sendLive:)`` (the same shape: an `HTTPRequest` and its
///   body in, an `HTTPResponse` and its body out, async);
/// - AsyncHTTPClient's front door, ``CassetteHTTPClient/execute(_:timeout:logger:)``, against
///   ``FloorHTTPClient``, which wraps the dictionary the same way (the request's URL and
///   headers made into an `HTTPRequest`, its streamed body collected, the answer made into an
///   `HTTPClientResponse`); both are called through `any HTTPClientExecutor` and the caller
///   collects each answer's body, as user code does.
///
/// In the same process; rounds alternate which goes first, the first round warms both up, and
/// the medians of the per-request times are reported.
struct FrontDoorBenchmark {
  let count: Int
  let file: URL
  let rounds = 7

  struct Figures {
    var exchange: (tapedeck: Double, floor: Double)
    var client: (tapedeck: Double, floor: Double)
  }

  func run() async throws -> Figures {
    let floor = DictionaryFloor(count: count)
    let heads = (0..<count).map { index in
      HTTPRequest(
        method: .patch, url: URL(string: Fixture.url(index))!, headerFields: [.contentType: "application/json"])
    }
    let bodies = (0..<count).map { JSONWriter.compactData(Fixture.requestBody($0)) }
    let clientRequests = (0..<count).map { index in
      var request = HTTPClientRequest(url: Fixture.url(index))
      request.method = .PATCH
      request.headers.add(name: "Content-Type", value: "application/json")
      request.body = .bytes(ByteBuffer(bytes: bodies[index]))
      return request
    }
    let floorClient: any HTTPClientExecutor = FloorHTTPClient(floor: floor)

    var exchange: (tapedeck: [Double], floor: [Double]) = ([], [])
    var client: (tapedeck: [Double], floor: [Double]) = ([], [])
    for round in 0...rounds {
      // A fresh player for each pass: each recording answers once.
      let player = try CassettePlayer(name: "bench", fileURL: file, mode: .never)
      let tapedeckClient: any HTTPClientExecutor = CassetteHTTPClient(
        player: try CassettePlayer(name: "bench", fileURL: file, mode: .never))
      let floorFirst = round % 2 == 1
      var floorSeconds = 0.0
      if floorFirst { floorSeconds = try await Self.exchange(heads, bodies, through: floor.exchange) }
      let tapedeckSeconds = try await Self.exchange(heads, bodies, through: player.exchange)
      if !floorFirst { floorSeconds = try await Self.exchange(heads, bodies, through: floor.exchange) }

      var floorClientSeconds = 0.0
      if floorFirst { floorClientSeconds = try await Self.execute(clientRequests, through: floorClient) }
      let tapedeckClientSeconds = try await Self.execute(clientRequests, through: tapedeckClient)
      if !floorFirst { floorClientSeconds = try await Self.execute(clientRequests, through: floorClient) }
      guard round > 0 else { continue }  // the first round warms up both
      exchange.tapedeck.append(tapedeckSeconds * 1e6 / Double(count))
      exchange.floor.append(floorSeconds * 1e6 / Double(count))
      client.tapedeck.append(tapedeckClientSeconds * 1e6 / Double(count))
      client.floor.append(floorClientSeconds * 1e6 / Double(count))
    }
    return Figures(
      exchange: (median(exchange.tapedeck), median(exchange.floor)),
      client: (median(client.tapedeck), median(client.floor)))
  }

  typealias Exchange = (
    HTTPRequest, Data?, @Sendable (HTTPRequest, Data?) async throws -> (HTTPResponse, Data)
  ) async throws -> (HTTPResponse, Data)

  /// Seconds to answer every request through `exchange`; the answers' bodies are checked non-empty.
  static func exchange(_ heads: [HTTPRequest], _ bodies: [Data], through exchange: Exchange) async throws -> Double {
    try await measureAsync {
      for index in heads.indices {
        let (response, body) = try await exchange(heads[index], bodies[index]) { _, _ in
          throw FrontDoorBenchmarkError.wentLive
        }
        guard response.status == .ok, !body.isEmpty else { throw FrontDoorBenchmarkError.badAnswer(index) }
      }
    }
  }

  /// Seconds to execute every request through `client` and collect each answer's body.
  static func execute(_ requests: [HTTPClientRequest], through client: any HTTPClientExecutor) async throws -> Double {
    try await measureAsync {
      for (index, request) in requests.enumerated() {
        let response = try await client.execute(request, timeout: .seconds(30), logger: nil)
        let body = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .ok, body.readableBytes > 0 else { throw FrontDoorBenchmarkError.badAnswer(index) }
      }
    }
  }
}

enum FrontDoorBenchmarkError: Error {
  case wentLive
  case badAnswer(Int)
}

/// The floor: each URL's answer (status, the recorded headers and a `Content-Length`, the
/// compact JSON body) prepared in a dictionary, behind the neutral core's signature.
final class DictionaryFloor: Sendable {
  let answers: [String: (HTTPResponse, Data)]

  init(count: Int) {
    var answers: [String: (HTTPResponse, Data)] = [:]
    for index in 0..<count {
      let body = JSONWriter.compactData(Fixture.responseBody(index))
      let response = HTTPResponse(
        status: .ok,
        headerFields: [
          .contentType: "application/json;odata.metadata=minimal", .contentLength: String(body.count),
        ])
      answers[Fixture.url(index)] = (response, body)
    }
    self.answers = answers
  }

  /// The answer recorded for `request`'s URL (`scheme://authority/path`, as the player builds it).
  func exchange(
    _ request: HTTPRequest, body: Data?,
    sendLive: @Sendable (HTTPRequest, Data?) async throws -> (HTTPResponse, Data)
  ) async throws -> (HTTPResponse, Data) {
    let url = "\(request.scheme ?? "https")://\(request.authority ?? "")\(request.path ?? "/")"
    guard let answer = answers[url] else { return try await sendLive(request, body) }
    return answer
  }
}

/// The dictionary floor wrapped as ``CassetteHTTPClient`` wraps the player: the same
/// conversions in and out (URL and headers to an `HTTPRequest`, the streamed body collected up
/// to the same limit, the answer's fields to `HTTPHeaders` and its body to a `ByteBuffer`).
struct FloorHTTPClient: HTTPClientExecutor {
  let floor: DictionaryFloor
  let limit = BodySizeLimit.default

  func execute(_ request: HTTPClientRequest, timeout: TimeAmount, logger: Logger?) async throws
    -> HTTPClientResponse
  {
    guard let url = URL(string: request.url), url.scheme != nil, url.host != nil,
      let method = HTTPRequest.Method(request.method.rawValue)
    else { throw FrontDoorBenchmarkError.badAnswer(-1) }
    var fields = HTTPFields()
    for (name, value) in request.headers {
      if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
    }
    let head = HTTPRequest(method: method, url: url, headerFields: fields)
    var body: Data?
    if let requestBody = request.body {
      var data = Data()
      for try await buffer in requestBody {
        data.append(contentsOf: buffer.readableBytesView)
        if limit.isExceeded(by: data.count) { throw FrontDoorBenchmarkError.badAnswer(-1) }
      }
      body = data
    }
    let (response, answer) = try await floor.exchange(head, body: body) { _, _ in
      throw FrontDoorBenchmarkError.wentLive
    }
    var headers = HTTPHeaders()
    for field in response.headerFields { headers.add(name: field.name.rawName, value: field.value) }
    return HTTPClientResponse(
      status: HTTPResponseStatus(statusCode: response.status.code), headers: headers,
      body: .bytes(ByteBuffer(bytes: answer)))
  }
}
