import CFuzzerDriver
public import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The fuzz target's body; set once, before libFuzzer starts calling back.
nonisolated(unsafe) private var currentBody: ((Data) -> Void)?

/// Runs a fuzz target under libFuzzer.
///
/// ```swift
/// Fuzzer.run { data in _ = try? CassetteFile.decode(data, path: "fuzz.json") }
/// ```
public enum Fuzzer {
  /// Starts libFuzzer with the process's arguments and calls `body` once per input; exits with
  /// libFuzzer's code.
  public static func run(_ body: @escaping (Data) -> Void) -> Never {
    currentBody = body
    let code = tapedeck_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv) { bytes, count in
      let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
      currentBody?(data)
      return 0
    }
    exit(code)
  }

  /// Fails the current input: prints why, then aborts so libFuzzer saves the input as a crash.
  public static func fail(_ message: String, input: Data) -> Never {
    let preview = String(decoding: input.prefix(400), as: UTF8.self)
    FileHandle.standardError.write(Data("fuzz check failed: \(message)\ninput (first 400 bytes): \(preview)\n".utf8))
    abort()
  }

  /// Splits an input into text fields at NUL bytes, for targets that need several strings.
  public static func fields(_ data: Data) -> [String] {
    data.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
  }
}
