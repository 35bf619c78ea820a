/// The EDM primitive types Graph uses.
///
/// ```swift
/// EDMPrimitiveType(qualifiedName: "Edm.Int32")  // .int32
/// ```
public enum EDMPrimitiveType: String, Sendable, Hashable, CaseIterable {
  case string = "Edm.String"
  case boolean = "Edm.Boolean"
  case byte = "Edm.Byte"
  case sbyte = "Edm.SByte"
  case int16 = "Edm.Int16"
  case int32 = "Edm.Int32"
  case int64 = "Edm.Int64"
  case single = "Edm.Single"
  case double = "Edm.Double"
  case decimal = "Edm.Decimal"
  case guid = "Edm.Guid"
  case date = "Edm.Date"
  case timeOfDay = "Edm.TimeOfDay"
  case dateTimeOffset = "Edm.DateTimeOffset"
  case duration = "Edm.Duration"
  case binary = "Edm.Binary"
  case stream = "Edm.Stream"
  case untyped = "Edm.Untyped"
  case primitiveType = "Edm.PrimitiveType"
  case geography = "Edm.Geography"
  case geographyPoint = "Edm.GeographyPoint"

  /// The primitive type with this `Edm.` name, or `nil`.
  public init?(qualifiedName: String) { self.init(rawValue: qualifiedName) }

  /// The inclusive integer range of an integral type, or `nil`.
  var integerRange: ClosedRange<Int64>? {
    switch self {
    case .byte: 0...255
    case .sbyte: -128...127
    case .int16: Int64(Int16.min)...Int64(Int16.max)
    case .int32: Int64(Int32.min)...Int64(Int32.max)
    case .int64: Int64.min...Int64.max
    default: nil
    }
  }
}
