/// A small JSONPath subset that names parts of a body: `$.status`, `$.value[0].id`,
/// `$.value[*].userName`, `$['odd key']` and `$..lastReportedDateTime` (any depth).
///
/// ```swift
/// let path: JSONPath = "$..lastReportedDateTime"
/// let trimmed = path.removing(from: body)
/// ```
public struct JSONPath: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
  package enum Segment: Sendable, Hashable {
    case key(String)
    case index(Int)
    case anyElement
    case anyDepth(String)
  }

  package let segments: [Segment]
  /// The text given when parsed; rebuilt from the segments otherwise (only when asked, so
  /// building paths while decoding costs nothing until an error needs one).
  private let written: String?

  /// The path as written.
  public var description: String { written ?? Self.text(of: segments) }

  /// Parses a path; returns `nil` when it is not of the supported form.
  ///
  /// ```swift
  /// JSONPath(parsing: "$.value[*].status")
  /// ```
  public init?(parsing text: String) {
    guard let segments = Self.parse(text) else { return nil }
    self.segments = segments
    self.written = text
  }

  /// A path from a literal; an unsupported literal matches nothing and keeps its text.
  public init(stringLiteral value: String) {
    self.segments = Self.parse(value) ?? [.key("\u{0}invalid-path")]
    self.written = value
  }

  package init(segments: [Segment]) {
    self.segments = segments
    self.written = nil
  }

  package static func text(of segments: [Segment]) -> String {
    var text = "$"
    for segment in segments {
      switch segment {
      case .key(let key): text += member(key)
      case .index(let index): text += "[\(index)]"
      case .anyElement: text += "[*]"
      case .anyDepth(let key): text += "..\(key)"
      }
    }
    return text
  }

  /// Paths are equal when they name the same parts.
  public static func == (lhs: JSONPath, rhs: JSONPath) -> Bool { lhs.segments == rhs.segments }

  public func hash(into hasher: inout Hasher) { hasher.combine(segments) }

  /// The root path `$`.
  public static let root = JSONPath(segments: [])

  /// This path extended by an object key.
  package func appending(key: String) -> JSONPath { JSONPath(segments: segments + [.key(key)]) }
  /// This path extended by an array index.
  package func appending(index: Int) -> JSONPath { JSONPath(segments: segments + [.index(index)]) }

  /// One object member as path text: `.status`, or `['@odata.type']` for a key that is not plain.
  package static func member(_ key: String) -> String {
    isPlainKey(key) ? ".\(key)" : "['\(key)']"
  }

  package static func isPlainKey(_ key: String) -> Bool {
    !key.isEmpty
      && key.unicodeScalars.allSatisfy {
        $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "@"
      }
  }

  package static func parse(_ text: String) -> [Segment]? {
    var rest = Substring(text)
    guard rest.first == "$" else { return nil }
    rest.removeFirst()
    var segments: [Segment] = []
    while let first = rest.first {
      if rest.hasPrefix("..") {
        rest.removeFirst(2)
        let name = rest.prefix { $0 != "." && $0 != "[" }
        guard !name.isEmpty else { return nil }
        segments.append(.anyDepth(String(name)))
        rest.removeFirst(name.count)
      } else if first == "." {
        rest.removeFirst()
        let name = rest.prefix { $0 != "." && $0 != "[" }
        guard !name.isEmpty else { return nil }
        segments.append(name == "*" ? .anyElement : .key(String(name)))
        rest.removeFirst(name.count)
      } else if first == "[" {
        guard let close = rest.firstIndex(of: "]") else { return nil }
        let inner = rest[rest.index(after: rest.startIndex)..<close]
        if inner == "*" {
          segments.append(.anyElement)
        } else if let index = Int(inner), index >= 0 {
          segments.append(.index(index))
        } else if inner.count >= 2, let quote = inner.first, quote == "'" || quote == "\"", inner.last == quote {
          segments.append(.key(String(inner.dropFirst().dropLast())))
        } else {
          return nil
        }
        rest = rest[rest.index(after: close)...]
      } else {
        return nil
      }
    }
    return segments
  }

  /// The value with every part this path names taken out.
  public func removing(from value: JSONValue) -> JSONValue {
    Self.remove(segments[...], from: value)
  }

  private static func remove(_ segments: ArraySlice<Segment>, from value: JSONValue) -> JSONValue {
    guard let segment = segments.first else { return value }
    let rest = segments.dropFirst()
    switch (segment, value) {
    case (.key(let key), .object(var members)):
      guard let child = members[key] else { return value }
      if rest.isEmpty { members[key] = nil } else { members[key] = remove(rest, from: child) }
      return .object(members)
    case (.index(let index), .array(var elements)):
      guard elements.indices.contains(index) else { return value }
      if rest.isEmpty { elements.remove(at: index) } else { elements[index] = remove(rest, from: elements[index]) }
      return .array(elements)
    case (.anyElement, .array(let elements)):
      return rest.isEmpty ? .array([]) : .array(elements.map { remove(rest, from: $0) })
    case (.anyElement, .object(let members)):
      return rest.isEmpty ? .object([:]) : .object(members.mapValues { remove(rest, from: $0) })
    case (.anyDepth(let key), .object(var members)):
      if members[key] != nil {
        if rest.isEmpty { members[key] = nil } else { members[key] = remove(rest, from: members[key]!) }
      }
      return .object(members.mapValues { remove(segments, from: $0) })
    case (.anyDepth, .array(let elements)):
      return .array(elements.map { remove(segments, from: $0) })
    default:
      return value
    }
  }
}
