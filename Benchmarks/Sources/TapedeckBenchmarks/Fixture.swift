import Foundation
import Tapedeck

/// Cassettes of N recorded PATCH interactions to distinct device-status URLs, with realistic
/// JSON bodies.
enum Fixture {
  static let base = "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations"

  static func url(_ index: Int) -> String {
    let configuration = String(format: "b1f3c2a4-5d6e-4f70-8a9b-%012x", index / 50)
    let status = String(format: "674e98e5-98e5-674e-e598-%012x", index)
    return "\(base)/\(configuration)/deviceStatuses/\(status)_\(configuration)_\(status)"
  }

  static func requestBody(_ index: Int) -> JSONValue {
    ["status": index % 2 == 0 ? "compliant" : "nonCompliant", "lastReportedDateTime": "2026-11-22T10:00:00Z"]
  }

  static func responseBody(_ index: Int) -> JSONValue {
    [
      "id": .string(String(format: "674e98e5-98e5-674e-e598-%012x", index)),
      "deviceDisplayName": "device-\(index)",
      "userName": "user-\(index)",
      "deviceModel": nil,
      "platform": 0,
      "complianceGracePeriodExpirationDateTime": "0001-01-01T00:00:00Z",
      "status": index % 2 == 0 ? "compliant" : "nonCompliant",
      "lastReportedDateTime": "2026-11-22T10:00:00.8113Z",
      "userPrincipalName": "user-\(index)@example.invalid",
    ]
  }

  static func cassette(count: Int) -> Cassette {
    var cassette = Cassette(name: "bench-\(count)", source: .handWritten)
    for index in 0..<count {
      cassette.interactions.append(
        Interaction(
          recordedAt: Date(timeIntervalSince1970: 1_795_341_600),
          request: RecordedRequest(
            method: .patch, url: url(index), headers: [.contentType: "application/json"],
            body: .json(requestBody(index))),
          response: RecordedResponse(
            status: .ok, headers: [.contentType: "application/json;odata.metadata=minimal"],
            body: .json(responseBody(index)))))
    }
    return cassette
  }

  static func write(count: Int, in folder: URL) throws -> URL {
    let file = folder.appendingPathComponent("bench-\(count).json")
    try CassetteFile.save(cassette(count: count), to: file)
    return file
  }
}

enum Format {
  static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
}

/// The median of some samples.
func median(_ samples: [Double]) -> Double {
  let sorted = samples.sorted()
  return sorted.count % 2 == 1
    ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// Seconds elapsed while running `body`, on the monotonic clock.
func measure(_ body: () throws -> Void) rethrows -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  try body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func measureAsync(_ body: () async throws -> Void) async rethrows -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  try await body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
