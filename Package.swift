// swift-tools-version: 6.2
import PackageDescription

let strictSwift: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
  name: "Tapedeck",
  platforms: [.macOS(.v15)],
  products: [
    .library(name: "Tapedeck", targets: ["Tapedeck"]),
    .library(name: "TapedeckJSON", targets: ["TapedeckJSON"]),
    .library(name: "GraphContracts", targets: ["GraphContracts"]),
    .library(name: "JUnitXML", targets: ["JUnitXML"]),
    .library(name: "TapedeckTesting", targets: ["TapedeckTesting"]),
    .library(name: "GraphSandbox", targets: ["GraphSandbox"]),
    .library(name: "GraphTenant", targets: ["GraphTenant"]),
    .library(name: "TapedeckOpenAPI", targets: ["TapedeckOpenAPI"]),
    .library(name: "TapedeckAsyncHTTPClient", targets: ["TapedeckAsyncHTTPClient"]),
    .library(name: "TapedeckServer", targets: ["TapedeckServer"]),
    .executable(name: "tapedeck", targets: ["TapedeckCLI"]),
    .plugin(name: "TapedeckPlugin", targets: ["TapedeckPlugin"]),
    .plugin(name: "TapedeckWritePlugin", targets: ["TapedeckWritePlugin"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
    // Only TapedeckAsyncHTTPClient depends on it, so users of the core never build it.
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    // Tests only: the swift-openapi transport users pair with TapedeckOpenAPI on AsyncHTTPClient.
    .package(url: "https://github.com/swift-server/swift-openapi-async-http-client", from: "1.5.0"),
    // Named only so targets can say they import NIOCore (it comes with Hummingbird).
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    // The loopback server's certificate, generated at start (`tapedeck serve --tls`).
    .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
    .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
    ),
    .systemLibrary(
      name: "CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
    ),
    .target(name: "TapedeckSupport", swiftSettings: strictSwift),
    .target(name: "TapedeckJSON", swiftSettings: strictSwift),
    .target(
      name: "Tapedeck",
      dependencies: [
        "CZlib",
        "TapedeckJSON",
        "TapedeckSupport",
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      swiftSettings: strictSwift
    ),
    .target(
      name: "GraphContracts",
      dependencies: ["TapedeckJSON", "CLibXML2", "TapedeckSupport"],
      swiftSettings: strictSwift
    ),
    .target(
      name: "JUnitXML",
      dependencies: ["CLibXML2", "TapedeckSupport"],
      swiftSettings: strictSwift
    ),
    .target(
      name: "GraphSandbox",
      dependencies: [
        "GraphContracts",
        "TapedeckJSON",
        "TapedeckSupport",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      swiftSettings: strictSwift
    ),
    .target(
      name: "GraphTenant",
      dependencies: ["Tapedeck", "TapedeckSupport", .product(name: "HTTPTypes", package: "swift-http-types")],
      swiftSettings: strictSwift
    ),
    .target(
      name: "TapedeckOpenAPI",
      dependencies: [
        "Tapedeck",
        .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
      ],
      swiftSettings: strictSwift
    ),
    .target(
      name: "TapedeckServer",
      dependencies: [
        "Tapedeck",
        "GraphTenant",
        "TapedeckSupport",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "HummingbirdTLS", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "X509", package: "swift-certificates"),
        .product(name: "SwiftASN1", package: "swift-asn1"),
      ],
      swiftSettings: strictSwift
    ),
    .target(
      name: "TapedeckAsyncHTTPClient",
      dependencies: [
        "Tapedeck",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ],
      swiftSettings: strictSwift
    ),
    .target(
      name: "TapedeckTesting",
      dependencies: ["Tapedeck", "GraphContracts", "GraphTenant", "JUnitXML", "TapedeckSupport"],
      swiftSettings: strictSwift
    ),
    .executableTarget(
      name: "TapedeckCLI",
      dependencies: [
        "Tapedeck",
        "GraphContracts",
        "JUnitXML",
        "GraphSandbox",
        "GraphTenant",
        "TapedeckServer",
        "TapedeckSupport",
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strictSwift
    ),
    // `swift package tapedeck verify|audit|inspect|…`: the offline commands on the package's
    // cassettes, with no permissions.
    .plugin(
      name: "TapedeckPlugin",
      capability: .command(
        intent: .custom(
          verb: "tapedeck",
          description: "Run an offline tapedeck command (verify, audit, inspect, format --check, …) on cassettes/")
      )
    ),
    // `swift package tapedeck-write format|drift|record|har import …`: the commands that write into
    // the package or reach the network, with those permissions.
    .plugin(
      name: "TapedeckWritePlugin",
      capability: .command(
        intent: .custom(
          verb: "tapedeck-write",
          description:
            "Run a tapedeck command that writes cassettes or reaches a tenant (format, har import, drift, record)"),
        permissions: [
          .writeToPackageDirectory(reason: "format, har import and record write cassettes in cassettes/"),
          .allowNetworkConnections(
            scope: .all(), reason: "drift and record send requests to a Graph tenant or the local sandbox"),
        ]
      )
    ),
    .testTarget(
      name: "TapedeckTests",
      dependencies: [
        "Tapedeck",
        "TapedeckSupport",
        "CLibXML2",
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
      ],
      swiftSettings: strictSwift
    ),
    .testTarget(
      name: "GraphContractsTests",
      dependencies: ["GraphContracts", "Tapedeck"],
      swiftSettings: strictSwift
    ),
    .testTarget(
      name: "JUnitXMLTests",
      dependencies: ["JUnitXML"],
      exclude: ["Golden", "EventStream"],
      swiftSettings: strictSwift
    ),
    .testTarget(
      name: "TapedeckTestingTests",
      dependencies: [
        "TapedeckTesting", "JUnitXML", "Tapedeck", "GraphContracts", "GraphSandbox", "GraphTenant", "TapedeckOpenAPI",
        "TapedeckSupport",
        .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
      ],
      swiftSettings: strictSwift
    ),
    .testTarget(
      name: "GraphSandboxTests",
      dependencies: [
        "GraphSandbox", "GraphTenant", "GraphContracts", "Tapedeck",
        .product(name: "HTTPTypes", package: "swift-http-types"),
      ],
      swiftSettings: strictSwift
    ),
    .testTarget(
      name: "TapedeckAsyncHTTPClientTests",
      dependencies: [
        "TapedeckAsyncHTTPClient", "Tapedeck", "GraphSandbox", "GraphTenant", "TapedeckOpenAPI",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "OpenAPIAsyncHTTPClient", package: "swift-openapi-async-http-client"),
        .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ],
      swiftSettings: strictSwift
    ),
    .testTarget(
      name: "GraphTenantTests",
      dependencies: [
        "GraphTenant", "GraphSandbox", "Tapedeck", .product(name: "HTTPTypes", package: "swift-http-types"),
      ],
      swiftSettings: strictSwift
    ),
    .testTarget(
      name: "TapedeckCLITests",
      dependencies: [
        "TapedeckCLI",
        "Tapedeck",
        "JUnitXML",
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
      ],
      swiftSettings: strictSwift
    ),
    .testTarget(
      name: "TapedeckServerTests",
      dependencies: [
        "TapedeckServer", "Tapedeck", "GraphSandbox",
      ],
      swiftSettings: strictSwift
    ),
  ],
  swiftLanguageModes: [.v6]
)

// Documentation: the DocC catalogs are built in CI with `TAPEDECK_DOCS=1` (see .ci/run). The
// plugin is declared only then, so packages that depend on Tapedeck never resolve or fetch it.
if Context.environment["TAPEDECK_DOCS"] != nil {
  package.dependencies.append(.package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"))
}
