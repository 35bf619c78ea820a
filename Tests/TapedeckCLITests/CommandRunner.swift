import Foundation

/// Runs the built `tapedeck` binary and captures what it prints.
struct CommandRunner {
  struct Outcome {
    let status: Int32
    let output: String
    let errors: String
  }

  /// The folder that holds the built products (the test bundle sits beside `tapedeck`).
  static var productsFolder: URL {
    var folder = Bundle.main.bundleURL
    if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
    return folder
  }

  static var binary: URL { productsFolder.appendingPathComponent("tapedeck") }

  static var packageRoot: URL {
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
      folder.deleteLastPathComponent()
    }
    return folder
  }

  /// Runs `tapedeck ARGUMENTS` in `directory`.
  static func run(_ arguments: [String], in directory: URL = packageRoot, environment: [String: String] = [:]) throws
    -> Outcome
  {
    try launch(binary.path, arguments, in: directory, environment: environment).wait()
  }

  /// Starts a process; `wait()` collects its outcome.
  static func launch(
    _ executable: String, _ arguments: [String], in directory: URL, environment: [String: String] = [:]
  )
    throws -> Running
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var merged = ProcessInfo.processInfo.environment
    merged["TAPEDECK_CASSETTES"] = nil
    for (key, value) in environment { merged[key] = value }
    process.environment = merged
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    return Running(process: process, output: output, errors: errors)
  }

  struct Running {
    let process: Process
    let output: Pipe
    let errors: Pipe

    func wait() -> Outcome {
      let out = output.fileHandleForReading.readDataToEndOfFile()
      let err = errors.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return Outcome(
        status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
        errors: String(decoding: err, as: UTF8.self))
    }
  }
}
