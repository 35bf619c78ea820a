import Foundation
import HTTPTypes
import Testing

@testable import Tapedeck

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

@Suite("Record and replay over URLSession against a loopback server")
struct RecordReplayTests {
  @Test("A recorded PATCH replays offline, and re-recording gives byte-identical files")
  func recordThenReplay() async throws {
    try await withTemporaryFolder { folder in
      try await LoopbackServer.with { server in
        let url = server.statusURL()
        let recorder = try CassettePlayer.testing("patch", in: folder, record: .once)
        let recorded = try await HTTP.send(recorder.makeURLSession(), "PATCH", url, json: #"{"status":"compliant"}"#)
        try recorder.finish()
        #expect(recorded.status == 200)
        #expect(server.received.count == 1)
        let firstBytes = try Data(contentsOf: folder.file("patch.json"))

        let replayer = try CassettePlayer.testing("patch", in: folder, record: .never)
        let replayed = try await HTTP.send(
          replayer.makeURLSession(), "PATCH", url, json: #"{ "status" : "compliant" }"#)
        #expect(replayed.status == 200)
        #expect(try HTTP.json(replayed.body) == HTTP.json(recorded.body))
        #expect(
          replayed.response.value(forHTTPHeaderField: "Content-Type") == "application/json;odata.metadata=minimal")
        #expect(server.received.count == 1, "replay must not reach the server")

        let rerecorder = try CassettePlayer.testing("patch", in: folder, record: .all)
        _ = try await HTTP.send(rerecorder.makeURLSession(), "PATCH", url, json: #"{"status":"compliant"}"#)
        try rerecorder.finish()
        #expect(server.received.count == 2)
        #expect(try Data(contentsOf: folder.file("patch.json")) == firstBytes)
      }
    }
  }

  @Test("play(_:) records on the first run and replays on the next, saving when the closure ends")
  func scopedPlay() async throws {
    try await withTemporaryFolder { folder in
      try await LoopbackServer.with { server in
        let first = try await CassettePlayer.play("scoped", record: .once, directory: folder.cassettes) { session in
          try await HTTP.send(session, "PATCH", server.statusURL(), json: #"{"status":"error"}"#).body
        }
        let second = try await CassettePlayer.play("scoped", record: .never, directory: folder.cassettes) { session in
          try await HTTP.send(session, "PATCH", server.statusURL(), json: #"{"status":"error"}"#).body
        }
        #expect(first == second)
        #expect(server.received.count == 1)
      }
    }
  }

  @Test(".never with the server listening lets no request reach it")
  func neverReachesNetwork() async throws {
    try await withTemporaryFolder { folder in
      try await LoopbackServer.with { server in
        let recorder = try CassettePlayer.testing("never", in: folder, record: .once)
        _ = try await HTTP.send(recorder.makeURLSession(), "GET", server.statusURL())
        try recorder.finish()
        let before = server.received.count

        let player = try CassettePlayer.testing("never", in: folder, record: .never)
        let session = player.makeURLSession()
        await #expect(throws: UnmatchedRequestError.self) {
          _ = try await HTTP.send(session, "PATCH", server.statusURL(status: "other"), json: #"{"status":"error"}"#)
        }
        _ = try await HTTP.send(session, "GET", server.statusURL())
        #expect(server.received.count == before)
        #expect(player.unmatchedRequests.count == 1)
      }
    }
  }

  @Test(".never on a missing cassette fails before any request, with advice to record")
  func neverWithoutCassette() async throws {
    try await withTemporaryFolder { folder in
      let error = #expect(throws: MissingCassetteError.self) {
        _ = try CassettePlayer.testing("absent", in: folder, record: .never)
      }
      #expect(error?.description.contains("TAPEDECK_RECORD=once") == true)
      #expect(error?.description.contains("absent.json") == true)
    }
  }

  @Test(".once records a missing file, then replays it without the network")
  func onceRecordsThenReplays() async throws {
    try await withTemporaryFolder { folder in
      try await LoopbackServer.with { server in
        let first = try CassettePlayer.testing("once", in: folder, record: .once)
        #expect(first.isRecording)
        _ = try await HTTP.send(first.makeURLSession(), "GET", server.statusURL())
        try first.finish()
        #expect(FileManager.default.fileExists(atPath: folder.file("once.json").path))

        let second = try CassettePlayer.testing("once", in: folder, record: .once)
        #expect(!second.isRecording && !second.reachesNetwork)
        _ = try await HTTP.send(second.makeURLSession(), "GET", server.statusURL())
        await #expect(throws: UnmatchedRequestError.self) {
          _ = try await HTTP.send(second.makeURLSession(), "GET", server.statusURL(status: "new"))
        }
        #expect(server.received.count == 1)
      }
    }
  }

  @Test(".missing replays what matches and appends only the new interaction")
  func missingAppendsOnlyNew() async throws {
    try await withTemporaryFolder { folder in
      try await LoopbackServer.with { server in
        let first = try CassettePlayer.testing("missing", in: folder, record: .once)
        _ = try await HTTP.send(first.makeURLSession(), "PATCH", server.statusURL(), json: #"{"status":"compliant"}"#)
        try first.finish()

        let second = try CassettePlayer.testing("missing", in: folder, record: .missing)
        let session = second.makeURLSession()
        _ = try await HTTP.send(session, "PATCH", server.statusURL(), json: #"{"status":"compliant"}"#)
        _ = try await HTTP.send(session, "PATCH", server.statusURL(status: "st-2"), json: #"{"status":"error"}"#)
        try second.finish()
        #expect(server.received.count == 2, "only the new request reaches the server")
        let cassette = try CassetteFile.load(from: folder.file("missing.json"))
        #expect(cassette.interactions.count == 2)
        #expect(cassette.interactions[1].request.url.hasSuffix("/st-2"))
        #expect(cassette.interactions[1].request.body == .json(["status": "error"]))
      }
    }
  }

  @Test(".all re-records everything; .passthrough records nothing")
  func allAndPassthrough() async throws {
    try await withTemporaryFolder { folder in
      try await LoopbackServer.with { server in
        let first = try CassettePlayer.testing("all", in: folder, record: .all)
        _ = try await HTTP.send(first.makeURLSession(), "PATCH", server.statusURL(), json: #"{"status":"compliant"}"#)
        _ = try await HTTP.send(
          first.makeURLSession(), "PATCH", server.statusURL(status: "st-2"), json: #"{"status":"error"}"#)
        try first.finish()
        let second = try CassettePlayer.testing("all", in: folder, record: .all)
        _ = try await HTTP.send(
          second.makeURLSession(), "PATCH", server.statusURL(status: "st-3"), json: #"{"status":"conflict"}"#)
        try second.finish()
        let cassette = try CassetteFile.load(from: folder.file("all.json"))
        #expect(cassette.interactions.map { $0.request.url.split(separator: "/").last! } == ["st-3"])

        let passthrough = try CassettePlayer.testing("pass", in: folder, record: .passthrough)
        let answer = try await HTTP.send(passthrough.makeURLSession(), "GET", server.statusURL(status: "st-3"))
        try passthrough.finish()
        #expect(answer.body.contains("conflict"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("pass.json").path))
        #expect(server.received.count == 4)
      }
    }
  }

  @Test("GET → PATCH → GET replays the two different GET answers in recorded order")
  func orderedRepeats() async throws {
    try await withTemporaryFolder { folder in
      try await LoopbackServer.with { server in
        let url = server.statusURL()
        let recorder = try CassettePlayer.testing("ordered", in: folder, record: .once)
        let session = recorder.makeURLSession()
        let before = try await HTTP.send(session, "GET", url)
        _ = try await HTTP.send(session, "PATCH", url, json: #"{"status":"nonCompliant"}"#)
        let after = try await HTTP.send(session, "GET", url)
        try recorder.finish()
        #expect(before.body != after.body)

        let player = try CassettePlayer.testing("ordered", in: folder, record: .never)
        let replay = player.makeURLSession()
        #expect(try await HTTP.send(replay, "GET", url).body.contains(#""status":"unknown""#))
        _ = try await HTTP.send(replay, "PATCH", url, json: #"{"status":"nonCompliant"}"#)
        #expect(try await HTTP.send(replay, "GET", url).body.contains(#""status":"nonCompliant""#))
        let third = await #expect(throws: UnmatchedRequestError.self) { _ = try await HTTP.send(replay, "GET", url) }
        #expect(third?.description.contains("already replayed once") == true)
        #expect(third?.description.contains("allowPlaybackRepeats") == true)

        let repeating = try CassettePlayer.testing("ordered", in: folder, record: .never, allowPlaybackRepeats: true)
        let again = repeating.makeURLSession()
        _ = try await HTTP.send(again, "GET", url)
        _ = try await HTTP.send(again, "GET", url)
        #expect(try await HTTP.send(again, "GET", url).body.contains(#""status":"nonCompliant""#))
        #expect(server.received.count == 3)
      }
    }
  }

  @Test("Bodies given as httpBodyStream are captured; an upload task's body, which Foundation hides, is refused")
  func streamedBodies() async throws {
    try await withTemporaryFolder { folder in
      try await LoopbackServer.with { server in
        let recorder = try CassettePlayer.testing("stream", in: folder, record: .once)
        let session = recorder.makeURLSession()
        var request = URLRequest(url: server.statusURL())
        request.httpMethod = "PATCH"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBodyStream = InputStream(data: Data(#"{"status":"remediated"}"#.utf8))
        let (data, _) = try await session.data(for: request)
        #expect(String(decoding: data, as: UTF8.self).contains("remediated"))
        var upload = URLRequest(url: URL(string: "\(server.baseURL)/echo")!)
        upload.httpMethod = "POST"
        upload.setValue("text/plain", forHTTPHeaderField: "Content-Type")
        let refused = await #expect(throws: UploadBodyUnreadableError.self) {
          _ = try await session.upload(for: upload, from: Data("uploaded text".utf8))
        }
        #expect(
          refused?.description
            == "Tapedeck cannot read the body of an upload task (\(server.baseURL)/echo): Foundation hands a URLProtocol "
            + "no upload body. Set request.httpBody and call session.data(for:) instead of upload(for:from:) or "
            + "upload(for:fromFile:).")
        try recorder.finish()
        let cassette = try CassetteFile.load(from: folder.file("stream.json"))
        #expect(cassette.interactions.count == 1)
        #expect(cassette.interactions[0].request.body == .json(["status": "remediated"]))
        #expect(server.received.count == 1)
      }
    }
  }

  @Test("gzip response bodies are stored decoded, without Content-Encoding")
  func gzipStoredDecoded() async throws {
    try await withTemporaryFolder { folder in
      try await LoopbackServer.with { server in
        let recorder = try CassettePlayer.testing("gzip", in: folder, record: .once)
        let answer = try await HTTP.send(recorder.makeURLSession(), "GET", URL(string: "\(server.baseURL)/gzip")!)
        try recorder.finish()
        #expect(try HTTP.json(answer.body) == ["status": "compliant", "compressed": true])
        let response = try CassetteFile.load(from: folder.file("gzip.json")).interactions[0].response
        #expect(response.body == .json(["status": "compliant", "compressed": true]))
        #expect(response.headers[.contentEncoding] == nil)

        let replayed = try await HTTP.send(
          CassettePlayer.testing("gzip", in: folder, record: .never).makeURLSession(), "GET",
          URL(string: "\(server.baseURL)/gzip")!)
        #expect(try HTTP.json(replayed.body) == ["status": "compliant", "compressed": true])
      }
    }
  }

  @Test("Compressed bytes that reach the recorder still compressed are inflated")
  func inflatesCompressedBytes() throws {
    let response = HTTPURLResponse(
      url: URL(string: "https://graph.microsoft.com/beta/x")!, statusCode: 200, httpVersion: "HTTP/1.1",
      headerFields: ["Content-Type": "application/json", "Content-Encoding": "gzip", "Content-Length": "60"])!
    let recorded = try RecordedResponse(
      httpResponse: response, body: LoopbackServer.gzippedBody, bodySizeLimit: .default,
      request: RecordedRequest(method: .get, url: "http://127.0.0.1/gzip"))
    #expect(recorded.body == .json(["status": "compliant", "compressed": true]))
    #expect(recorded.headers[.contentEncoding] == nil && recorded.headers[.contentLength] == nil)
  }

  @Test("Stress: 1,000 requests from 50 concurrent tasks on one cassette, each answered once and right")
  func stress() async throws {
    try await withTemporaryFolder { folder in
      let base = "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/cfg/deviceStatuses"
      var cassette = Cassette(name: "stress", source: .handWritten)
      for index in 0..<1000 {
        cassette.interactions.append(
          Interaction(
            recordedAt: Date(timeIntervalSince1970: 0),
            request: RecordedRequest(method: .get, url: "\(base)/st-\(index % 100)"),
            response: RecordedResponse(status: .ok, body: .json(["n": .number(JSONNumber(index))]))))
      }
      try CassetteFile.save(cassette, to: folder.file("stress.json"))
      let player = try CassettePlayer.testing("stress", in: folder, record: .never)
      let session = player.makeURLSession()
      let answers = try await withThrowingTaskGroup(of: [Int].self) { group in
        for task in 0..<50 {
          group.addTask {
            var seen: [Int] = []
            for request in 0..<20 {
              let url = URL(string: "\(base)/st-\((task * 20 + request) % 100)")!
              let answer = try await HTTP.send(session, "GET", url)
              guard case .number(let number)? = try HTTP.json(answer.body)["n"] else { continue }
              let value = Int(number.literal)!
              seen.append(value % 100 == (task * 20 + request) % 100 ? value : -1)
            }
            return seen
          }
        }
        return try await group.reduce(into: []) { $0 += $1 }
      }
      // Every recording replayed exactly once, each to a request for its own URL.
      #expect(answers.count == 1000)
      #expect(Set(answers) == Set(0..<1000))
      #expect(player.unmatchedRequests.isEmpty)
    }
  }

  @Test("200 concurrent replayed requests each get their own recorded answer")
  func concurrentReplay() async throws {
    try await withTemporaryFolder { folder in
      let base = "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/cfg/deviceStatuses"
      var cassette = Cassette(name: "concurrent", source: .handWritten)
      for index in 0..<200 {
        cassette.interactions.append(
          Interaction(
            recordedAt: Date(timeIntervalSince1970: 0),
            request: RecordedRequest(method: .patch, url: "\(base)/st-\(index)", body: .json(["status": "compliant"])),
            response: RecordedResponse(status: .ok, body: .json(["id": .string("st-\(index)")]))))
      }
      try CassetteFile.save(cassette, to: folder.file("concurrent.json"))
      let player = try CassettePlayer.testing("concurrent", in: folder, record: .never)
      let session = player.makeURLSession()
      let answers = try await withThrowingTaskGroup(of: (Int, String).self) { group in
        for index in 0..<200 {
          group.addTask {
            let answer = try await HTTP.send(
              session, "PATCH", URL(string: "\(base)/st-\(index)")!, json: #"{"status":"compliant"}"#)
            return (index, answer.body)
          }
        }
        return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
      }
      #expect(answers.count == 200)
      for (index, body) in answers { #expect(try HTTP.json(body) == ["id": .string("st-\(index)")]) }
    }
  }
}

@Suite("Two recorders on one cassette lose no interaction, or one gets a clear error")
struct ConcurrentRecordingTests {
  @Test(".missing appends both recorders' interactions; .all refuses the second save")
  func twoRecorders() async throws {
    try await withTemporaryFolder { folder in
      try await LoopbackServer.with { server in
        let seed = try CassettePlayer.testing("shared", in: folder, record: .once)
        _ = try await HTTP.send(seed.makeURLSession(), "GET", server.statusURL(status: "st-0"))
        try seed.finish()

        let first = try CassettePlayer.testing("shared", in: folder, record: .missing)
        let second = try CassettePlayer.testing("shared", in: folder, record: .missing)
        _ = try await HTTP.send(first.makeURLSession(), "GET", server.statusURL(status: "st-1"))
        _ = try await HTTP.send(second.makeURLSession(), "GET", server.statusURL(status: "st-2"))
        try first.finish()
        try second.finish()
        let urls = try CassetteFile.load(from: folder.file("shared.json")).interactions.map {
          $0.request.url.split(separator: "/").last!
        }
        #expect(urls == ["st-0", "st-1", "st-2"])

        let one = try CassettePlayer.testing("shared", in: folder, record: .all)
        let two = try CassettePlayer.testing("shared", in: folder, record: .all)
        _ = try await HTTP.send(one.makeURLSession(), "GET", server.statusURL(status: "st-3"))
        _ = try await HTTP.send(two.makeURLSession(), "GET", server.statusURL(status: "st-4"))
        try one.finish()
        let before = try Data(contentsOf: folder.file("shared.json"))
        let error = #expect(throws: ConcurrentRecordingError.self) { try two.finish() }
        #expect(error?.description.contains("nothing was overwritten") == true)
        #expect(try Data(contentsOf: folder.file("shared.json")) == before)
      }
    }
  }
}
