public import Foundation

/// What a player does with requests: replay, record, or both.
///
/// | mode | what happens |
/// |---|---|
/// | ``never`` | replay only; an unmatched request fails, nothing reaches the network |
/// | ``once`` | record if the cassette file does not exist, else behave as ``never`` |
/// | ``missing`` | replay what matches, record what does not, append it |
/// | ``all`` | send everything to the network and rewrite the cassette |
/// | ``passthrough`` | send everything to the network, record nothing |
///
/// ```swift
/// let player = try CassettePlayer(cassette: "patchStatus", record: .missing)
/// ```
public struct RecordMode: Sendable, Hashable, CustomStringConvertible {
  private enum Kind: String, CaseIterable {
    case never, once, missing, all, passthrough
  }

  private let kind: Kind

  /// The mode's name, as written in `TAPEDECK_RECORD`.
  public var name: String { kind.rawValue }

  /// Replay only.
  public static let never = RecordMode(.never)
  /// Record when the cassette file does not exist yet, else replay only.
  public static let once = RecordMode(.once)
  /// Replay what matches, record and append what does not.
  public static let missing = RecordMode(.missing)
  /// Re-record everything.
  public static let all = RecordMode(.all)
  /// Go to the network, record nothing.
  public static let passthrough = RecordMode(.passthrough)
  /// Every mode.
  public static let allModes: [RecordMode] = Kind.allCases.map(RecordMode.init)

  /// A mode from its name (case-insensitive); `nil` for an unknown name.
  ///
  /// ```swift
  /// RecordMode(name: "Missing")  // .missing
  /// ```
  public init?(name: String) {
    guard let kind = Kind(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else { return nil }
    self.kind = kind
  }

  private init(_ kind: Kind) { self.kind = kind }

  public var description: String { ".\(name)" }

  /// The mode set by the innermost ``withRecordMode(_:operation:)`` scope, if any.
  @TaskLocal public static var scoped: RecordMode?

  /// Runs `operation` with `mode` as the scope's record mode.
  ///
  /// ```swift
  /// try await RecordMode.withRecordMode(.never) { try await runTests() }
  /// ```
  public static func withRecordMode<Result>(
    _ mode: RecordMode, operation: () async throws -> Result
  ) async rethrows -> Result {
    try await $scoped.withValue(mode, operation: operation)
  }

  /// Chooses the mode: the argument, else the enclosing scope, else `TAPEDECK_RECORD`, else
  /// `.never` when `CI` is set and `.once` when it is not.
  ///
  /// ```swift
  /// let (mode, origin) = try RecordMode.resolve(nil)  // (.once, "the default outside CI")
  /// ```
  public static func resolve(
    _ argument: RecordMode?, environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(RecordModeError) -> (mode: RecordMode, origin: String) {
    if let argument { return (argument, "the call's argument") }
    if let scoped { return (scoped, "the enclosing scope") }
    if let text = environment["TAPEDECK_RECORD"], !text.isEmpty {
      guard let mode = RecordMode(name: text) else { throw RecordModeError(value: text) }
      return (mode, "TAPEDECK_RECORD")
    }
    if let ci = environment["CI"], !ci.isEmpty, ci.lowercased() != "false", ci != "0" {
      return (.never, "the default under CI")
    }
    return (.once, "the default outside CI")
  }

  /// Whether this mode can send requests to the network.
  var reachesNetwork: Bool { self != .never }
}
