import Foundation
import TapedeckJSON

/// A value as `$orderby` orders it: null first, then numbers, instants and text (text without
/// regard to case, enum members in their declared order).
struct ODataSortKey: Comparable {
  private let rank: Int
  private let number: Double
  private let text: String

  init(_ value: JSONValue, kind: ODataSchema.Kind?) {
    switch (value, kind) {
    case (.null, _): (rank, number, text) = (0, 0, "")
    case (.number(let value), _): (rank, number, text) = (1, value.doubleValue, "")
    case (.bool(let flag), _): (rank, number, text) = (1, flag ? 1 : 0, "")
    case (.string(let value), .dateTimeOffset?):
      (rank, number, text) = (1, ODataDate.parse(value)?.timeIntervalSince1970 ?? 0, "")
    case (.string(let value), .enumeration(_, let members)?):
      (rank, number, text) = (1, Double(members.firstIndex(of: value) ?? members.count), "")
    case (.string(let value), _): (rank, number, text) = (2, 0, value.lowercased())
    default: (rank, number, text) = (3, 0, "")
    }
  }

  static func < (left: ODataSortKey, right: ODataSortKey) -> Bool {
    (left.rank, left.number, left.text) < (right.rank, right.number, right.text)
  }
}
