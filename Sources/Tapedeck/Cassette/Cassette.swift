/// A cassette: a named list of recorded HTTP exchanges, stored as one JSON file (format version 1).
///
/// ```swift
/// var cassette = Cassette(name: "DeviceStatusTests/patchCompliance", source: .sandbox)
/// cassette.interactions.append(interaction)
/// try CassetteFile.save(cassette, to: url)
/// ```
public struct Cassette: Sendable, Hashable {
  /// The only file format version this build reads and writes.
  public static let formatVersion = 1
  /// The `recordedWith` value this build writes.
  public static let recorderName = "tapedeck 0.1.0"

  /// The cassette's name, usually its path under the cassettes folder without `.json`.
  public var name: String
  /// Where the exchanges came from.
  public var source: Source
  /// The tool and version that wrote the file.
  public var recordedWith: String
  /// The exchanges, in the order they happened.
  public var interactions: [Interaction]
  /// The fingerprint of the redaction key its pseudonyms were made with
  /// (``Pseudonymizer/keyFingerprint``), or `nil` when it holds no pseudonyms.
  public var redactionKeyFingerprint: String?

  /// Creates a cassette.
  public init(
    name: String, source: Source = .live, recordedWith: String = Cassette.recorderName,
    interactions: [Interaction] = [], redactionKeyFingerprint: String? = nil
  ) {
    self.redactionKeyFingerprint = redactionKeyFingerprint
    self.name = name
    self.source = source
    self.recordedWith = recordedWith
    self.interactions = interactions
  }

  /// Where a cassette's exchanges came from.
  ///
  /// ```swift
  /// Cassette.Source.sandbox.rawValue  // "sandbox"
  /// ```
  public struct Source: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The value as written in the file.
    public let rawValue: String
    /// Creates a source from its file value.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Recorded against a real tenant.
    public static let live = Source(rawValue: "live")
    /// Recorded against the local Graph sandbox.
    public static let sandbox = Source(rawValue: "sandbox")
    /// Taken from a documentation example.
    public static let docsExample = Source(rawValue: "docs-example")
    /// Written by hand.
    public static let handWritten = Source(rawValue: "hand-written")
    /// Every source the format defines.
    public static let all: [Source] = [.live, .sandbox, .docsExample, .handWritten]

    public var description: String { rawValue }
  }
}
