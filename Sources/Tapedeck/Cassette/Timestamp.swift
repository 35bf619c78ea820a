import Foundation
import TapedeckSupport

/// The cassette's timestamp form: `YYYY-MM-DDThh:mm:ssZ`, UTC, whole seconds.
enum Timestamp {
  /// `date` as `YYYY-MM-DDThh:mm:ssZ` (rounded down to the second; clamped to years 1–9999).
  static func format(_ date: Date) -> String {
    CivilTime.text(ofSecond: CivilTime.wholeSecond(of: date)) + "Z"
  }

  /// Parses `YYYY-MM-DDThh:mm:ss` with optional fraction and a `Z` offset: the UTC subset of
  /// what ``HARDate/parse(_:)`` reads.
  static func parse(_ text: String) -> Date? {
    let utf8 = text.utf8
    guard utf8.count >= 20, utf8.last == UInt8(ascii: "Z"),
      utf8[utf8.index(utf8.startIndex, offsetBy: 10)] == UInt8(ascii: "T")
    else { return nil }
    return HARDate.parse(text)
  }
}
