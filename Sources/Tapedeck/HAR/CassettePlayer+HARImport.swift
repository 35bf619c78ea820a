/// Recording exchanges read from a HAR archive.
extension CassettePlayer {
  /// Records the exchanges of a HAR import exactly as live ones are recorded: origins made
  /// canonical, every redaction rule applied, and values scrubbed in one place scrubbed where
  /// an answer quotes them. Nothing is written until ``finish()``; check ``cassetteToSave()``
  /// first (`tapedeck har import` audits it and writes nothing that fails).
  ///
  /// ```swift
  /// let player = try CassettePlayer(cassette: "capture", record: .all, redactor: .graph())
  /// player.recordImported(HARImport(archive))
  /// ```
  public func recordImported(_ imported: HARImport) {
    for exchange in imported.exchanges {
      let interaction = exchange.interaction
      record(request: interaction.request, response: interaction.response, at: interaction.recordedAt)
    }
  }
}
