import Foundation
import Tapedeck

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

// Prints one `bench …` line per figure. Arguments: any of `replay`, `load` (none = all).
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

if all || arguments.contains("load") {
  let count = 10000
  let file = try Fixture.write(count: count, in: folder)
  let figures = try LoadBenchmark(file: file).run()
  print(
    "bench load n=\(count) tapedeck_ms=\(Format.fixed(figures.tapedeck, 2)) jsonparse_ms=\(Format.fixed(figures.jsonParse, 2)) ratio=\(Format.fixed(figures.tapedeck / figures.jsonParse, 3))"
  )
}
