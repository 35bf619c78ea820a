public import Foundation

/// Which cassettes a test run opened and which of their interactions it played, one JSON line
/// per cassette opening, appended to the file `TAPEDECK_USAGE_LOG` names (several test
/// processes may append to one log). `tapedeck verify --usage LOG` then lists the cassettes no
/// test opened and the interactions no test played across the whole run.
///
/// ```swift
/// try CassetteUsageLog.append(CassetteUsageLog.Entry(player: player), to: logURL)
/// let entries = try CassetteUsageLog.read(logURL)
/// ```
public enum CassetteUsageLog {
  /// One opening of one cassette.
  public struct Entry: Sendable, Hashable {
    /// The cassette file, as an absolute, standardized path.
    public let cassettePath: String
    /// How many interactions the file held when it was opened.
    public let interactionCount: Int
    /// The indices of the interactions that answered a request.
    public let played: [Int]
    /// Whether this run rewrote the file (`.all`, or `.once` on a new cassette): all of it is used.
    public let rewritten: Bool

    /// An entry.
    public init(cassettePath: String, interactionCount: Int, played: [Int], rewritten: Bool) {
      self.cassettePath = URL(fileURLWithPath: cassettePath).standardizedFileURL.path
      self.interactionCount = interactionCount
      self.played = played
      self.rewritten = rewritten
    }

    /// What `player` opened and played so far.
    public init(player: CassettePlayer) {
      let unplayed = Set(player.unplayedInteractions.map(\.index))
      let count = player.loadedInteractionCount
      self.init(
        cassettePath: player.fileURL.path, interactionCount: count,
        played: (0..<count).filter { !unplayed.contains($0) },
        rewritten: player.mode == .all || (player.isRecording && player.mode != .missing))
    }
  }

  /// The log `TAPEDECK_USAGE_LOG` names, or `nil`.
  public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
    environment["TAPEDECK_USAGE_LOG"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
  }

  /// Appends one entry as one line, in a single `write` on a file opened for appending.
  public static func append(_ entry: Entry, to url: URL) throws {
    let line: JSONValue = [
      "cassette": .string(entry.cassettePath), "interactions": .number(JSONNumber(entry.interactionCount)),
      "played": .array(entry.played.map { .number(JSONNumber($0)) }), "rewritten": .bool(entry.rewritten),
    ]
    let data = JSONWriter.compactData(line) + Data("\n".utf8)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let descriptor = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path]) }
    defer { close(descriptor) }
    let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    guard written == data.count else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
  }

  /// Reads a log; a line that is not an entry is an error naming the file and line.
  public static func read(_ url: URL) throws -> [Entry] {
    let text = try String(contentsOf: url, encoding: .utf8)
    var entries: [Entry] = []
    for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    where !line.trimmingCharacters(in: .whitespaces).isEmpty {
      guard let value = try? JSONParser.parse(String(line)), let path = value["cassette"]?.stringValue,
        case .number(let count)? = value["interactions"], let interactionCount = Int(count.description),
        case .array(let played)? = value["played"]
      else {
        throw CassetteUsageLogError(path: url.path, line: number + 1)
      }
      entries.append(
        Entry(
          cassettePath: path, interactionCount: interactionCount,
          played: played.compactMap { if case .number(let n) = $0 { Int(n.description) } else { nil } },
          rewritten: value["rewritten"] == .bool(true)))
    }
    return entries
  }
}

/// A usage log line that is not an entry.
///
/// ```swift
/// // usage.log, line 3: not a usage entry; delete the log and run the tests again with TAPEDECK_USAGE_LOG set.
/// ```
public struct CassetteUsageLogError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The log file.
  public let path: String
  /// The 1-based line.
  public let line: Int

  public var description: String {
    "\(path), line \(line): not a usage entry; delete the log and run the tests again with TAPEDECK_USAGE_LOG set."
  }
}
