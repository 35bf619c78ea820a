import Foundation
import JUnitXML
import Tapedeck

/// `tapedeck drift`'s table, JSON document and JUnit report.
enum DriftOutput {
  static func table(_ results: [DriftRun.CassetteResult]) -> String {
    var lines: [String] = []
    for result in results {
      lines.append(TerminalText.escaped(result.displayPath))
      if let problem = result.problem { lines.append("  not checked: \(TerminalText.escaped(problem))") }
      for interaction in result.interactions {
        let head = "  #\(interaction.index) \(interaction.method) \(TerminalText.escaped(interaction.url))"
        if let skipped = interaction.skipped {
          lines.append("\(head)  skipped: \(TerminalText.escaped(skipped))")
        } else if interaction.findings.isEmpty {
          lines.append("\(head)  unchanged")
        } else {
          lines.append(head)
          for finding in interaction.findings {
            let tier = finding.tier.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
            lines.append(
              "    \(tier) \(TerminalText.escaped(finding.path))  \(TerminalText.escaped(finding.message)) [\(finding.rule)]"
            )
          }
        }
      }
    }
    lines.append(summary(results))
    return lines.joined(separator: "\n")
  }

  static func summary(_ results: [DriftRun.CassetteResult]) -> String {
    let skipped = results.reduce(0) { $0 + $1.interactions.filter { $0.skipped != nil }.count }
    let counts = DriftFinding.Tier.allCases.map { tier in
      "\(results.reduce(0) { $0 + $1.count(tier) }) \(tier.rawValue)"
    }
    return "\(counts.joined(separator: ", ")) across \(results.count) cassette\(results.count == 1 ? "" : "s")"
      + " (\(skipped) interaction\(skipped == 1 ? "" : "s") skipped)"
  }

  static func json(_ results: [DriftRun.CassetteResult]) -> JSONValue {
    var totals: [String: JSONValue] = [:]
    for tier in DriftFinding.Tier.allCases {
      totals[tier.rawValue] = .number(JSONNumber(results.reduce(0) { $0 + $1.count(tier) }))
    }
    return [
      "cassettes": .array(
        results.map { result in
          var cassette: [String: JSONValue] = [
            "path": .string(result.displayPath),
            "interactions": .array(
              result.interactions.map { interaction in
                var entry: [String: JSONValue] = [
                  "index": .number(JSONNumber(interaction.index)), "method": .string(interaction.method),
                  "url": .string(interaction.url),
                  "findings": .array(
                    interaction.findings.map { finding in
                      [
                        "tier": .string(finding.tier.rawValue), "path": .string(finding.path),
                        "rule": .string(finding.rule), "message": .string(finding.message),
                      ]
                    }),
                ]
                if let skipped = interaction.skipped { entry["skipped"] = .string(skipped) }
                return .object(entry)
              }),
          ]
          if let problem = result.problem { cassette["problem"] = .string(problem) }
          return .object(cassette)
        }),
      "totals": .object(totals),
    ]
  }

  static func junit(_ results: [DriftRun.CassetteResult]) -> JUnitReport {
    JUnitReport(
      name: "tapedeck drift",
      suites: results.map { result in
        var cases: [TestCase] = []
        if let problem = result.problem {
          cases.append(
            TestCase(
              name: "cassette", classname: result.displayPath,
              outcome: .failed([TestFailure(message: problem, type: "not-checked")])))
        }
        for interaction in result.interactions {
          let name = "#\(interaction.index) \(interaction.method) \(interaction.url)"
          let breaking = interaction.findings.filter { $0.tier == .breaking }
          let diff = interaction.findings.map { "\($0.tier.rawValue) \($0.path): \($0.message) [\($0.rule)]" }
            .joined(separator: "\n")
          let outcome: TestOutcome
          if let skipped = interaction.skipped {
            outcome = .skipped(reason: skipped)
          } else if !breaking.isEmpty {
            outcome = .failed(
              breaking.map { TestFailure(message: "\($0.path): \($0.message)", type: $0.rule, details: diff) })
          } else {
            outcome = .passed
          }
          cases.append(
            TestCase(
              name: name, classname: result.displayPath, outcome: outcome,
              systemOut: diff.isEmpty || !breaking.isEmpty ? nil : diff))
        }
        return TestSuite(name: result.displayPath, cases: cases)
      })
  }
}
