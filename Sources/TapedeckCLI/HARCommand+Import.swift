import ArgumentParser
import Foundation
import GraphTenant
import Tapedeck

extension HARCommand {
  /// `tapedeck har import FILE --cassette NAME [--all-hosts]`
  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract:
        "Import a HAR archive into a cassette, scrubbed with the Graph preset; nothing that fails the audit is written.",
      discussion: """
        Keeps Graph traffic (graph.microsoft.com and the national clouds' Graph hosts, under /v1.0 or \
        /beta) and token requests (…/oauth2/v2.0/token); --all-hosts keeps every http(s) entry. CORS \
        preflights and entries with no answer are always dropped. Every exchange is scrubbed like a \
        live recording (Redactor.graph(), pseudonyms keyed from TAPEDECK_REDACTION_KEY) and the result \
        audited: a cassette with findings is not written (exit 1). Cookies, Cookie and Set-Cookie \
        headers never reach the cassette. A body the archive omitted is recorded as absent, and said \
        so. The cassette (under TAPEDECK_CASSETTES, else ./cassettes) is replaced atomically.

        Exit codes: 0 imported, 1 the audit refused it (or nothing to import), 2 unreadable or malformed input.
        """
    )

    @Argument(help: ArgumentHelp("The HAR file.", valueName: "file"))
    var file: String

    @Option(
      help: ArgumentHelp(
        "The cassette name, under the cassettes folder (TAPEDECK_CASSETTES, else ./cassettes).", valueName: "name"))
    var cassette: String

    @Flag(help: "Keep entries to every host, not only Graph and its token endpoint.")
    var allHosts = false

    func run() throws {
      let environment = ProcessInfo.processInfo.environment
      let data: Data
      do {
        data = try Data(contentsOf: URL(fileURLWithPath: file))
      } catch {
        throw CommandFailure.input("\(file): the file cannot be read (\(FileErrorText.reason(of: error))).")
      }
      let archive: HARArchive
      do {
        archive = try HARArchive.decode(data, path: file)
      } catch {
        throw CommandFailure.input(error.description)
      }
      let origins = HARImport.origins(environment: environment)
      let imported = HARImport(
        archive, keepingAllHosts: allHosts, origins: origins, bodySizeLimit: try BodySizeLimit.forCommand())
      // The Graph preset, as `tapedeck record` uses it (browser sign-in and profile fields included).
      let redactor = Redactor.graph(environment: environment)
      if let fingerprint = imported.redactionKeyFingerprint, fingerprint != redactor.pseudonymizer.keyFingerprint {
        throw CommandFailure.input(
          "\(file) was exported from a cassette pseudonymized under redaction key \(fingerprint), and this run's key is "
            + "\(redactor.pseudonymizer.keyFingerprint): importing would pseudonymize its pseudonyms again. Import it "
            + "with the key it was made with (TAPEDECK_REDACTION_KEY); nothing was written.")
      }
      print(
        "\(TerminalText.escaped(file)): \(archive.entries.count) entr\(archive.entries.count == 1 ? "y" : "ies"), "
          + "\(imported.exchanges.count) kept, \(imported.dropped.count) dropped")
      for line in Self.droppedLines(imported.dropped) { print("  \(line)") }
      let player: CassettePlayer
      do {
        let folder = CassetteDirectory(
          url: URL(fileURLWithPath: environment["TAPEDECK_CASSETTES"].flatMap { $0.isEmpty ? nil : $0 } ?? "cassettes"))
        player = try CassettePlayer(
          cassette: cassette, record: .all, redactor: redactor, source: imported.claimedSource, directory: folder,
          liveRequestGuard: .unrestricted, origins: origins, environment: environment)
      } catch {
        throw CommandFailure.input("\(error)")
      }
      let indexes = Dictionary(
        imported.exchanges.enumerated().map { ($0.element.entryIndex, $0.offset) },
        uniquingKeysWith: { first, _ in first })
      for note in imported.notes {
        let place = indexes[note.entryIndex].map { "interactions[\($0)], " } ?? ""
        print(TerminalText.escaped("  \(place)entry \(note.entryIndex): \(note.text)"))
      }
      if imported.cookieHeadersDropped > 0 {
        let count = imported.cookieHeadersDropped
        print(
          "  left out \(count) Cookie/Set-Cookie header\(count == 1 ? "" : "s") (browser session cookies never reach a cassette)"
        )
      }
      guard !imported.exchanges.isEmpty else {
        throw CommandFailure(
          message:
            "nothing to import from \(file): no entry is Graph or token traffic\(allHosts ? "" : " (--all-hosts keeps every host)"); nothing was written.",
          exitCode: 1)
      }
      player.recordImported(imported)
      let recorded: Cassette
      do {
        guard let cassette = try player.cassetteToSave() else {
          throw CommandFailure.input("nothing was recorded.")
        }
        recorded = cassette
      } catch let error as CommandFailure {
        throw error
      } catch {
        throw CommandFailure.input("\(error)")
      }
      // The same gate as `tapedeck record`: a cassette the audit flags never reaches disk, and
      // the findings name places, never values.
      let findings = CassetteAudit.findings(in: recorded, rules: CassetteAudit.rules(environment: environment))
      guard findings.isEmpty else {
        for finding in findings { print(TerminalText.escaped(player.scrub("audit: \(finding)"))) }
        throw CommandFailure(
          message:
            "refused to write \(player.fileURL.path): the import fails the audit (\(findings.count) finding\(findings.count == 1 ? "" : "s")).",
          exitCode: 1)
      }
      do {
        try player.finish()
      } catch {
        throw CommandFailure.input("\(error)")
      }
      print(
        TerminalText.escaped(
          "imported \(recorded.interactions.count) interaction\(recorded.interactions.count == 1 ? "" : "s") into \(player.fileURL.path) (source: \(recorded.source))"
        ))
    }

    /// One line per reason: how many entries, and which (the first ten indexes).
    static func droppedLines(_ dropped: [HARImport.Drop]) -> [String] {
      HARImport.Reason.allCases.compactMap { reason in
        let indexes = dropped.filter { $0.reason == reason }.map(\.entryIndex)
        guard !indexes.isEmpty else { return nil }
        let shown = indexes.prefix(10).map(String.init).joined(separator: ", ")
        let more = indexes.count > 10 ? ", …" : ""
        return "dropped \(indexes.count): \(reason) (entr\(indexes.count == 1 ? "y" : "ies") \(shown)\(more))"
      }
    }
  }
}
