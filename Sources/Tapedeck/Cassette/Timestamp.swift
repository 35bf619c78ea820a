import Foundation
import TapedeckSupport

/// The cassette's timestamp form: `YYYY-MM-DDThh:mm:ssZ`, UTC, whole seconds.
enum Timestamp {
  /// `date` as `YYYY-MM-DDThh:mm:ssZ` (rounded down to the second; clamped to years 1–9999).
  static func format(_ date: Date) -> String {
    CivilTime.text(ofSecond: CivilTime.wholeSecond(of: date)) + "Z"
  }

  /// Parses `YYYY-MM-DDThh:mm:ss` with optional fraction and a `Z` offset.
  static func parse(_ text: String) -> Date? {
    let bytes = Array(text.utf8)
    guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z") else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for index in range {
        let byte = bytes[index]
        guard byte >= 48, byte <= 57 else { return nil }
        value = value * 10 + Int(byte - 48)
      }
      return value
    }
    guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
      bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
      let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
      (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
    else { return nil }
    var fraction = 0.0
    if bytes.count > 20 {
      guard bytes[19] == UInt8(ascii: "."), bytes.count > 21, let digits = number(20..<(bytes.count - 1)) else {
        return nil
      }
      fraction = Double(digits) / pow(10, Double(bytes.count - 21))
    } else if bytes[19] != UInt8(ascii: "Z") {
      return nil
    }
    let days = CivilTime.days(year: Int64(year), month: Int64(month), day: Int64(day))
    return Date(
      timeIntervalSince1970: Double(days * 86_400 + Int64(hour * 3600 + minute * 60 + second)) + fraction)
  }
}
