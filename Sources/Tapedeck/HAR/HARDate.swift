import Foundation
import TapedeckSupport

/// HAR's `startedDateTime`: ISO 8601 with a fraction and an offset (`2026-11-22T10:00:00.123+01:00`,
/// `…Z`), as browsers and proxies write it.
enum HARDate {
  /// `date` as `YYYY-MM-DDThh:mm:ss.000Z` (whole seconds, UTC, like a cassette's `recordedAt`).
  static func format(_ date: Date) -> String {
    CivilTime.text(ofSecond: CivilTime.wholeSecond(of: date)) + ".000Z"
  }

  /// Parses `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm|±hhmm)`; `nil` for anything else.
  static func parse(_ text: String) -> Date? {
    let bytes = Array(text.utf8)
    guard bytes.count >= 20, bytes.count <= 64 else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      guard range.upperBound <= bytes.count else { return nil }
      var value = 0
      for index in range {
        let byte = bytes[index]
        guard byte >= 48, byte <= 57 else { return nil }
        value = value * 10 + Int(byte - 48)
      }
      return value
    }
    guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
      bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
      let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
      (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
    else { return nil }
    var index = 19
    var fraction = 0.0
    if bytes[index] == UInt8(ascii: ".") {
      index += 1
      var scale = 0.1
      let start = index
      while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
        fraction += Double(bytes[index] - 48) * scale
        scale /= 10
        index += 1
      }
      guard index > start else { return nil }
    }
    guard index < bytes.count else { return nil }
    var offset = 0
    switch bytes[index] {
    case UInt8(ascii: "Z"), UInt8(ascii: "z"):
      guard index + 1 == bytes.count else { return nil }
    case UInt8(ascii: "+"), UInt8(ascii: "-"):
      let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
      let rest = bytes.count - index - 1
      let hours: Int?
      let minutes: Int?
      if rest == 5, bytes[index + 3] == UInt8(ascii: ":") {
        (hours, minutes) = (number(index + 1..<index + 3), number(index + 4..<index + 6))
      } else if rest == 4 {
        (hours, minutes) = (number(index + 1..<index + 3), number(index + 3..<index + 5))
      } else {
        return nil
      }
      guard let hours, let minutes, hours < 24, minutes < 60 else { return nil }
      offset = sign * (hours * 3600 + minutes * 60)
    default:
      return nil
    }
    let days = CivilTime.days(year: Int64(year), month: Int64(month), day: Int64(day))
    let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
    return Date(timeIntervalSince1970: Double(seconds) + fraction)
  }
}
