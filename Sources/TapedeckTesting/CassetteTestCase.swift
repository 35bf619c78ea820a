import Foundation
public import Tapedeck
public import XCTest

#if canImport(FoundationNetworking)
  public import FoundationNetworking
#endif

/// An XCTest base class that puts every test on its own cassette,
/// `cassettes/<Class>/<test>.json`, and hands it `session`.
///
/// ```swift
/// final class DeviceStatusTests: CassetteTestCase {
///   func testPatch() async throws {
///     let (data, _) = try await session.data(for: request)
///   }
/// }
/// ```
///
/// The cassettes folder is `TAPEDECK_CASSETTES`, else `cassettes/` next to the `Package.swift`
/// above the working directory (`swift test` runs in the package root); override
/// ``cassetteDirectory`` to choose another.
open class CassetteTestCase: XCTestCase {
  /// The current test's player.
  public private(set) var cassettePlayer: CassettePlayer?

  /// The current test's session on its cassette.
  public var session: URLSession {
    guard let cassettePlayer else { fatalError("`session` is only available while a CassetteTestCase test runs") }
    return cassettePlayer.makeURLSession()
  }

  /// The record mode for this class's tests (default: `TAPEDECK_RECORD`, `CI`, `.once`).
  open var cassetteRecordMode: RecordMode? { nil }
  /// How requests match.
  open var cassetteMatching: RequestMatching { .default }
  /// What is scrubbed.
  open var cassetteRedactor: Redactor { .default }
  /// Where cassettes live.
  open var cassetteDirectory: CassetteDirectory {
    get throws {
      try CassetteDirectory.containing(sourceFile: FileManager.default.currentDirectoryPath + "/Package.swift")
    }
  }

  /// `<Class>/<test>` from XCTest's `Class.test` name.
  open var cassetteName: String {
    let (classname, method) = JUnitTestObserver.names(self)
    return "\(classname.split(separator: ".").last ?? "Tests")/\(method)"
  }

  open override func invokeTest() {
    do {
      cassettePlayer = try CassettePlayer(
        cassette: cassetteName, record: cassetteRecordMode, matching: cassetteMatching, redactor: cassetteRedactor,
        directory: try cassetteDirectory)
    } catch {
      XCTFail("\(error)")
      return
    }
    let player = cassettePlayer!
    ActiveCassette.$player.withValue(player) { super.invokeTest() }
    for error in player.unmatchedRequests { XCTFail(error.description) }
    do {
      try player.finish()
    } catch {
      XCTFail("\(error)")
    }
    JUnitTestObserver.current?.noteCassette(player.fileURL.path, for: self)
    cassettePlayer = nil
  }
}
