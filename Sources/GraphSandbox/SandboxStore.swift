import Foundation
import GraphContracts
import TapedeckJSON
import TapedeckSupport

/// The sandbox tenant's data: device configurations (of concrete derived types, with the
/// certificate links the documented paths go through) and compliance policies, each with
/// device statuses. Generated from a seed; changed by PATCH; safe under concurrent requests.
final class SandboxStore: Sendable {
  struct Item: Sendable {
    let id: String
    let typeName: String
    var links: [String: [String]] = [:]
    var statusOrder: [String] = []
    var statuses: [String: [String: JSONValue]] = [:]
  }

  struct State: Sendable {
    var configurations: [String: Item] = [:]
    var configurationOrder: [String] = []
    var policies: [String: Item] = [:]
    var policyOrder: [String] = []
    var appliedPatches: [String] = []
  }

  let state: Locked<State>

  init(seed: UInt64) { state = Locked(Self.generate(seed: seed)) }

  // MARK: - Generation

  /// How many statuses the last configuration has (more than two pages).
  static let largeStatusCount = 250

  static let names = [
    "Adele Vance", "Alex Wilber", "Diego Siciliani", "Grady Archie", "Isaiah Langer", "Lynne Robbins",
  ]
  static let models: [JSONValue] = ["Surface Laptop 5", "iPhone 15", "MacBook Pro", "Lumia 950", .null]

  static func generate(seed: UInt64) -> State {
    var random = SeededGenerator(seed: seed)
    var state = State()
    /// An item of a type with two to four statuses (the generator's call order defines the tenant).
    func makeItem(_ type: String, links: [String: [String]] = [:]) -> Item {
      let id = random.guid()
      var item = Item(id: id, typeName: "microsoft.graph.\(type)", links: links)
      for _ in 0..<(2 + Int(random.next() % 3)) {
        let status = makeStatus(policy: id, random: &random)
        let statusID = status["id"]!.stringValue!
        item.statusOrder.append(statusID)
        item.statuses[statusID] = status
      }
      return item
    }
    func add(_ type: String, links: [String: [String]] = [:]) -> String {
      let item = makeItem(type, links: links)
      let id = item.id
      state.configurations[id] = item
      state.configurationOrder.append(id)
      return id
    }
    let iosRoot = add("iosTrustedRootCertificate")
    let macRoot = add("macOSTrustedRootCertificate")
    let phoneRoot = add("windowsPhone81TrustedRootCertificate")
    let windowsRoots = [add("windows81TrustedRootCertificate"), add("windows81TrustedRootCertificate")]
    _ = add("iosScepCertificateProfile", links: ["rootCertificate": [iosRoot]])
    let macScep = add("macOSScepCertificateProfile", links: ["rootCertificate": [macRoot]])
    let phoneScep = add("windowsPhone81SCEPCertificateProfile", links: ["rootCertificate": [phoneRoot]])
    _ = add("windowsPhone81VpnConfiguration", links: ["identityCertificate": [phoneScep]])
    _ = add(
      "macOSWiredNetworkConfiguration",
      links: ["identityCertificateForClientAuthentication": [macScep], "rootCertificateForServerValidation": [macRoot]])
    let windowsScep = add("windows81SCEPCertificateProfile")
    _ = add(
      "windowsWifiEnterpriseEAPConfiguration",
      links: [
        "identityCertificateForClientAuthentication": [windowsScep],
        "rootCertificatesForServerValidation": windowsRoots,
        "rootCertificateForClientValidation": [windowsRoots[0]],
      ])
    _ = add("windows10GeneralConfiguration")
    _ = add("windows10GeneralConfiguration")
    for type in ["windows10CompliancePolicy", "windows10CompliancePolicy", "iosCompliancePolicy"] {
      let item = makeItem(type)
      state.policies[item.id] = item
      state.policyOrder.append(item.id)
    }
    // Last, so the items above keep the ids they had: a fleet-wide configuration whose status
    // list is longer than a page (the sandbox pages at 100, as Intune's status lists do).
    var fleet = Item(id: random.guid(), typeName: "microsoft.graph.windows10GeneralConfiguration")
    for _ in 0..<largeStatusCount {
      let status = makeStatus(policy: fleet.id, random: &random)
      let statusID = status["id"]!.stringValue!
      fleet.statusOrder.append(statusID)
      fleet.statuses[statusID] = status
    }
    state.configurations[fleet.id] = fleet
    state.configurationOrder.append(fleet.id)
    return state
  }

  /// A status with the real service's value shapes: `<device>_<policy>_<user>` ids, `Z`
  /// offsets, trimmed fractions, the zero date for unset grace periods.
  static func makeStatus(policy: String, random: inout SeededGenerator) -> [String: JSONValue] {
    let name = random.pick(names)
    let user = name.lowercased().replacingOccurrences(of: " ", with: ".")
    let members = [
      "unknown", "notApplicable", "compliant", "remediated", "nonCompliant", "error", "conflict", "notAssigned",
    ]
    let reported = Date(timeIntervalSince1970: 1_790_000_000 + Double(random.next() % 5_000_000))
    let grace: JSONValue =
      random.next() % 3 == 0
      ? .string(timestamp(reported.addingTimeInterval(86_400 * 7), random: &random)) : "0001-01-01T00:00:00Z"
    return [
      "id": .string("\(random.guid())_\(policy)_\(random.guid())"),
      "deviceDisplayName": .string("DESKTOP-\(String(random.next() % 0xFFFFFF, radix: 16, uppercase: true))"),
      "userName": .string(name),
      "deviceModel": random.pick(models),
      "platform": 0,
      "complianceGracePeriodExpirationDateTime": grace,
      "status": .string(random.pick(members)),
      "lastReportedDateTime": .string(timestamp(reported, random: &random)),
      "userPrincipalName": .string("\(user)@contoso.example"),
    ]
  }

  /// `YYYY-MM-DDThh:mm:ss[.f{1,7}]Z` with trailing zeros trimmed, as Graph writes them.
  static func timestamp(_ date: Date, random: inout SeededGenerator) -> String {
    var text = String(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).format(date).dropLast())
    let digits = Int(random.next() % 8)
    if digits > 0 {
      var fraction = String(random.next() % 10_000_000)
      fraction = String(repeating: "0", count: max(0, 7 - fraction.count)) + fraction
      fraction = String(fraction.prefix(digits))
      while fraction.hasSuffix("0") { fraction.removeLast() }
      if !fraction.isEmpty { text += "." + fraction }
    }
    return text + "Z"
  }

  // MARK: - Addressing

  /// Where a status lives.
  enum Owner: Sendable, Hashable {
    case configuration(String)
    case policy(String)
  }

  /// Walks a URL's segments (already matched to a documented template) to a status owner and,
  /// when the URL names one, a status id. Returns a not-found message otherwise.
  func locate(template: EndpointTemplate, parameters: [String: String], model: EDMModel) -> Result<
    (Owner, String?), SandboxFailure
  > {
    state.withLock { state in
      var owner: Owner?
      var pendingCollection: String?
      var statusID: String?
      for segment in template.segments {
        switch segment {
        case .literal("deviceManagement"):
          continue
        case .literal("deviceConfigurations"), .literal("deviceCompliancePolicies"), .literal("deviceStatuses"):
          if case .literal(let name) = segment { pendingCollection = name }
        case .literal(let name) where name.contains("."):
          guard case .configuration(let id)? = owner, let item = state.configurations[id],
            let stored = model.structuredType(named: item.typeName), model.isType(stored, derivedFrom: name)
          else {
            return .failure(.notFound("The configuration is not of type '\(name)'."))
          }
        case .literal(let navigation):
          guard case .configuration(let id)? = owner, let targets = state.configurations[id]?.links[navigation],
            let first = targets.first
          else {
            return .failure(.notFound("Resource not found for the segment '\(navigation)'."))
          }
          let isCollection =
            state.configurations[id].flatMap { model.structuredType(named: $0.typeName) }
            .flatMap { model.allNavigationProperties(of: $0)[navigation]?.target.isCollection } ?? (targets.count > 1)
          if isCollection {
            pendingCollection = "link:\(id):\(navigation)"
          } else {
            owner = .configuration(first)
          }
        case .parameter(let name):
          let value = parameters[name] ?? ""
          switch pendingCollection {
          case "deviceConfigurations":
            guard state.configurations[value] != nil else {
              return .failure(.notFound("Resource not found: deviceConfiguration '\(value)'."))
            }
            owner = .configuration(value)
          case "deviceCompliancePolicies":
            guard state.policies[value] != nil else {
              return .failure(.notFound("Resource not found: deviceCompliancePolicy '\(value)'."))
            }
            owner = .policy(value)
          case "deviceStatuses":
            statusID = value
          case let link? where link.hasPrefix("link:"):
            let parts = link.split(separator: ":")
            guard state.configurations[String(parts[1])]?.links[String(parts[2])]?.contains(value) == true else {
              return .failure(.notFound("Resource not found: '\(value)' under '\(parts[2])'."))
            }
            owner = .configuration(value)
          default:
            return .failure(.notFound("Resource not found for the segment '{\(name)}'."))
          }
          pendingCollection = nil
        }
      }
      guard let owner else { return .failure(.notFound("Resource not found.")) }
      if let statusID, statusID != Self.listSentinel {
        let item = Self.item(owner, in: state)
        guard item?.statuses[statusID] != nil else {
          return .failure(.notFound("Resource not found: deviceStatus '\(statusID)'."))
        }
      }
      return .success((owner, statusID))
    }
  }

  /// The status id the handler uses to walk a collection path to its owner.
  static let listSentinel = "__list__"

  /// Device configurations or compliance policies as the service lists them (each with its
  /// `@odata.type`), in generated order; or the one with `id`.
  func items(policies: Bool, id: String? = nil) -> [[String: JSONValue]]? {
    state.withLock { state in
      let order = policies ? state.policyOrder : state.configurationOrder
      let table = policies ? state.policies : state.configurations
      let chosen = id.map { [$0] } ?? order
      guard chosen.allSatisfy({ table[$0] != nil }) else { return nil }
      return chosen.compactMap { key -> [String: JSONValue]? in
        guard let item = table[key], let number = order.firstIndex(of: key) else { return nil }
        let type = QualifiedTypeName.last(item.typeName)
        return [
          "@odata.type": .string("#" + item.typeName), "id": .string(item.id),
          "displayName": .string("\(type) \(number + 1)"), "description": .string(""),
          "createdDateTime": "2026-09-01T08:00:00Z", "lastModifiedDateTime": "2026-09-01T08:00:00Z",
          "version": .number(JSONNumber(1)),
        ]
      }
    }
  }

  static func item(_ owner: Owner, in state: State) -> Item? {
    switch owner {
    case .configuration(let id): state.configurations[id]
    case .policy(let id): state.policies[id]
    }
  }

  /// A status's members.
  func status(_ owner: Owner, _ id: String) -> [String: JSONValue]? {
    state.withLock { Self.item(owner, in: $0)?.statuses[id] }
  }

  /// All statuses of an owner, in order.
  func statuses(_ owner: Owner) -> [[String: JSONValue]] {
    state.withLock { state in
      guard let item = Self.item(owner, in: state) else { return [] }
      return item.statusOrder.compactMap { item.statuses[$0] }
    }
  }

  /// Merges a PATCH body into a status, logging the request's marker; returns the result.
  func apply(_ patch: [String: JSONValue], to owner: Owner, _ id: String, marker: String) -> [String: JSONValue]? {
    state.withLock { state in
      // In place: copying an item out of its table would copy all of its statuses.
      func merge(_ statuses: inout [String: [String: JSONValue]]) -> [String: JSONValue]? {
        guard statuses[id] != nil else { return nil }
        for (key, value) in patch where !key.hasPrefix("@") && key != "id" { statuses[id]![key] = value }
        return statuses[id]
      }
      let result: [String: JSONValue]?
      switch owner {
      case .configuration(let key):
        result = state.configurations[key] == nil ? nil : merge(&state.configurations[key]!.statuses)
      case .policy(let key):
        result = state.policies[key] == nil ? nil : merge(&state.policies[key]!.statuses)
      }
      if result != nil {
        // The most recent markers only, so a long run's memory stays flat (trimmed in batches).
        if state.appliedPatches.count >= 2 * Self.appliedPatchesKept {
          state.appliedPatches.removeFirst(state.appliedPatches.count - Self.appliedPatchesKept)
        }
        state.appliedPatches.append(marker)
      }
      return result
    }
  }

  /// How many of the latest PATCH markers ``GraphSandbox/appliedPatches`` keeps.
  static let appliedPatchesKept = 10_000

  /// Ids for examples and the `sandbox` command: a configuration and one of its statuses, for
  /// each configuration type; and the same for policies.
  func sampleIDs() -> (
    configurations: [(type: String, id: String, status: String, links: [String: [String]])],
    policies: [(id: String, status: String)]
  ) {
    state.withLock { state in
      (
        state.configurationOrder.compactMap { id in
          state.configurations[id].map { ($0.typeName, $0.id, $0.statusOrder.first ?? "", $0.links) }
        },
        state.policyOrder.compactMap { id in state.policies[id].map { ($0.id, $0.statusOrder.first ?? "") } }
      )
    }
  }
}

/// Why the sandbox refuses a request.
enum SandboxFailure: Error, Sendable {
  case notFound(String)
}
