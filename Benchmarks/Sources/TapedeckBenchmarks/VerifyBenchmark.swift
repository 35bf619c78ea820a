import Foundation
import Tapedeck

/// `tapedeck verify` on a generated corpus of 1,000 cassettes of 10 interactions each, against
/// reading and JSON-parsing the same files in this process. Alternating rounds, medians.
struct VerifyBenchmark {
  let folder: URL
  let tapedeck: String

  static let pseudonyms = Pseudonymizer(key: "FAKE-benchmark-key")

  /// A scrubbed status, as a recording with the Graph preset stores it: pseudonyms in the
  /// personal fields and for the device and user GUIDs of its id.
  static func status(_ index: Int) -> JSONValue {
    let device = pseudonyms.pseudonymGUID(for: String(format: "674e98e5-98e5-474e-a598-%012x", index))
    let user = pseudonyms.pseudonymGUID(for: String(format: "0b2c3d4e-5f60-4718-a9ba-%012x", index))
    let id = "\(device)_b1f3c2a4-5d6e-4f70-8a9b-0c1d2e3f4a5b_\(user)"
    return [
      "@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceConfigurationDeviceStatus/$entity",
      "id": .string(id), "deviceDisplayName": .string(pseudonyms.pseudonym(for: "device \(index)", prefix: "device")),
      "userName": .string(pseudonyms.pseudonym(for: "name \(index)", prefix: "name")),
      "deviceModel": nil, "platform": 0, "complianceGracePeriodExpirationDateTime": "0001-01-01T00:00:00Z",
      "status": "compliant", "lastReportedDateTime": "2026-11-22T10:00:00.8113Z",
      "userPrincipalName": .string(pseudonyms.pseudonym(for: "user \(index)", prefix: "user")),
    ]
  }

  func makeCorpus(cassettes: Int, interactions: Int) throws {
    for number in 0..<cassettes {
      var cassette = Cassette(name: "corpus/\(number)", source: .sandbox)
      for index in 0..<interactions {
        let global = number * interactions + index
        let id = Self.status(global)["id"]!.stringValue!
        cassette.interactions.append(
          Interaction(
            recordedAt: Date(timeIntervalSince1970: 1_795_341_600),
            request: RecordedRequest(
              method: .patch,
              url:
                "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/b1f3c2a4-5d6e-4f70-8a9b-0c1d2e3f4a5b/deviceStatuses/\(id)",
              headers: [.contentType: "application/json", .authorization: "REDACTED"],
              body: .json(["status": "compliant"])),
            response: RecordedResponse(
              status: .ok, headers: [.contentType: "application/json;odata.metadata=minimal"],
              body: .json(Self.status(global)))))
      }
      try CassetteFile.save(cassette, to: folder.appendingPathComponent("c\(number).json"))
    }
  }

  func run() throws -> (tapedeck: Double, readParse: Double) {
    let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
    var verify: [Double] = []
    var parse: [Double] = []
    for round in 0...3 {
      let verifySeconds = try measure {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tapedeck)
        process.arguments = ["verify", folder.path, "--format", "json"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileReadCorruptFile) }
      }
      let parseSeconds = try measure {
        for file in files { _ = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) }
      }
      guard round > 0 else { continue }
      verify.append(verifySeconds * 1000)
      parse.append(parseSeconds * 1000)
    }
    return (median(verify), median(parse))
  }
}
