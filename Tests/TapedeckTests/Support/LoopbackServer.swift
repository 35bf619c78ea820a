import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import TapedeckSupport

/// A real HTTP server on 127.0.0.1 (ephemeral port) that behaves enough like Graph's
/// device-status endpoints for record/replay tests, and logs every request it receives.
final class LoopbackServer: Sendable {
  struct Received: Sendable, Hashable {
    let method: String
    let path: String
    let body: String
    let headers: [String: String]
  }

  let port: Int
  private let shared: SharedState
  private let runTask: Task<Void, any Error>

  private init(port: Int, shared: SharedState, runTask: Task<Void, any Error>) {
    self.port = port
    self.shared = shared
    self.runTask = runTask
  }

  var baseURL: String { "http://127.0.0.1:\(port)" }
  var received: [Received] { shared.log.withLock { $0 } }

  func statusURL(configuration: String = "cfg-1", status: String = "st-1", version: String = "beta") -> URL {
    URL(
      string: "\(baseURL)/\(version)/deviceManagement/deviceConfigurations/\(configuration)/deviceStatuses/\(status)")!
  }

  /// Starts a server, runs `body`, and stops the server.
  static func with<Result>(_ body: (LoopbackServer) async throws -> Result) async throws -> Result {
    let server = try await start()
    defer { server.runTask.cancel() }
    return try await body(server)
  }

  static let gzippedBody = Data(
    base64Encoded: "H4sIAAAAAAACA6tWKi5JLCktVrJSSs7PLcjJTMwrUdIBs4tSi4tTU5SsSopKU2sBWOkPcCgAAAA=")!

  static func start() async throws -> LoopbackServer {
    let shared = SharedState()
    let router = Router()
    router.middlewares.add(RequestLogger(log: shared))
    let path: RouterPath = "/:version/deviceManagement/deviceConfigurations/:configuration/deviceStatuses/:status"
    router.get(path) { request, context in
      let key = try context.parameters.require("status")
      let value = shared.statuses.withLock { $0[key] } ?? "unknown"
      let reads = shared.reads.withLock { counter in
        counter += 1
        return counter
      }
      return json(#"{"id":"\#(key)","status":"\#(value)","read":\#(reads)}"#)
    }
    router.patch(path) { request, context in
      let key = try context.parameters.require("status")
      let buffer = try await request.body.collect(upTo: 1 << 20)
      guard let object = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any],
        let status = object["status"] as? String
      else {
        return Response(
          status: .badRequest, headers: [.contentType: "application/json"],
          body: .init(byteBuffer: ByteBuffer(string: #"{"error":{"code":"BadRequest","message":"bad body"}}"#)))
      }
      shared.statuses.withLock { $0[key] = status }
      return json(#"{"id":"\#(key)","status":"\#(status)"}"#)
    }
    router.post("/echo") { request, _ in
      let buffer = try await request.body.collect(upTo: 1 << 20)
      return Response(
        status: .ok, headers: [.contentType: request.headers[.contentType] ?? "application/octet-stream"],
        body: .init(byteBuffer: buffer))
    }
    router.get("/gzip") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "application/json", .contentEncoding: "gzip"],
        body: .init(byteBuffer: ByteBuffer(bytes: gzippedBody)))
    }
    router.post("/tenant-id-0000/oauth2/v2.0/token") { _, _ in
      json(#"{"token_type":"Bearer","expires_in":3599,"access_token":"\#(FakeTokens.jwt)"}"#)
    }
    // 307 to the path in `?to=` (any method), as a service moving a resource answers.
    router.on("/redirect", method: .patch) { request, _ in
      Response(status: .temporaryRedirect, headers: [.location: request.uri.queryParameters.get("to") ?? "/"])
    }
    router.patch("/landing/:name") { request, context in
      json(#"{"landed":"\#(try context.parameters.require("name"))"}"#)
    }
    router.get("/cookie") { _, _ in
      Response(
        status: .ok, headers: [.setCookie: "session=FAKE-session-cookie", .contentType: "text/plain"],
        body: .init(byteBuffer: ByteBuffer(string: "ok")))
    }
    let ports = AsyncStream<Int>.makeStream()
    var logger = Logger(label: "loopback-server")
    logger.logLevel = .critical
    let app = Application(
      router: router,
      configuration: .init(address: .hostname("127.0.0.1", port: 0)),
      onServerRunning: { channel in
        ports.continuation.yield(channel.localAddress?.port ?? 0)
        ports.continuation.finish()
      },
      logger: logger)
    let runTask = Task { try await app.runService(gracefulShutdownSignals: []) }
    var iterator = ports.stream.makeAsyncIterator()
    guard let port = await iterator.next(), port > 0 else { throw CancellationError() }
    return LoopbackServer(port: port, shared: shared, runTask: runTask)
  }

  private static func json(_ text: String) -> Response {
    Response(
      status: .ok, headers: [.contentType: "application/json;odata.metadata=minimal"],
      body: .init(byteBuffer: ByteBuffer(string: text)))
  }
}

/// State the route closures share (they must be `Sendable`).
private final class SharedState: Sendable {
  let statuses = Locked<[String: String]>([:])
  let reads = Locked(0)
  let log = Locked<[LoopbackServer.Received]>([])
}

/// Logs every request into the server's list.
private struct RequestLogger<Context: RequestContext>: RouterMiddleware {
  let log: SharedState

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    var request = request
    let buffer = try await request.collectBody(upTo: 1 << 20)
    var headers: [String: String] = [:]
    for field in request.headers { headers[field.name.canonicalName] = field.value }
    let entry = LoopbackServer.Received(
      method: request.method.rawValue, path: request.uri.path, body: String(buffer: buffer), headers: headers)
    log.log.withLock { $0.append(entry) }
    return try await next(request, context)
  }
}

/// Obviously fake credentials for redaction tests.
enum FakeTokens {
  /// A FAKE JWT-shaped value whose payload says it is fake: {"sub":"FAKE-test-token"}.
  static let jwt = ["eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0", "eyJzdWIiOiJGQUtFLXRlc3QtdG9rZW4ifQ", "RkFLRS1zaWduYXR1cmU"]
    .joined(separator: ".")
  static let clientSecret = "FAKE-client-secret-for-tests"
}
