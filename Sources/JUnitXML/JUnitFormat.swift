import Foundation
import TapedeckSupport

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

  /// UTC `YYYY-MM-DDThh:mm:ss` (no zone: the Ant schema forbids one; Jenkins and Azure read UTC).
  ///
  /// Total: dates before year 1 or after year 9999 are clamped to its first or last second, and
  /// an undefined (NaN) date is written as 1970-01-01T00:00:00, so the Ant schema's four-digit
  /// pattern always holds.
  static func timestamp(_ date: Date) -> String {
    CivilTime.text(ofSecond: CivilTime.wholeSecond(of: date))
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
