// swift-tools-version: 6.2
import Foundation
import PackageDescription

// A downstream package: a small Graph client and its tests, on Tapedeck through a path
// dependency. A path dependency's identity is its folder's name, whatever the clone is called.
let tapedeck = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().lastPathComponent

let package = Package(
  name: "DeviceStatusClient",
  platforms: [.macOS(.v15)],
  products: [.library(name: "DeviceStatusClient", targets: ["DeviceStatusClient"])],
  dependencies: [
    .package(path: "../.."),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
  ],
  targets: [
    .target(
      name: "DeviceStatusClient",
      dependencies: [.product(name: "GraphTenant", package: tapedeck), .product(name: "Tapedeck", package: tapedeck)]
    ),
    .testTarget(
      name: "DeviceStatusClientTests",
      dependencies: [
        "DeviceStatusClient",
        .product(name: "TapedeckTesting", package: tapedeck),
        .product(name: "GraphContracts", package: tapedeck),
        .product(name: "Tapedeck", package: tapedeck),
        .product(name: "TapedeckAsyncHTTPClient", package: tapedeck),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
