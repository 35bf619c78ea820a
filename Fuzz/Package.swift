// swift-tools-version: 6.2
// Tapedeck's fuzz targets (libFuzzer with AddressSanitizer). A package of its own so that the
// unsafe flags stay out of the root package, which other packages depend on.
//
//   bash Fuzz/run.sh [SECONDS]
import Foundation
import PackageDescription

// The root package's identity is its folder's name, whatever the clone is called.
let rootIdentity = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .lastPathComponent.lowercased()

let fuzzFlags: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]
let fuzzLink: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer,address", "-use-ld=lld"])]

func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
  .executableTarget(
    name: name, dependencies: ["FuzzSupport"] + dependencies, swiftSettings: fuzzFlags, linkerSettings: fuzzLink)
}

let package = Package(
  name: "TapedeckFuzz",
  platforms: [.macOS(.v15)],
  dependencies: [.package(path: "..")],
  targets: [
    .target(name: "CFuzzerDriver"),
    .target(name: "FuzzSupport", dependencies: ["CFuzzerDriver"], swiftSettings: fuzzFlags),
    fuzzTarget("FuzzCassetteDecoding", [.product(name: "Tapedeck", package: rootIdentity)]),
    fuzzTarget(
      "FuzzCSDLLoading",
      [.product(name: "GraphContracts", package: rootIdentity), .product(name: "TapedeckJSON", package: rootIdentity)]),
    fuzzTarget(
      "FuzzContractValidation",
      [.product(name: "GraphContracts", package: rootIdentity), .product(name: "Tapedeck", package: rootIdentity)]),
    fuzzTarget("FuzzJUnitWriter", [.product(name: "JUnitXML", package: rootIdentity)]),
    fuzzTarget(
      "FuzzRedaction",
      [.product(name: "Tapedeck", package: rootIdentity), .product(name: "GraphTenant", package: rootIdentity)]),
    fuzzTarget("FuzzWriteGuard", [.product(name: "Tapedeck", package: rootIdentity)]),
    fuzzTarget(
      "FuzzEndpointMatching",
      [.product(name: "GraphContracts", package: rootIdentity), .product(name: "Tapedeck", package: rootIdentity)]),
  ],
  swiftLanguageModes: [.v6]
)
