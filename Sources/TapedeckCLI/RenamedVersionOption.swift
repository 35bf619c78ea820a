import GraphContracts

/// The Graph-version option was `--version` before it became `--graph-version`. Given a Graph
/// version (`--version beta`, `--version=v1.0`), `--version` would print the tool's version and
/// exit 0, so a script still using the old spelling would skip its check in silence: it is
/// refused, with the new spelling.
enum RenamedVersionOption {
  /// The message for arguments that use the old spelling, or `nil`.
  static func message(for arguments: [String]) -> String? {
    let versions = Set(GraphVersion.allCases.map(\.rawValue))
    for (index, argument) in arguments.enumerated() {
      if argument == "--" { return nil }
      let value: String?
      if argument.hasPrefix("--version=") {
        value = String(argument.dropFirst("--version=".count))
      } else if argument == "--version", index + 1 < arguments.count, versions.contains(arguments[index + 1]) {
        value = arguments[index + 1]
      } else {
        value = nil
      }
      if let value {
        return
          "--version \(value): the Graph version option is --graph-version (--version prints the tool's version). "
          + "Use --graph-version \(value)."
      }
    }
    return nil
  }
}
