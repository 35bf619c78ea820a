import Foundation

/// The number and date forms every consumer accepts.
enum JUnitFormat {
  /// Seconds with exactly three decimals, never an exponent: `0.012`, `12.345`.
  static func time(_ seconds: Double) -> String {
    let milliseconds = seconds.isFinite && seconds > 0 ? Int64((seconds * 1000).rounded()) : 0
    let fraction = milliseconds % 1000
    return "\(milliseconds / 1000)." + (fraction < 10 ? "00" : fraction < 100 ? "0" : "") + "\(fraction)"
  }

  /// UTC `YYYY-MM-DDThh:mm:ss` (no zone: the Ant schema forbids one; Jenkins and Azure read UTC).
  static func timestamp(_ date: Date) -> String {
    let whole = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    return String(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).format(whole).dropLast())
  }
}
