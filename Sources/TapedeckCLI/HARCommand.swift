import ArgumentParser

/// `tapedeck har …`: HAR 1.2 archives in (scrubbed, audited) and out.
struct HARCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "har",
    abstract: "Turn a HAR 1.2 archive (a browser's or a proxy's capture) into a cassette, or a cassette into one.",
    subcommands: [Import.self, Export.self]
  )
}
