import Foundation
import GraphContracts

/// Where contracts come from: the built-in ones, or a CSDL file.
enum ContractSource {
  static func model(version: GraphVersion, metadata: String?) throws -> EDMModel {
    guard let metadata else { return BuiltInContracts.model(for: version) }
    do {
      return try CSDLLoader.load(contentsOf: URL(fileURLWithPath: metadata))
    } catch {
      throw CommandFailure.input(error.description)
    }
  }

  static func validator(version: GraphVersion, metadata: String?) throws -> ContractValidator {
    ContractValidator(model: try model(version: version, metadata: metadata))
  }
}
