public import TapedeckJSON

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
  let compiled: CompiledTypes

  /// A validator over a model (a loaded CSDL file, say).
  public init(model: EDMModel) {
    self.model = model
    self.compiled = CompiledTypes(model: model)
  }

  /// A validator over the built-in contracts of a Graph version.
  public init(version: GraphVersion) { self.init(model: BuiltInContracts.model(for: version)) }

  /// The violations of one entity or complex value, sorted by path.
  public func validate(_ value: JSONValue, as type: GraphType, body: BodyKind = .response) -> [Violation] {
    var run = ValidationRun(validator: self, kind: body)
    run.check(
      value,
      member: CompiledTypes.Member(
        reference: EDMTypeReference(typeName: type.qualifiedName, isNullable: false),
        target: compiled.target(of: type.qualifiedName)))
    return run.finished
  }

  /// The violations of a collection answer: `value` (each item of `type`), plus optional
  /// `@odata.count`, `@odata.nextLink` and other annotations.
  public func validateCollection(_ value: JSONValue, of type: GraphType) -> [Violation] {
    var run = ValidationRun(validator: self, kind: .response)
    run.checkCollectionAnswer(value, of: type.qualifiedName)
    return run.finished
  }
}
