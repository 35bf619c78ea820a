import Foundation
import Tapedeck

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

// Child mode for peak-memory figures: `junit-child N PATH` writes N cases and prints its peak MB.
if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "junit-child",
  let count = Int(CommandLine.arguments[2])
{
  _ = try JUnitBenchmark.write(count: count, to: URL(fileURLWithPath: CommandLine.arguments[3]))
  print(JUnitBenchmark.peakMegabytes())
  exit(0)
}

// Prints one `bench …` line per figure. Arguments: any of `replay`, `frontdoors`, `load`, `validate`, `csdl`, `junit`, `verify`,
// `peers` (none = all); `sandbox` and `serve` are measured by run.sh (Peers/sandbox_load.py, Peers/serve_load.py), not here.
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

if all || arguments.contains("frontdoors") {
  for count in [100, 1000, 10000] {
    let file = try Fixture.write(count: count, in: folder)
    let figures = try await FrontDoorBenchmark(count: count, file: file).run()
    print(
      "bench exchange n=\(count) tapedeck_us=\(Format.fixed(figures.exchange.tapedeck, 2)) floor_us=\(Format.fixed(figures.exchange.floor, 2)) ratio=\(Format.fixed(figures.exchange.tapedeck / figures.exchange.floor, 2))"
    )
    print(
      "bench asynchttpclient n=\(count) tapedeck_us=\(Format.fixed(figures.client.tapedeck, 2)) floor_us=\(Format.fixed(figures.client.floor, 2)) ratio=\(Format.fixed(figures.client.tapedeck / figures.client.floor, 2))"
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

if all || arguments.contains("junit") {
  let count = 100_000
  let file = folder.appendingPathComponent("junit.xml")
  let milliseconds = median(try (0..<3).map { _ in try JUnitBenchmark.write(count: count, to: file) })
  let peer = ProcessInfo.processInfo.environment["JUNITXML_PY_MS"].flatMap(Double.init)
  let peak1k = try JUnitBenchmark.childPeak(count: 1000, folder: folder)
  let peak100k = try JUnitBenchmark.childPeak(count: count, folder: folder)
  print(
    "bench junit cases=\(count) tapedeck_ms=\(Format.fixed(milliseconds, 1)) junitxml_py_ms=\(peer.map { Format.fixed($0, 1) } ?? "n/a") speedup=\(peer.map { Format.fixed($0 / milliseconds, 1) } ?? "n/a") peak_mb_1k=\(Format.fixed(peak1k, 1)) peak_mb_100k=\(Format.fixed(peak100k, 1))"
  )
  let live1k = try JUnitBenchmark.live(count: 1000, to: folder.appendingPathComponent("live-1k.xml"))
  let live100k = try JUnitBenchmark.live(count: count, to: folder.appendingPathComponent("live-100k.xml"))
  print(
    "bench junit-live cases=1000 us_per_test=\(Format.fixed(live1k, 1)) cases=100000 us_per_test=\(Format.fixed(live100k, 1)) ratio=\(Format.fixed(live100k / live1k, 2))"
  )
}

if all || arguments.contains("verify") {
  if let tapedeck = ProcessInfo.processInfo.environment["TAPEDECK_BIN"] {
    let corpus = folder.appendingPathComponent("corpus")
    try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
    let benchmark = VerifyBenchmark(folder: corpus, tapedeck: tapedeck)
    try benchmark.makeCorpus(cassettes: 1000, interactions: 10)
    let figures = try benchmark.run()
    print(
      "bench verify cassettes=1000 interactions=10000 tapedeck_ms=\(Format.fixed(figures.tapedeck, 1)) readparse_ms=\(Format.fixed(figures.readParse, 1)) ratio=\(Format.fixed(figures.tapedeck / figures.readParse, 3))"
    )
  } else {
    print("bench verify skipped: set TAPEDECK_BIN to a release build of tapedeck (run through Benchmarks/run.sh)")
  }
}

if all || arguments.contains("peers") {
  let environment = ProcessInfo.processInfo.environment
  if let port = environment["LOOPBACK_PORT"].flatMap(Int.init), let peer = environment["VCRPY_RESULTS"] {
    // `vcrpy n=N record_ms=… replay_ms=…` lines, one per N.
    var vcrpy: [Int: (record: Double, replay: Double)] = [:]
    for line in peer.split(separator: "\n") {
      var fields: [String: String] = [:]
      for pair in line.split(separator: " ").dropFirst() {
        let parts = pair.split(separator: "=")
        if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
      }
      if let count = fields["n"].flatMap(Int.init), let record = fields["record_ms"].flatMap(Double.init),
        let replay = fields["replay_ms"].flatMap(Double.init)
      {
        vcrpy[count] = (record, replay)
      }
    }
    let benchmark = PeerBenchmark(port: port, folder: folder)
    for count in vcrpy.keys.sorted() {
      let tapedeck = try await benchmark.measure(count: count)
      let peerFigures = vcrpy[count]!
      print(
        "bench replay-vs-vcrpy n=\(count) tapedeck_ms=\(Format.fixed(tapedeck.replay, 1)) vcrpy_ms=\(Format.fixed(peerFigures.replay, 1)) speedup=\(Format.fixed(peerFigures.replay / tapedeck.replay, 1))"
      )
      if count == vcrpy.keys.max() {
        print(
          "bench record n=\(count) tapedeck_ms=\(Format.fixed(tapedeck.record, 1)) vcrpy_ms=\(Format.fixed(peerFigures.record, 1)) speedup=\(Format.fixed(peerFigures.record / tapedeck.record, 2))"
        )
      }
    }
  } else {
    print("bench peers skipped: run through Benchmarks/run.sh (it starts the loopback server and vcrpy)")
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
