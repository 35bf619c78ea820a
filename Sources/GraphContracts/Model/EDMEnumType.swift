/// An enum type: named members with integer values, optionally combinable as flags.
///
/// ```swift
/// let status = EDMEnumType(qualifiedName: "microsoft.graph.complianceStatus", members: [("unknown", 0), ("compliant", 2)])
/// ```
public struct EDMEnumType: Sendable, Hashable {
  /// One member.
  public struct Member: Sendable, Hashable {
    /// The member's name (what JSON carries).
    public var name: String
    /// Its value.
    public var value: Int64
  }

  /// `namespace.Name`.
  public var qualifiedName: String
  /// The members, in declaration order.
  public var members: [Member]
  /// Whether values combine (`"a,b"` in JSON).
  public var isFlags: Bool
  /// The underlying integer type (default `Edm.Int32`).
  public var underlyingType: String

  /// Creates an enum type.
  public init(
    qualifiedName: String, members: [(String, Int64)], isFlags: Bool = false, underlyingType: String = "Edm.Int32"
  ) {
    self.qualifiedName = qualifiedName
    self.members = members.map { Member(name: $0.0, value: $0.1) }
    self.isFlags = isFlags
    self.underlyingType = underlyingType
  }

  /// The unqualified name.
  public var name: String { QualifiedName.last(qualifiedName) }
}
