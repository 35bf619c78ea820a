// swift-tools-version: 6.2
// A tiny package whose tests pass, fail, skip and run parameterized, so that
// `swift test --event-stream-output-path … --event-stream-version 0` produces a realistic
// event stream for the JUnit converter's tests (see ../README.md).
import PackageDescription

let package = Package(
  name: "EventStreamFixture",
  targets: [.testTarget(name: "FixtureTests")]
)
