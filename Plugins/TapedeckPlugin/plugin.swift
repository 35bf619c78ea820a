import Foundation
import PackagePlugin

/// `swift package tapedeck <subcommand> …`: runs the `tapedeck` command on the package's
/// cassettes, with no permissions: the offline commands that only read (verify, audit, inspect,
/// validate, endpoints, format --check, har export to standard output). The arguments pass through
/// unchanged; the cassettes folder defaults to the package's `cassettes/` (a non-empty
/// `TAPEDECK_CASSETTES` wins); the command runs in the package's folder; its exit code is the
/// plugin's. Commands that write into the package or reach the network go through
/// `swift package tapedeck-write …`, which asks for those permissions.
///
/// ```bash
/// swift package tapedeck verify
/// ```
@main
struct TapedeckPlugin: CommandPlugin {
  func performCommand(context: PluginContext, arguments: [String]) async throws {
    if let reason = Self.needsPermission(arguments) {
      let rest = arguments.joined(separator: " ")
      FileHandle.standardError.write(
        Data(
          """
          tapedeck: `tapedeck \(rest)` \(reason), which this plugin has no permission for. Run:
            swift package --allow-writing-to-package-directory --allow-network-connections all tapedeck-write \(rest)

          """.utf8))
      exit(2)
    }
    guard let tool = try Self.tapedeck(packageManager) else { exit(2) }
    exit(try Self.run(tool, arguments, in: context.package.directoryURL))
  }

  /// The `tapedeck` executable, built (incrementally) by SwiftPM for this package. A plugin
  /// dependency on the `TapedeckCLI` target would be simpler, but SwiftPM 6.3 looks for a product
  /// named after the target (`no product named 'TapedeckCLI'`), so the product is built by name.
  static func tapedeck(_ packageManager: PackageManager) throws -> URL? {
    let result = try packageManager.build(
      .product("tapedeck"), parameters: .init(configuration: .debug, logging: .concise))
    if let tool = result.builtArtifacts.first(where: {
      $0.kind == .executable && $0.url.lastPathComponent == "tapedeck"
    }),
      result.succeeded
    {
      return tool.url
    }
    FileHandle.standardError.write(Data((result.logText + "\ntapedeck: the tapedeck product did not build.\n").utf8))
    return nil
  }

  /// Why a command needs a permission this plugin does not have, or `nil`.
  static func needsPermission(_ arguments: [String]) -> String? {
    switch arguments.first {
    case "record", "drift", "sandbox": return "reaches the network"
    case "format" where !arguments.contains("--check"): return "rewrites cassettes in the package"
    case "har" where arguments.dropFirst().first == "import": return "writes a cassette into the package"
    default:
      let writes = ["--junit", "--output", "-o"]
      return arguments.contains(where: { writes.contains($0) || $0.hasPrefix("--junit=") || $0.hasPrefix("--output=") })
        ? "writes a file into the package" : nil
    }
  }

  /// Runs `tapedeck` in the package's folder, its cassettes folder defaulting to `cassettes/`;
  /// returns its exit status (128 + the signal when a signal ended it).
  static func run(_ tool: URL, _ arguments: [String], in folder: URL) throws -> Int32 {
    var environment = ProcessInfo.processInfo.environment
    if environment["TAPEDECK_CASSETTES", default: ""].isEmpty {
      environment["TAPEDECK_CASSETTES"] = folder.appendingPathComponent("cassettes").path
    }
    let process = Process()
    process.executableURL = tool
    process.arguments = arguments
    process.environment = environment
    process.currentDirectoryURL = folder
    try process.run()
    process.waitUntilExit()
    return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
  }
}
