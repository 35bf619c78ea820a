public import Foundation

/// How old a cassette may get: a number of days, weeks or hours (`90d`, `12w`, `36h`).
///
/// A cassette's age is that of its oldest interaction: a recording is a claim about the service
/// only as fresh as its oldest part. `tapedeck verify --max-age 90d` reports older cassettes,
/// and the test entry points fail or re-record them (`maxAge` in `CassetteConfiguration`).
///
/// ```swift
/// let limit = CassetteAge(parsing: "90d")!
/// limit.isExceeded(by: cassette, now: Date())
/// ```
public struct CassetteAge: Sendable, Hashable, CustomStringConvertible {
  /// The limit, in seconds.
  public let seconds: Int
  private let written: String

  /// A limit of `days` days.
  ///
  /// ```swift
  /// CassetteAge(days: 90).description  // "90d"
  /// ```
  public init(days: Int) {
    seconds = days * 86_400
    written = "\(days)d"
  }

  /// Parses `90d`, `12w`, `36h`, or a bare number of days; `nil` for anything else.
  ///
  /// ```swift
  /// CassetteAge(parsing: "12w")?.seconds  // 7257600
  /// ```
  public init?(parsing text: String) {
    let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    guard let last = trimmed.last else { return nil }
    let unit: Int
    var digits = Substring(trimmed)
    switch last {
    case "d": unit = 86_400
    case "w": unit = 7 * 86_400
    case "h": unit = 3600
    default: unit = 86_400
    }
    if last.isLetter { digits = digits.dropLast() }
    guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let count = Int(digits), count > 0, count < 1_000_000 else {
      return nil
    }
    seconds = count * unit
    written = last.isLetter ? trimmed : "\(trimmed)d"
  }

  public var description: String { written }

  /// The limit from `TAPEDECK_MAX_AGE`, or `nil` when it is unset.
  ///
  /// ```swift
  /// let limit = try CassetteAge.fromEnvironment()  // TAPEDECK_MAX_AGE=90d → 90d
  /// ```
  public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
    throws(CassetteAgeError) -> CassetteAge?
  {
    guard let text = environment["TAPEDECK_MAX_AGE"], !text.isEmpty else { return nil }
    guard let age = CassetteAge(parsing: text) else { throw CassetteAgeError(value: text) }
    return age
  }

  /// When the oldest interaction of `cassette` was recorded (`nil` for an empty cassette).
  public static func oldestRecording(in cassette: Cassette) -> Date? {
    cassette.interactions.map(\.recordedAt).min()
  }

  /// Whether a cassette whose oldest interaction was recorded at `oldest` is older than this limit.
  public func isExceeded(byRecordingAt oldest: Date?, now: Date = Date()) -> Bool {
    guard let oldest else { return false }
    return now.timeIntervalSince(oldest) > Double(seconds)
  }

  /// Whole days between `oldest` and `now`.
  public static func days(since oldest: Date, now: Date = Date()) -> Int {
    Int(now.timeIntervalSince(oldest) / 86_400)
  }
}

/// `TAPEDECK_MAX_AGE` (or `--max-age`) holds something that is not an age.
///
/// ```swift
/// // TAPEDECK_MAX_AGE=soon is not an age; write it like 90d, 12w or 36h.
/// ```
public struct CassetteAgeError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The value found.
  public let value: String

  /// An error for `value`.
  public init(value: String) { self.value = value }

  public var description: String { "TAPEDECK_MAX_AGE=\(value) is not an age; write it like 90d, 12w or 36h." }
}
