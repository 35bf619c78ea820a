import Foundation
import JUnitXML

/// Writes N test cases (10% failing with 1 KB messages, 100 cases a suite) with the streaming
/// writer, never holding more than one suite: milliseconds, and peak memory in a child process.
enum JUnitBenchmark {
  static let message = String(repeating: "expected status compliant, found nonCompliant; ", count: 21).prefix(1024)

  static func suite(_ number: Int, cases: Int) -> TestSuite {
    var suite = TestSuite(
      name: "Suite\(number)", timestamp: Date(timeIntervalSince1970: 1_795_341_600), hostname: "bench")
    for index in 0..<cases {
      let global = number * 100 + index
      let outcome: TestOutcome =
        global % 10 == 0 ? .failed([TestFailure(message: "case \(global) failed", details: String(message))]) : .passed
      suite.cases.append(TestCase(name: "test\(global)", classname: "Suite\(number)", time: 0.001, outcome: outcome))
    }
    return suite
  }

  /// Writes `count` cases to `url`; returns milliseconds.
  static func write(count: Int, to url: URL) throws -> Double {
    try measure {
      let stream = try JUnitFileStream(url: url, writer: JUnitWriter(profile: .portable, defaultHostname: "bench"))
      var written = 0
      var number = 0
      while written < count {
        let size = min(100, count - written)
        try stream.append(suite(number, cases: size))
        written += size
        number += 1
      }
      try stream.close()
    } * 1000
  }

  /// Crash-safe mode: µs per test for `count` tests through a live report.
  static func live(count: Int, to url: URL) throws -> Double {
    let live = try LiveJUnitReport(url: url, writer: JUnitWriter(profile: .portable, defaultHostname: "bench"))
    let cases = suite(0, cases: 100).cases
    let seconds = try measure {
      for index in 0..<count {
        if index % 100 == 0 {
          if index > 0 { try live.finishSuite() }
          try live.startSuite("Suite\(index / 100)", timestamp: Date(timeIntervalSince1970: 0))
        }
        let testCase = cases[index % 100]
        try live.startCase(name: testCase.name, classname: testCase.classname)
        try live.finishCase(testCase)
      }
      try live.finish()
    }
    return seconds * 1e6 / Double(count)
  }

  /// Peak resident memory of this process image, in MB: `VmHWM` from `/proc/self/status`
  /// (unlike `ru_maxrss`, it is not inherited from the parent across fork and exec).
  static func peakMegabytes() -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
      let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? .nan
      return kilobytes / 1024
    }
    return .nan
  }

  /// Runs `write` in a fresh child process and returns its peak memory in MB.
  static func childPeak(count: Int, folder: URL) throws -> Double {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    process.arguments = ["junit-child", String(count), folder.appendingPathComponent("child-\(count).xml").path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Double(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? .nan
  }
}
