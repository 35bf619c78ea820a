import Foundation
import GraphContracts
import Tapedeck

/// Validates the first docs page's example body against the built-in beta contract, as many
/// times as fit in a time budget: bodies per second (median of rounds).
struct ValidateBenchmark {
  static let body = """
    {"@odata.type":"#microsoft.graph.deviceConfigurationDeviceStatus","id":"674e98e5-98e5-674e-e598-4e67e5984e67",\
    "deviceDisplayName":"Device Display Name value","userName":"User Name value","deviceModel":"Device Model value",\
    "platform":8,"complianceGracePeriodExpirationDateTime":"2016-12-31T23:56:44.951111-08:00","status":"notApplicable",\
    "lastReportedDateTime":"2017-01-01T00:00:17.7769392-08:00","userPrincipalName":"User Principal Name value"}
    """

  func run() throws -> Double {
    let body = try JSONParser.parse(Self.body)
    let validator = ContractValidator(version: .beta)
    precondition(validator.validate(body, as: .deviceConfigurationDeviceStatus).isEmpty, "the example must conform")
    var rates: [Double] = []
    for _ in 0..<5 {
      var count = 0
      let seconds = measure {
        for _ in 0..<50_000 where validator.validate(body, as: .deviceConfigurationDeviceStatus).isEmpty { count += 1 }
      }
      rates.append(Double(count) / seconds)
    }
    return median(rates)
  }
}

/// Loads the real Graph v1.0 $metadata into the model, against `xmllint --noout` on the same
/// file (a process per run), alternating; medians in milliseconds.
struct CSDLBenchmark {
  let file: URL
  let xmllint: String

  func run() throws -> (tapedeck: Double, xmllint: Double) {
    var tapedeck: [Double] = []
    var reference: [Double] = []
    for round in 0...7 {
      let loadSeconds = try measure { _ = try CSDLLoader.load(contentsOf: file) }
      let lintSeconds = try measure {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xmllint)
        process.arguments = ["--noout", file.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileReadCorruptFile) }
      }
      guard round > 0 else { continue }
      tapedeck.append(loadSeconds * 1e3)
      reference.append(lintSeconds * 1e3)
    }
    return (median(tapedeck), median(reference))
  }
}
