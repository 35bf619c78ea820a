import ArgumentParser
import Foundation
import GraphContracts

/// `tapedeck endpoints`: the documented PATCH templates and whether they resolve.
struct EndpointsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "endpoints",
    abstract: "List the documented device-status PATCH templates and whether each resolves against the model.",
    discussion: """
      Without --metadata, each template is resolved against the built-in beta and v1.0 contracts; \
      with --metadata, against that CSDL file only.
      """
  )

  @Option(help: ArgumentHelp("A CSDL ($metadata) file to resolve the templates against.", valueName: "file"))
  var metadata: String?

  func run() throws {
    let models: [(String, EDMModel)]
    if let metadata {
      models = [(metadata, try ContractSource.model(version: .beta, metadata: metadata))]
    } else {
      models = GraphVersion.allCases.map { ($0.rawValue, BuiltInContracts.model(for: $0)) }
    }
    for template in EndpointCatalog.documented.templates {
      print("\(template.method) \(template.path)")
      print("  documented in: \(template.source)")
      for (name, model) in models {
        let resolution = TemplateResolution.resolve(template.segments, in: model)
        if let problem = resolution.problem {
          print("  \(name): does not resolve: \(problem)")
        } else {
          print("  \(name): resolves to \(resolution.targetType ?? "?")")
        }
      }
    }
  }
}
