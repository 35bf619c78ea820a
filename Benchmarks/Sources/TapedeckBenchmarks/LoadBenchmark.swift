import Foundation
import Tapedeck

/// Loading and indexing a 10,000-interaction cassette, against parsing the same file with
/// JSONSerialization (reading the file is in both). Alternating rounds, medians.
struct LoadBenchmark {
  let file: URL
  let rounds = 9

  func run() throws -> (tapedeck: Double, jsonParse: Double) {
    var tapedeck: [Double] = []
    var jsonParse: [Double] = []
    for round in 0...rounds {
      let tapedeckSeconds = try measure {
        _ = try CassettePlayer(name: "bench", fileURL: file, mode: .never)
      }
      let parseSeconds = try measure {
        _ = try JSONSerialization.jsonObject(with: Data(contentsOf: file))
      }
      guard round > 0 else { continue }
      tapedeck.append(tapedeckSeconds * 1e3)
      jsonParse.append(parseSeconds * 1e3)
    }
    return (median(tapedeck), median(jsonParse))
  }
}
