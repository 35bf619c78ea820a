import Foundation
import GraphContracts
import GraphTenant
import HTTPTypes
import Tapedeck

/// Checks recorded cassettes: each parses, each interaction's URL is a documented endpoint
/// that resolves, PATCH bodies conform, answers conform (an entity, a 204, or a well-formed
/// Graph error), and the redaction audit is clean.
struct CassetteVerifier {
  /// One finding: which interaction (nil for the file as a whole), where, what.
  struct Finding: Hashable {
    let interaction: Int?
    let path: String
    let rule: String
    let message: String
    let isWarning: Bool
  }

  /// The result for one cassette.
  struct Result {
    let file: URL
    let displayPath: String
    let interactionCount: Int
    let interactions: [Interaction]
    let findings: [Finding]

    var errors: [Finding] { findings.filter { !$0.isWarning } }
  }

  /// A model to use instead of the built-in contracts (`--metadata`).
  let model: EDMModel?
  /// A version to validate against instead of the URL's (`--version`).
  let version: GraphVersion?
  /// One validator per version (each compiles its types once).
  let validators: [GraphVersion: ContractValidator]

  /// The largest body a cassette may hold.
  let bodySizeLimit: BodySizeLimit

  init(model: EDMModel?, version: GraphVersion?, bodySizeLimit: BodySizeLimit = .default) {
    self.model = model
    self.bodySizeLimit = bodySizeLimit
    self.version = version
    var validators: [GraphVersion: ContractValidator] = [:]
    let shared = model.map(ContractValidator.init(model:))
    for candidate in GraphVersion.allCases {
      validators[candidate] = shared ?? ContractValidator(version: version ?? candidate)
    }
    self.validators = validators
  }

  func validator(for version: GraphVersion) -> ContractValidator { validators[version]! }

  func verify(_ file: URL, displayPath: String) -> Result {
    let cassette: Cassette
    do {
      cassette = try CassetteFile.load(from: file, bodySizeLimit: bodySizeLimit)
    } catch {
      return Result(
        file: file, displayPath: displayPath, interactionCount: 0, interactions: [],
        findings: [
          Finding(
            interaction: nil, path: error.location ?? "$", rule: "parse", message: error.description, isWarning: false)
        ])
    }
    var findings: [Finding] = []
    for (index, interaction) in cassette.interactions.enumerated() {
      findings += check(interaction, index: index)
    }
    for finding in CassetteAudit.findings(in: cassette) {
      let interaction = finding.path.split(separator: "[").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) }
      findings.append(
        Finding(interaction: interaction, path: finding.path, rule: "audit", message: finding.problem, isWarning: false)
      )
    }
    return Result(
      file: file, displayPath: displayPath, interactionCount: cassette.interactions.count,
      interactions: cassette.interactions,
      findings: findings)
  }

  func check(_ interaction: Interaction, index: Int) -> [Finding] {
    let request = interaction.request
    let base = "$.interactions[\(index)]"
    if URL(string: request.url)?.path.hasSuffix("/oauth2/v2.0/token") == true { return [] }
    func finding(_ path: String, _ rule: String, _ message: String, warning: Bool = false) -> Finding {
      Finding(interaction: index, path: path, rule: rule, message: message, isWarning: warning)
    }
    guard
      let match = EndpointCatalog.documented.match(
        request.url, model: model ?? version.map(BuiltInContracts.model(for:)))
    else {
      return [
        finding(
          "\(base).request.url", "endpoint",
          "\(request.method.rawValue) \(request.url) is not a documented device-status endpoint")
      ]
    }
    var found: [Finding] = []
    if let problem = match.resolution.problem {
      found.append(finding("\(base).request.url", "endpoint", "\(match.template.path) does not resolve: \(problem)"))
      // A PATCH on a status collection still names the status type: its bodies are checked too.
      guard case .literal("deviceStatuses")? = match.template.segments.last, match.resolution.targetType != nil else {
        return found
      }
    }
    let type = GraphType(match.resolution.targetType ?? "")
    let validator = validator(for: match.version)
    func add(_ violations: [Violation], under prefix: String) {
      for violation in violations {
        let path = prefix + String(violation.path.dropFirst())
        found.append(
          finding(
            path, violation.rule.rawValue, "expected \(violation.expected), found \(violation.actual)",
            warning: violation.severity == .warning))
      }
    }
    let responseBody = interaction.response.body?.jsonValue
    switch request.method {
    case .patch:
      if let body = request.body?.jsonValue {
        add(validator.validate(body, as: type, body: .request), under: "\(base).request.body.json")
      } else {
        found.append(finding("\(base).request.body", "wrongType", "a PATCH needs a JSON body"))
      }
      let answer = validator.checkPatchAnswer(status: interaction.response.status.code, body: responseBody, as: type)
      if answer.graphError == nil { add(answer.violations, under: "\(base).response.body.json") }
    case .get:
      guard interaction.response.status.code == 200 else {
        if responseBody.flatMap(GraphError.init) == nil {
          found.append(
            finding(
              "\(base).response", "unexpectedAnswer",
              "status \(interaction.response.status.code) without a Graph error body"))
        }
        break
      }
      guard let body = responseBody else {
        found.append(finding("\(base).response.body", "unexpectedAnswer", "a 200 answer to GET needs the entity"))
        break
      }
      add(validator.validate(body, as: type), under: "\(base).response.body.json")
    default:
      found.append(
        finding(
          "\(base).request.method", "endpoint",
          "\(request.method.rawValue) is not a documented method for \(match.template.path)"))
    }
    return found
  }
}
