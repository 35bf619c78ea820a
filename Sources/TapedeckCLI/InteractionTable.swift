import Foundation
import HTTPTypes
import Tapedeck

/// The `inspect` table: one row per interaction, columns padded to their widest cell.
enum InteractionTable {
  static func render(_ cassette: Cassette, path: String) -> String {
    var rows = [["#", "METHOD", "URL", "STATUS", "REQUEST BODY", "RESPONSE BODY"]]
    for (index, interaction) in cassette.interactions.enumerated() {
      rows.append([
        String(index),
        TerminalText.escaped(interaction.request.method.rawValue),
        TerminalText.escaped(interaction.request.url),
        String(interaction.response.status.code),
        describe(interaction.request.body),
        describe(interaction.response.body),
      ])
    }
    let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    var lines = [
      TerminalText.escaped(
        "\(path): \"\(cassette.name)\", \(cassette.interactions.count) interaction\(cassette.interactions.count == 1 ? "" : "s"), source \(cassette.source), recorded with \(cassette.recordedWith)"
      ),
      "",
    ]
    for row in rows {
      let cells = row.enumerated().map { column, cell in
        column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
      }
      lines.append(cells.joined(separator: "  "))
    }
    return lines.joined(separator: "\n")
  }

  static func describe(_ body: RecordedBody?) -> String {
    guard let body else { return "-" }
    return TerminalText.escaped("\(body.encodingName) \(ByteCount.text(body.data.count))")
  }
}
