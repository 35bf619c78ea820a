/// A Microsoft Graph API version.
///
/// ```swift
/// GraphVersion(rawValue: "v1.0")  // .v1_0
/// ```
public enum GraphVersion: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// `/beta`.
  case beta = "beta"
  /// `/v1.0`.
  case v1_0 = "v1.0"

  public var description: String { rawValue }
}
