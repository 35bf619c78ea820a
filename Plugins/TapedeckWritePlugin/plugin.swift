import Foundation
import PackagePlugin

/// `swift package tapedeck-write <subcommand> …`: runs the `tapedeck` commands that write into
/// the package (format, har import, reports) or reach the network (drift, record against a tenant
/// or the sandbox), with the permissions they need. Pre-approve them with
/// `--allow-writing-to-package-directory --allow-network-connections all`. The arguments pass
/// through unchanged; the cassettes folder defaults to the package's `cassettes/` (a non-empty
/// `TAPEDECK_CASSETTES` wins); the command runs in the package's folder; its exit code is the
/// plugin's.
///
/// ```bash
/// swift package --allow-writing-to-package-directory --allow-network-connections all tapedeck-write format
/// ```
@main
struct TapedeckWritePlugin: CommandPlugin {
  func performCommand(context: PluginContext, arguments: [String]) async throws {
    guard let tool = try Self.tapedeck(packageManager) else { exit(2) }
    let folder = context.package.directoryURL
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
    exit(process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus)
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
}
