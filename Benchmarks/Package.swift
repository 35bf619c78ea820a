// swift-tools-version: 6.2
import Foundation
import PackageDescription

// Benchmarks live in a package of their own, depending on the root by path, so the root
// manifest stays clean. Run them with `bash Benchmarks/run.sh`.
// A path dependency's identity is its folder's name, whatever the clone is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

let package = Package(
  name: "TapedeckBenchmarks",
  platforms: [.macOS(.v15)],
  dependencies: [
    .package(path: "..")
  ],
  targets: [
    .executableTarget(
      name: "TapedeckBenchmarks",
      dependencies: [
        .product(name: "Tapedeck", package: root.lastPathComponent),
        .product(name: "GraphContracts", package: root.lastPathComponent),
        .product(name: "JUnitXML", package: root.lastPathComponent),
      ]
    )
  ],
  swiftLanguageModes: [.v6]
)
