import Foundation

/// A name–value property.
public struct TestProperty: Sendable, Hashable {
  /// The name.
  public var name: String
  /// The value.
  public var value: String

  /// Creates a property.
  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}
