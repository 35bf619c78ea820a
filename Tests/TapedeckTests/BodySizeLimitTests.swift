import Foundation
import HTTPTypes
import Testing

@testable import Tapedeck

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

@Suite("Bodies above the size limit are refused with a clear error, and nothing is written")
struct BodySizeLimitTests {
  @Test("TAPEDECK_MAX_BODY_BYTES takes bytes or KiB/MiB/GiB; the default is 64 MiB")
  func environment() throws {
    #expect(try BodySizeLimit.fromEnvironment([:]).bytes == 64 << 20)
    #expect(try BodySizeLimit.fromEnvironment(["TAPEDECK_MAX_BODY_BYTES": "1024"]).bytes == 1024)
    #expect(try BodySizeLimit.fromEnvironment(["TAPEDECK_MAX_BODY_BYTES": "256MiB"]).bytes == 256 << 20)
    #expect(try BodySizeLimit.fromEnvironment(["TAPEDECK_MAX_BODY_BYTES": "2 GiB"]).bytes == 2 << 30)
    #expect(BodySizeLimit.default.description == "64 MiB")
    for bad in ["lots", "-5", "0", "12TB", "99999999999999999999GiB"] {
      let error = #expect(throws: BodySizeLimitError.self) {
        try BodySizeLimit.fromEnvironment(["TAPEDECK_MAX_BODY_BYTES": bad])
      }
      #expect(error?.description.contains("TAPEDECK_MAX_BODY_BYTES=\"\(bad)\" is not a size") == true)
    }
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    #expect(throws: BodySizeLimitError.self) {
      _ = try CassettePlayer(
        cassette: "x", record: .once, directory: folder.cassettes, environment: ["TAPEDECK_MAX_BODY_BYTES": "big"])
    }
  }

  @Test("A request body above the limit fails before it is sent, naming the request and the limit")
  func requestBodyRefused() async throws {
    try await withTemporaryFolder { folder in
      try await LoopbackServer.with { server in
        let player = try CassettePlayer.testing(
          "large", in: folder, record: .once, bodySizeLimit: BodySizeLimit(bytes: 1024))
        let large = #"{"status":"\#(String(repeating: "x", count: 2048))"}"#
        let error = await #expect(throws: BodyTooLargeError.self) {
          _ = try await HTTP.send(player.makeURLSession(), "PATCH", server.statusURL(), json: large)
        }
        #expect(error?.description.hasPrefix("PATCH \(server.statusURL().absoluteString) request body: 2 KiB") == true)
        #expect(error?.description.contains("above Tapedeck's body limit of 1 KiB") == true)
        #expect(error?.description.contains("TAPEDECK_MAX_BODY_BYTES") == true)
        #expect(server.received.isEmpty, "nothing above the limit reaches the network")
        try player.finish()
        #expect(!FileManager.default.fileExists(atPath: folder.file("large.json").path))
      }
    }
  }

  @Test("A streamed request body is read no further than the limit")
  func streamedBodyStopsAtLimit() async throws {
    try await withTemporaryFolder { folder in
      try await LoopbackServer.with { server in
        let player = try CassettePlayer.testing(
          "stream", in: folder, record: .once, bodySizeLimit: BodySizeLimit(bytes: 1024))
        var request = URLRequest(url: server.statusURL())
        request.httpMethod = "PATCH"
        request.httpBodyStream = InputStream(data: Data(repeating: 0x20, count: 4 << 20))
        let error = await #expect(throws: BodyTooLargeError.self) {
          _ = try await player.makeURLSession().data(for: request)
        }
        #expect(error?.isLowerBound == true)
        #expect(error?.description.contains("request body: more than 1 KiB is above") == true)
        #expect((error?.size ?? .max) < 1024 + 128 * 1024, "reading stops near the limit, not at the stream's end")
      }
    }
  }

  @Test("A live answer above the limit fails the request and is not recorded")
  func responseBodyRefused() async throws {
    try await withTemporaryFolder { folder in
      try await LoopbackServer.with { server in
        let player = try CassettePlayer.testing(
          "answer", in: folder, record: .once, bodySizeLimit: BodySizeLimit(bytes: 8))
        let error = await #expect(throws: BodyTooLargeError.self) {
          _ = try await HTTP.send(player.makeURLSession(), "GET", server.statusURL())
        }
        #expect(error?.description.hasPrefix("response body of GET \(server.statusURL().absoluteString):") == true)
        #expect(player.recordedInteractions.isEmpty)
        try player.finish()
        #expect(!FileManager.default.fileExists(atPath: folder.file("answer.json").path))
      }
    }
  }

  @Test("A cassette holding a body above the limit is refused at load, naming the file and the JSON path")
  func cassetteBodyRefused() async throws {
    try await withTemporaryFolder { folder in
      var cassette = Cassette(name: "big", source: .handWritten)
      cassette.interactions.append(
        Interaction(
          recordedAt: Date(timeIntervalSince1970: 0),
          request: RecordedRequest(method: .get, url: "https://graph.microsoft.com/beta/me"),
          response: RecordedResponse(status: .ok, body: .text(String(repeating: "a", count: 3000)))))
      let file = folder.file("big.json")
      try CassetteFile.save(cassette, to: file)
      let error = #expect(throws: CassetteFileError.self) {
        try CassetteFile.load(from: file, bodySizeLimit: BodySizeLimit(bytes: 2048))
      }
      #expect(error?.location == "$.interactions[0].response.body")
      #expect(error?.description.contains("the body is 2.9 KiB, above Tapedeck's body limit of 2 KiB") == true)
      #expect(error?.path == file.path)
      #expect(try CassetteFile.load(from: file).interactions.count == 1, "the default limit reads it")
    }
  }
}
