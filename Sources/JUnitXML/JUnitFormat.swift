import Foundation

/// The number and date forms every consumer accepts.
enum JUnitFormat {
  /// The longest time written, in milliseconds: `9223372036854775.807` seconds (about 292
  /// million years). Longer times, including infinity, are written as this.
  static let maximumMilliseconds = Int64.max

  /// Seconds with exactly three decimals, never an exponent: `0.012`, `12.345`.
  ///
  /// Total: NaN, negative times and zero are `0.000`; times past ``maximumMilliseconds``
  /// (`1e300`, infinity) are clamped to it.
  static func time(_ seconds: Double) -> String {
    let milliseconds = Self.milliseconds(seconds)
    let fraction = milliseconds % 1000
    return "\(milliseconds / 1000)." + (fraction < 10 ? "00" : fraction < 100 ? "0" : "") + "\(fraction)"
  }

  /// Whole milliseconds, clamped to `0...Int64.max`.
  static func milliseconds(_ seconds: Double) -> Int64 {
    guard !seconds.isNaN, seconds > 0 else { return 0 }
    let scaled = (seconds * 1000).rounded()
    // 2^63 is the first Double that `Int64(_:)` cannot hold; infinity is past it too.
    guard scaled < 9_223_372_036_854_775_808.0 else { return maximumMilliseconds }
    return Int64(scaled)
  }

  /// The earliest timestamp written: 0001-01-01T00:00:00 (XML Schema 1.0's `xs:dateTime` has no
  /// year 0000).
  static let earliestSecond: Int64 = -62_135_596_800
  /// The latest timestamp written: 9999-12-31T23:59:59 (four-digit years only).
  static let latestSecond: Int64 = 253_402_300_799

  /// UTC `YYYY-MM-DDThh:mm:ss` (no zone: the Ant schema forbids one; Jenkins and Azure read UTC).
  ///
  /// Total: dates before year 1 or after year 9999 are clamped to its first or last second, and
  /// an undefined (NaN) date is written as 1970-01-01T00:00:00, so the Ant schema's four-digit
  /// pattern always holds.
  static func timestamp(_ date: Date) -> String {
    let interval = date.timeIntervalSince1970
    let second: Int64
    if interval.isNaN {
      second = 0
    } else if interval <= Double(earliestSecond) {
      second = earliestSecond
    } else if interval >= Double(latestSecond) {
      second = latestSecond
    } else {
      second = Int64(interval.rounded(.down))
    }
    return format(second)
  }

  /// `YYYY-MM-DDThh:mm:ss` for a second since 1970 within `earliestSecond...latestSecond`
  /// (proleptic Gregorian calendar, the days-from-civil algorithm).
  static func format(_ second: Int64) -> String {
    let days = second >= 0 ? second / 86_400 : (second - 86_399) / 86_400
    let secondOfDay = second - days * 86_400
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    func pad(_ value: Int64, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
      + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
  }

  /// The placeholder for a name the schemas require to be non-blank.
  static let unnamed = "unnamed"

  /// `name`, or `placeholder` when it is blank once sanitized: empty, only XML whitespace, or
  /// only what the sanitizer removes (ANSI escapes). The Ant schema's `xs:token` names with
  /// `minLength 1` reject such names.
  static func nonBlank(_ name: String, sanitizer: TextSanitizer, placeholder: String = unnamed) -> String {
    let cleaned = sanitizer.clean(name)
    let blank = cleaned.unicodeScalars.allSatisfy { [0x20, 0x09, 0x0A, 0x0D].contains($0.value) }
    return blank ? placeholder : name
  }
}
