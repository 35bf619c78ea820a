import Foundation
import TapedeckJSON

/// The system query options of a collection or entity request, read as the service reads them:
/// `$select`, `$filter`, `$orderby`, `$top`, `$skip`, `$skiptoken`, `$count`; on beta the `$`
/// may be left out. Unknown `$` options, repeated options and malformed values are refused with
/// the service's messages; options without `$` that are not system options are left alone.
struct ODataQuery: Sendable {
  var select: [String]?
  var filter: ODataFilter?
  var orderBy: [(property: String, descending: Bool)] = []
  var top: Int?
  var skip = 0
  var skipToken: Int?
  var count = false
  /// The options as sent, minus `$skip`/`$skiptoken` (what a next link carries on).
  var carried: [(name: String, value: String)] = []

  /// The options the sandbox applies.
  static let supported: Set<String> = ["select", "filter", "orderby", "top", "skip", "skiptoken", "count"]
  /// Options the service knows but these collections refuse.
  static let refused: Set<String> = ["expand", "search", "apply", "compute", "levels", "deltatoken", "format"]

  /// Reads a raw query string (`a=b&c=d`, percent-encoded).
  init(query: String?, schema: ODataSchema, isBeta: Bool) throws(ODataQueryError) {
    var seen: Set<String> = []
    for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(Self.decode)
      let rawName = parts[0]
      let value = parts.count > 1 ? parts[1] : ""
      let hasDollar = rawName.hasPrefix("$")
      let name = (hasDollar ? String(rawName.dropFirst()) : rawName).lowercased()
      guard hasDollar || (isBeta && Self.supported.contains(name)) else { continue }
      guard Self.supported.contains(name) else {
        if Self.refused.contains(name) {
          throw .option("Query option '$\(name)' is not supported by this resource.")
        }
        throw .option("The query parameter '\(rawName)' is not supported.")
      }
      guard seen.insert(name).inserted else {
        throw .option(
          "Query option '$\(name)' was specified more than once, but it must be specified at most once.")
      }
      if name != "skip" && name != "skiptoken" { carried.append(("$" + name, value)) }
      try apply(name, value, schema: schema)
    }
  }

  private mutating func apply(_ name: String, _ value: String, schema: ODataSchema) throws(ODataQueryError) {
    switch name {
    case "select":
      let names = try Self.propertyList(value, option: "$select")
      if names == ["*"] { return }
      for property in names where schema.kind(of: property) == nil {
        throw .unknownProperty(property, type: schema.typeName)
      }
      select = names
    case "filter":
      filter = try ODataFilter(parsing: value, schema: schema)
    case "orderby":
      for clause in try Self.propertyList(value, option: "$orderby") {
        let words = clause.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard (1...2).contains(words.count), words.count == 1 || ["asc", "desc"].contains(words[1]) else {
          throw .option("Syntax error at position \(clause.count) in '\(value)'.")
        }
        guard schema.kind(of: words[0]) != nil else { throw .unknownProperty(words[0], type: schema.typeName) }
        orderBy.append((words[0], words.count == 2 && words[1] == "desc"))
      }
    case "top", "skip":
      guard let number = Int(value), number >= 0 else {
        throw .option(
          "Invalid value '\(value)' for $\(name) query option found. The $\(name) query option requires a "
            + "non-negative integer value.")
      }
      if name == "top" { top = number } else { skip = number }
    case "skiptoken":
      guard let offset = ODataSkipToken.offset(value) else {
        throw .option("The $skiptoken '\(value)' is not valid. Use the @odata.nextLink of the previous page as it is.")
      }
      skipToken = offset
    default:
      guard let flag = Bool(value.lowercased()) else {
        throw .option("'\(value)' is not a valid count option.")
      }
      count = flag
    }
  }

  /// A comma-separated list, trimmed; an empty entry is a syntax error.
  private static func propertyList(_ value: String, option: String) throws(ODataQueryError) -> [String] {
    let names = value.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    guard !names.contains(where: \.isEmpty) else {
      throw .option(
        "Syntax error: character ',' is not valid at position \(value.firstIndex(of: ",").map { value.distance(from: value.startIndex, to: $0) } ?? 0) in '\(value)'."
      )
    }
    return names
  }

  private static func decode(_ part: Substring) -> String {
    String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
  }

  // MARK: - Applying

  /// Filters, orders, and cuts a page out of `items`; returns the page, the matched total, and
  /// the offset of the next page when there is one.
  func page(of items: [[String: JSONValue]], schema: ODataSchema, pageSize: Int) -> (
    page: [[String: JSONValue]], total: Int, next: Int?
  ) {
    var matched = filter.map { filter in items.filter(filter.matches) } ?? items
    if !orderBy.isEmpty {
      matched = Self.sorted(matched, by: orderBy, schema: schema)
    }
    let start = min(skipToken ?? skip, matched.count)
    let size = max(0, min(top ?? pageSize, Self.maximumPageSize))
    let end = min(matched.count, start + size)
    let next = end < matched.count && size > 0 ? end : nil
    return (Array(matched[start..<end]), matched.count, next)
  }

  /// The largest page the service answers, whatever `$top` asks.
  static let maximumPageSize = 999

  /// A projection of `item` on `$select` (all members when there is none).
  func project(_ item: [String: JSONValue]) -> [String: JSONValue] {
    guard let select else { return item }
    var members: [String: JSONValue] = [:]
    for name in select { members[name] = item[name] ?? .null }
    return members
  }

  /// `(a,b)` for a context URL when `$select` is present.
  var selectSuffix: String { select.map { "(" + $0.joined(separator: ",") + ")" } ?? "" }

  /// A stable sort on the `$orderby` clauses: nulls first ascending, as OData orders them.
  private static func sorted(
    _ items: [[String: JSONValue]], by clauses: [(property: String, descending: Bool)], schema: ODataSchema
  ) -> [[String: JSONValue]] {
    let keyed = items.enumerated().map { offset, item in
      (offset, item, clauses.map { ODataSortKey(item[$0.property] ?? .null, kind: schema.kind(of: $0.property)) })
    }
    return keyed.sorted { left, right in
      for (index, clause) in clauses.enumerated() where left.2[index] != right.2[index] {
        return clause.descending ? right.2[index] < left.2[index] : left.2[index] < right.2[index]
      }
      return left.0 < right.0
    }.map(\.1)
  }
}
