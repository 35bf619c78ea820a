import Foundation
import HTTPTypes
import JUnitXML
import Tapedeck

/// How `verify` reports: a table, JSON, or JUnit XML.
enum VerifyOutput {
  static func table(_ results: [CassetteVerifier.Result]) -> String {
    var rows = [["CASSETTE", "INTERACTIONS", "RESULT", "FIRST FINDING"]]
    for result in results {
      let errors = result.errors
      let warnings = result.findings.count - errors.count
      let verdict =
        errors.isEmpty
        ? (warnings > 0 ? "ok (\(warnings) warning\(warnings == 1 ? "" : "s"))" : "ok")
        : "\(errors.count) finding\(errors.count == 1 ? "" : "s")"
      let first = errors.first ?? result.findings.first
      rows.append([
        TerminalText.escaped(result.displayPath), String(result.interactionCount), verdict,
        first.map { TerminalText.escaped("\($0.path): \($0.message)") } ?? "",
      ])
    }
    let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
    var lines = rows.map { row in
      row.enumerated().map { column, cell in
        column < 3 ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0) : cell
      }
      .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }
    let failing = results.filter { !$0.errors.isEmpty }
    let interactions = results.reduce(0) { $0 + $1.interactionCount }
    lines.append("")
    lines.append(
      "\(results.count) cassette\(results.count == 1 ? "" : "s"), \(interactions) interactions: \(results.count - failing.count) ok, \(failing.count) with findings."
    )
    for result in failing {
      lines.append("")
      lines.append("\(TerminalText.escaped(result.displayPath)):")
      for finding in result.errors {
        lines.append("  " + TerminalText.escaped("\(finding.path): [\(finding.rule)] \(finding.message)"))
      }
    }
    return lines.joined(separator: "\n")
  }

  static func json(_ results: [CassetteVerifier.Result]) -> JSONValue {
    .array(
      results.map { result in
        [
          "cassette": .string(result.displayPath),
          "interactions": .number(JSONNumber(result.interactionCount)),
          "ok": .bool(result.errors.isEmpty),
          "findings": .array(
            result.findings.map { finding in
              [
                "interaction": finding.interaction.map { .number(JSONNumber($0)) } ?? .null,
                "path": .string(finding.path), "rule": .string(finding.rule), "message": .string(finding.message),
                "severity": .string(finding.isWarning ? "warning" : "error"),
              ]
            }),
        ]
      })
  }

  static func junit(_ results: [CassetteVerifier.Result]) -> JUnitReport {
    JUnitReport(
      name: "tapedeck verify",
      suites: results.map { result in
        var cases: [TestCase] = []
        let fileFindings = result.errors.filter { $0.interaction == nil }
        if !fileFindings.isEmpty || result.interactionCount == 0 {
          cases.append(
            TestCase(
              name: "cassette", classname: result.displayPath,
              outcome: fileFindings.isEmpty ? .passed : .failed(fileFindings.map(failure)),
              attachments: [result.displayPath]))
        }
        for (index, interaction) in result.interactions.enumerated() {
          let findings = result.errors.filter { $0.interaction == index }
          cases.append(
            TestCase(
              name: "#\(index) \(interaction.request.method.rawValue) \(interaction.request.url)",
              classname: result.displayPath,
              outcome: findings.isEmpty ? .passed : .failed(findings.map(failure)), attachments: [result.displayPath]))
        }
        return TestSuite(name: result.displayPath, cases: cases)
      })
  }

  static func failure(_ finding: CassetteVerifier.Finding) -> TestFailure {
    TestFailure(
      message: "\(finding.path): \(finding.message)", type: finding.rule,
      details: "\(finding.path): [\(finding.rule)] \(finding.message)")
  }
}
