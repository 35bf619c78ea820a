package import Foundation

/// The one calendar arithmetic for the timestamps Tapedeck writes (a cassette's `recordedAt`, a
/// JUnit suite's `timestamp`): UTC, whole seconds, the proleptic Gregorian calendar, four-digit
/// years, with Howard Hinnant's days-from-civil algorithms (no `Calendar`, no locale, no time
/// zone database).
///
/// ```swift
/// CivilTime.text(ofSecond: CivilTime.wholeSecond(of: date))  // "2026-11-22T10:00:00"
/// ```
package enum CivilTime {
  /// 0001-01-01T00:00:00, the earliest time written (XML Schema 1.0's `xs:dateTime` has no year 0).
  package static let earliestSecond: Int64 = -62_135_596_800
  /// 9999-12-31T23:59:59, the latest time written (four-digit years only).
  package static let latestSecond: Int64 = 253_402_300_799

  /// `date` as whole seconds since 1970, rounded down and clamped to
  /// `earliestSecond...latestSecond`; an undefined (NaN) date is 0.
  package static func wholeSecond(of date: Date) -> Int64 {
    let interval = date.timeIntervalSince1970
    if interval.isNaN { return 0 }
    if interval <= Double(earliestSecond) { return earliestSecond }
    if interval >= Double(latestSecond) { return latestSecond }
    return Int64(interval.rounded(.down))
  }

  /// `YYYY-MM-DDThh:mm:ss` for a second since 1970 within `earliestSecond...latestSecond`.
  package static func text(ofSecond second: Int64) -> String {
    let days = second >= 0 ? second / 86_400 : (second - 86_399) / 86_400
    let secondOfDay = second - days * 86_400
    let (year, month, day) = civil(fromDays: days)
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
      + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
  }

  /// Days since 1970-01-01 of a civil date.
  package static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The civil date `days` after 1970-01-01.
  package static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  private static func pad(_ value: Int64, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }
}
