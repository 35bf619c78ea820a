import Foundation

/// OData's DateTimeOffset literal: `YYYY-MM-DDThh:mm(:ss(.f{1,12})?)?` then `Z` or `±hh:mm`
/// (the offset is required), or a bare date meaning its midnight in UTC.
enum ODataDate {
  static func parse(_ text: String) -> Date? {
    let pattern = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,12}))?)?(Z|[+-]\d{2}:\d{2}))?$/
    guard let match = text.wholeMatch(of: pattern) else { return nil }
    var components = DateComponents()
    components.calendar = Calendar(identifier: .gregorian)
    components.timeZone = TimeZone(identifier: "UTC")
    components.year = Int(match.1)
    components.month = Int(match.2)
    components.day = Int(match.3)
    components.hour = match.4.flatMap { Int($0) } ?? 0
    components.minute = match.5.flatMap { Int($0) } ?? 0
    components.second = match.6.flatMap { Int($0) } ?? 0
    guard let month = components.month, (1...12).contains(month), let day = components.day, (1...31).contains(day),
      var date = components.date
    else { return nil }
    if let fraction = match.7 { date += Double("0." + fraction) ?? 0 }
    if let offset = match.8, offset != "Z" {
      let sign: Double = offset.hasPrefix("-") ? -1 : 1
      let hours = Double(offset.dropFirst().prefix(2)) ?? 0
      let minutes = Double(offset.suffix(2)) ?? 0
      date -= sign * (hours * 3600 + minutes * 60)
    }
    return date
  }
}
