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
    .package(path: ".."),
    // The floor of `bench sandbox`: the sandbox's server framework, at the root's version.
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    // `bench frontdoors`: AsyncHTTPClient's request and response types, at the root's version.
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
  ],
  targets: [
    .executableTarget(
      name: "TapedeckBenchmarks",
      dependencies: [
        .product(name: "Tapedeck", package: root.lastPathComponent),
        .product(name: "GraphContracts", package: root.lastPathComponent),
        .product(name: "JUnitXML", package: root.lastPathComponent),
        .product(name: "TapedeckAsyncHTTPClient", package: root.lastPathComponent),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ]
    ),
    .executableTarget(
      name: "SandboxFloor",
      dependencies: [
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
