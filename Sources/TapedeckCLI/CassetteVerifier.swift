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
  /// A version to validate against instead of the URL's (`--graph-version`).
  let version: GraphVersion?
  /// One validator per version (each compiles its types once).
  let validators: [GraphVersion: ContractValidator]

  /// The largest body a cassette may hold.
  let bodySizeLimit: BodySizeLimit
  /// Endpoints the team allows beyond the documented ones.
  let allowList: EndpointAllowList
  /// The redaction rules the audit checks against, built once for the whole run.
  let auditRules = CassetteAudit.rules()

  init(
    model: EDMModel?, version: GraphVersion?, bodySizeLimit: BodySizeLimit = .default,
    allowList: EndpointAllowList = EndpointAllowList(entries: [])
  ) {
    self.model = model
    self.allowList = allowList
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
            interaction: nil, path: error.location ?? "$", rule: error.kind == .unreadable ? "unreadable" : "parse",
            message: error.description, isWarning: false)
        ])
    }
    var findings: [Finding] = []
    for (index, interaction) in cassette.interactions.enumerated() {
      findings += check(interaction, index: index)
    }
    for finding in CassetteAudit.findings(in: cassette, rules: auditRules) {
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
    if allowList.entry(method: request.method.rawValue, url: request.url) != nil { return [] }
    if request.method == .get { return checkRead(interaction, base: base, finding: finding) }
    guard
      let match = EndpointCatalog.documented.match(
        request.url, model: model ?? version.map(BuiltInContracts.model(for:)))
    else {
      return [
        finding(
          "\(base).request.url", "endpoint",
          "\(request.method.rawValue) \(request.url) is not a documented device-status endpoint; if your client really calls it, allow it in \(EndpointAllowList.defaultFileName) with a reason"
        )
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
      let refused = interaction.response.status.code == 400 && responseBody.flatMap(GraphError.init) != nil
      if let body = request.body?.jsonValue {
        // A body the service refused with a 400 Graph error is a recorded negative test: its
        // violations are what the answer says, so they are warnings, not findings.
        let violations = validator.validate(body, as: type, body: .request)
        add(
          refused ? violations.map { $0.withSeverity(.warning) } : violations, under: "\(base).request.body.json")
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

  /// A GET: a configuration or policy (list or item), a documented status (entity), or a
  /// documented status collection (each item checked).
  func checkRead(_ interaction: Interaction, base: String, finding: (String, String, String, Bool) -> Finding)
    -> [Finding]
  {
    let request = interaction.request
    let status = interaction.response.status.code
    let body = interaction.response.body?.jsonValue
    if status != 200 {
      if body.flatMap(GraphError.init) == nil {
        return [finding("\(base).response", "unexpectedAnswer", "status \(status) without a Graph error body", false)]
      }
      return []
    }
    guard let body else {
      return [finding("\(base).response.body", "unexpectedAnswer", "a 200 answer to GET needs a JSON body", false)]
    }
    let model = model ?? version.map(BuiltInContracts.model(for:))
    var found: [Finding] = []
    func add(_ violations: [Violation]) {
      for violation in violations {
        found.append(
          finding(
            "\(base).response.body.json" + String(violation.path.dropFirst()), violation.rule.rawValue,
            "expected \(violation.expected), found \(violation.actual)", violation.severity == .warning))
      }
    }
    if Self.isDeviceManagementItemRead(request.url) { return [] }
    if let match = EndpointCatalog.documented.match(request.url, model: model), match.resolution.resolves,
      let type = match.resolution.targetType
    {
      add(validator(for: match.version).validate(body, as: GraphType(type)))
      return found
    }
    // A status collection: the documented entity path without its key, or the collection stub.
    let collection =
      EndpointCatalog.documented.match(request.url.split(separator: "?").first.map { $0 + "/key" } ?? "", model: model)
      .flatMap { $0.resolution.resolves ? $0 : nil }
      ?? EndpointCatalog.documented.match(request.url, model: model)
    if let match = collection, let type = match.resolution.targetType {
      add(validator(for: match.version).validateCollection(body, of: GraphType(type)))
      return found
    }
    return [
      finding(
        "\(base).request.url", "endpoint",
        "GET \(request.url) is not a documented read (device-status entities and collections, configurations and compliance policies); if your client really calls it, allow it in \(EndpointAllowList.defaultFileName) with a reason",
        false)
    ]
  }

  /// `/{version}/deviceManagement/{deviceConfigurations|deviceCompliancePolicies}[/{id}]`.
  static func isDeviceManagementItemRead(_ url: String) -> Bool {
    guard let (_, segments) = EndpointCatalog.split(url) else { return false }
    return (segments.count == 2 || segments.count == 3) && segments[0] == "deviceManagement"
      && (segments[1] == "deviceConfigurations" || segments[1] == "deviceCompliancePolicies")
  }
}

extension Violation {
  /// The same violation with another severity.
  func withSeverity(_ severity: Severity) -> Violation {
    Violation(path: path, rule: rule, expected: expected, actual: actual, severity: severity)
  }
}
