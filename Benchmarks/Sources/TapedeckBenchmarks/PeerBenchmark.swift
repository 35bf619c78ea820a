import Foundation
import Tapedeck

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The same scenario vcrpy runs (`Peers/vcrpy_bench.py`): N PATCH requests with JSON bodies to
/// distinct device-status URLs on the loopback server, recorded and then replayed by Tapedeck.
struct PeerBenchmark {
  let port: Int
  let folder: URL

  func url(_ index: Int) -> URL {
    URL(
      string:
        "http://127.0.0.1:\(port)/beta/deviceManagement/deviceConfigurations/b1f3c2a4-5d6e-4f70-8a9b-0c1d2e3f4a5b/deviceStatuses/status-\(index)"
    )!
  }

  func run(_ session: URLSession, count: Int) async throws {
    for index in 0..<count {
      var request = URLRequest(url: url(index))
      request.httpMethod = "PATCH"
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
      request.httpBody = Data(#"{"status":"\#(index % 2 == 0 ? "compliant" : "nonCompliant")"}"#.utf8)
      _ = try await session.data(for: request)
    }
  }

  /// Milliseconds to record `count` requests (including the save), and the median of three replays.
  func measure(count: Int) async throws -> (record: Double, replay: Double) {
    let file = folder.appendingPathComponent("peer-\(count).json")
    try? FileManager.default.removeItem(at: file)
    let record = try await measureAsync {
      let player = try CassettePlayer(name: "peer", fileURL: file, mode: .all)
      try await run(player.makeURLSession(), count: count)
      try player.finish()
    }
    var replays: [Double] = []
    for _ in 0..<3 {
      replays.append(
        try await measureAsync {
          let player = try CassettePlayer(name: "peer", fileURL: file, mode: .never)
          try await run(player.makeURLSession(), count: count)
        } * 1000)
    }
    return (record * 1000, median(replays))
  }
}
