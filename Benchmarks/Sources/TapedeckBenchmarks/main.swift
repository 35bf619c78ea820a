import Foundation
import Tapedeck

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

// Prints one `bench …` line per figure. Arguments: any of `replay`, `load`, `validate`, `csdl` (none = all).
let arguments = Set(CommandLine.arguments.dropFirst())
let all = arguments.isEmpty
let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("tapedeck-bench-\(getpid())")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }

if all || arguments.contains("replay") {
  for count in [100, 1000, 10000] {
    let file = try Fixture.write(count: count, in: folder)
    let figures = try await ReplayBenchmark(count: count, file: file).run()
    print(
      "bench replay n=\(count) tapedeck_us=\(Format.fixed(figures.tapedeck, 2)) floor_us=\(Format.fixed(figures.floor, 2)) ratio=\(Format.fixed(figures.tapedeck / figures.floor, 3))"
    )
  }
}

if all || arguments.contains("validate") {
  let rate = try ValidateBenchmark().run()
  let environment = ProcessInfo.processInfo.environment
  let peer = environment["JSONSCHEMA_PER_S"].flatMap(Double.init)
  print(
    "bench validate tapedeck_per_s=\(Format.fixed(rate, 0)) jsonschema_per_s=\(peer.map { Format.fixed($0, 0) } ?? "n/a") speedup=\(peer.map { Format.fixed(rate / $0, 1) } ?? "n/a")"
  )
}

if all || arguments.contains("csdl") {
  let environment = ProcessInfo.processInfo.environment
  if let path = environment["TAPEDECK_CSDL"], let xmllint = environment["XMLLINT"] {
    let figures = try CSDLBenchmark(file: URL(fileURLWithPath: path), xmllint: xmllint).run()
    print(
      "bench csdl tapedeck_ms=\(Format.fixed(figures.tapedeck, 1)) xmllint_ms=\(Format.fixed(figures.xmllint, 1)) ratio=\(Format.fixed(figures.tapedeck / figures.xmllint, 3))"
    )
  } else {
    print("bench csdl skipped: set TAPEDECK_CSDL (a $metadata file) and XMLLINT (run through Benchmarks/run.sh)")
  }
}

if all || arguments.contains("load") {
  let count = 10000
  let file = try Fixture.write(count: count, in: folder)
  let figures = try LoadBenchmark(file: file).run()
  print(
    "bench load n=\(count) tapedeck_ms=\(Format.fixed(figures.tapedeck, 2)) jsonparse_ms=\(Format.fixed(figures.jsonParse, 2)) ratio=\(Format.fixed(figures.tapedeck / figures.jsonParse, 3))"
  )
}
