import Synchronization
public import Tapedeck

/// Checks JSON bodies against an ``EDMModel`` and returns the violations; it never reports
/// by itself.
///
/// ```swift
/// let validator = ContractValidator(version: .beta)
/// let violations = validator.validate(body, as: .deviceConfigurationDeviceStatus)
/// ```
public struct ContractValidator: Sendable {
  /// What kind of body is checked: request bodies reject undeclared properties (the service
  /// does); responses report them as ``unknownPropertiesInResponses`` says.
  public enum BodyKind: Sendable, Hashable {
    /// A PATCH request body.
    case request
    /// A response body.
    case response
  }

  /// The model checked against.
  public let model: EDMModel
  /// Severity of an undeclared property in a response (default: warning).
  public var unknownPropertiesInResponses: Violation.Severity = .warning
  let cache: FlattenedTypes

  /// A validator over a model (a loaded CSDL file, say).
  public init(model: EDMModel) {
    self.model = model
    self.cache = FlattenedTypes(model: model)
  }

  /// A validator over the built-in contracts of a Graph version.
  public init(version: GraphVersion) { self.init(model: BuiltInContracts.model(for: version)) }

  /// The violations of one entity or complex value.
  public func validate(_ value: JSONValue, as type: GraphType, body: BodyKind = .response) -> [Violation] {
    var run = ValidationRun(validator: self, kind: body)
    run.check(value, against: type.qualifiedName, nullable: false)
    return run.violations
  }

  /// The violations of a collection answer: `value` (each item of `type`), plus optional
  /// `@odata.count`, `@odata.nextLink` and other annotations.
  public func validateCollection(_ value: JSONValue, of type: GraphType) -> [Violation] {
    var run = ValidationRun(validator: self, kind: .response)
    run.checkCollectionAnswer(value, of: type.qualifiedName)
    return run.violations
  }
}

/// Per-type flattened properties (inherited ones included), computed once per type.
final class FlattenedTypes: Sendable {
  struct Flat: Sendable {
    let type: EDMStructuredType
    let properties: [String: EDMProperty]
    let navigations: [String: EDMNavigationProperty]
    let acceptsUndeclared: Bool
  }

  let model: EDMModel
  private let table = Mutex<[String: Flat]>([:])

  init(model: EDMModel) { self.model = model }

  func flat(_ name: String) -> Flat? {
    if let hit = table.withLock({ $0[name] }) { return hit }
    guard let type = model.structuredType(named: name) else { return nil }
    let lineage = model.lineage(of: type)
    let flat = Flat(
      type: type, properties: model.allProperties(of: type), navigations: model.allNavigationProperties(of: type),
      acceptsUndeclared: lineage.contains { $0.isOpen || $0.isPartial })
    table.withLock { $0[name] = flat }
    return flat
  }
}
