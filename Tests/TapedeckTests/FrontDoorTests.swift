import Foundation
import HTTPTypes
import Tapedeck
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The front doors over the player's one entry point: URLSession (with what the session's
/// configuration adds) and `exchange(_:body:sendLive:)` record the same exchange the same way.
@Suite("Front doors")
struct FrontDoorTests {
  /// The cassette without its timestamps, for comparing recordings made at different moments.
  static func interactions(_ url: URL) throws -> JSONValue {
    let text = try String(contentsOf: url, encoding: .utf8)
    guard case .object(var root) = try JSONParser.parse(text), case .array(let items)? = root["interactions"] else {
      return .null
    }
    root["interactions"] = .array(
      items.map { item in
        guard case .object(var members) = item else { return item }
        members["recordedAt"] = nil
        return .object(members)
      })
    root["source"] = nil
    return .object(root)
  }

  @Test("httpAdditionalHeaders are matched, recorded (scrubbed) and sent live")
  func additionalHeaders() async throws {
    try await withTemporaryFolder { folder in
      try await LoopbackServer.with { server in
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpAdditionalHeaders = [
          "Authorization": "Bearer FAKE-additional-header-token", "X-Tenant-Hint": "from-configuration",
        ]
        let recorder = try CassettePlayer.testing("additional", in: folder, record: .once)
        let answer = try await HTTP.send(
          recorder.makeURLSession(configuration: configuration), "GET", server.statusURL(),
          headers: ["X-Tenant-Hint": "from-request"])
        #expect(answer.status == 200)
        try recorder.finish()
        let sent = try #require(server.received.first)
        #expect(sent.headers["authorization"] == "Bearer FAKE-additional-header-token")
        #expect(sent.headers["x-tenant-hint"] == "from-request")
        let text = try String(contentsOf: folder.file("additional.json"), encoding: .utf8)
        #expect(!text.contains("FAKE-additional-header-token"))
        let recorded = try CassetteFile.load(from: folder.file("additional.json")).interactions[0].request
        #expect(recorded.headers[.authorization] != nil)

        let player = try CassettePlayer.testing("additional", in: folder, record: .never)
        let replayed = try await HTTP.send(
          player.makeURLSession(configuration: configuration), "GET", server.statusURL(),
          headers: ["X-Tenant-Hint": "from-request"])
        #expect(replayed.body == answer.body)
        #expect(server.received.count == 1)
      }
    }
  }

  @Test("A task's own delegate hides the player: the request fails saying what to do, nothing is sent")
  func perTaskDelegate() async throws {
    final class Watcher: NSObject, URLSessionTaskDelegate, Sendable {}
    try await withTemporaryFolder { folder in
      try await LoopbackServer.with { server in
        let player = try CassettePlayer.testing("hidden", in: folder, record: .once)
        let session = player.makeURLSession()
        let failure: (any Error)? = await withCheckedContinuation { continuation in
          let task = session.dataTask(with: server.statusURL()) { _, _, error in continuation.resume(returning: error) }
          task.delegate = Watcher()
          task.resume()
        }
        let refused = try #require(failure as? HiddenSessionDelegateError)
        #expect(refused.delegateType.hasSuffix("Watcher"))
        #expect(refused.description.contains("without a delegate: argument"))
        #expect(server.received.isEmpty)
      }
    }
  }

  @Test("exchange(_:body:sendLive:) and URLSession record the same interactions and replay them offline")
  func sameCassette() async throws {
    try await withTemporaryFolder { folder in
      try await LoopbackServer.with { server in
        let url = server.statusURL()
        let body = Data(#"{"status":"compliant"}"#.utf8)
        // Through URLSession.
        let viaSession = try CassettePlayer.testing("session", in: folder, record: .once)
        _ = try await HTTP.send(viaSession.makeURLSession(), "PATCH", url, json: #"{"status":"compliant"}"#)
        try viaSession.finish()
        // Through the transport-neutral entry point, with URLSession as the injected transport.
        let viaExchange = try CassettePlayer.testing("exchange", in: folder, record: .once)
        var request = HTTPRequest(method: .patch, url: url)
        request.headerFields[.contentType] = "application/json"
        let live = URLSession(configuration: .ephemeral)
        let (response, answer) = try await viaExchange.exchange(request, body: body) { outgoing, outgoingBody in
          var urlRequest = URLRequest(url: outgoing.url!)
          urlRequest.httpMethod = outgoing.method.rawValue
          for field in outgoing.headerFields {
            urlRequest.addValue(field.value, forHTTPHeaderField: field.name.rawName)
          }
          urlRequest.httpBody = outgoingBody
          let (data, urlResponse) = try await live.data(for: urlRequest)
          let http = urlResponse as! HTTPURLResponse
          var fields = HTTPFields()
          for (name, value) in http.allHeaderFields {
            if let text = name as? String, let field = HTTPField.Name(text) { fields[field] = "\(value)" }
          }
          return (HTTPResponse(status: .init(code: http.statusCode), headerFields: fields), data)
        }
        try viaExchange.finish()
        #expect(response.status == .ok)
        #expect(String(decoding: answer, as: UTF8.self).contains("compliant"))
        let session = try Self.interactions(folder.file("session.json"))
        let exchange = try Self.interactions(folder.file("exchange.json"))
        #expect(session["interactions"]?[0]?["request"]?["body"] == exchange["interactions"]?[0]?["request"]?["body"])
        #expect(session["interactions"]?[0]?["response"]?["body"] == exchange["interactions"]?[0]?["response"]?["body"])
        #expect(session["interactions"]?[0]?["request"]?["url"] == exchange["interactions"]?[0]?["request"]?["url"])

        // Offline: the exchange cassette replays through the neutral path, the transport untouched.
        let replayer = try CassettePlayer.testing("exchange", in: folder, record: .never)
        let (replayed, replayedBody) = try await replayer.exchange(request, body: body) { _, _ in
          Issue.record("the transport was called during replay")
          throw CancellationError()
        }
        #expect(replayed.status == .ok)
        #expect(replayed.headerFields[.contentLength] == String(replayedBody.count))
        #expect(replayedBody == answer)
        #expect(server.received.count == 2)
      }
    }
  }
}

extension JSONValue {
  /// The element at `index` of an array.
  fileprivate subscript(index: Int) -> JSONValue? {
    guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
    return elements[index]
  }
}
