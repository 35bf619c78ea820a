import Foundation
import GraphSandbox
import Tapedeck
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// OData query options on the sandbox's collections, as the service applies them: each
/// expectation is computed from the unfiltered list, so the sandbox cannot pass by echoing.
@Suite("Query options, paging and context URLs")
struct QueryOptionTests {
  /// The last configuration: a fleet-wide one with 250 statuses, more than two pages.
  static func fleet(_ client: SandboxClient, token: String, version: String = "beta") async throws -> String {
    let list = try await client.send("GET", "/\(version)/deviceManagement/deviceConfigurations", token: token)
    guard case .array(let items)? = list.body?["value"], let id = items.last?["id"]?.stringValue else {
      throw CancellationError()
    }
    return "/\(version)/deviceManagement/deviceConfigurations/\(id)/deviceStatuses"
  }

  /// Every item of a collection, following `@odata.nextLink` on the sandbox's own origin.
  static func all(_ client: SandboxClient, _ path: String, token: String) async throws -> (
    items: [JSONValue], pages: Int
  ) {
    var items: [JSONValue] = []
    var next: String? = path
    var pages = 0
    while let link = next {
      let relative = link.replacingOccurrences(of: client.sandbox.graphURL.absoluteString, with: "")
      #expect(!relative.hasPrefix("http"), "next link left the sandbox: \(link)")
      let page = try await client.send("GET", relative, token: token)
      #expect(page.status == 200, "\(String(describing: page.body))")
      guard case .array(let values)? = page.body?["value"] else { break }
      items += values
      pages += 1
      next = page.body?["@odata.nextLink"]?.stringValue
    }
    return (items, pages)
  }

  static func encoded(_ text: String) -> String {
    var allowed = CharacterSet.urlQueryAllowed
    allowed.remove(charactersIn: "&=+#$'")
    return text.addingPercentEncoding(withAllowedCharacters: allowed)!
  }

  @Test("Server-driven paging at 100 with $skiptoken on the sandbox's origin; $top sets the page; $count counts all")
  func paging() async throws {
    try await withSandbox { sandbox in
      let client = SandboxClient(sandbox: sandbox)
      let token = try await client.accessToken()
      let path = try await Self.fleet(client, token: token)
      let first = try await client.send("GET", path, token: token)
      guard case .array(let firstPage)? = first.body?["value"] else { Issue.record("no value"); return }
      #expect(firstPage.count == 100)
      #expect(first.body?["@odata.count"] == .number(JSONNumber(250)))
      let next = try #require(first.body?["@odata.nextLink"]?.stringValue)
      #expect(next == sandbox.graphURL.absoluteString + path + "?$skiptoken=skipCount%3D100")
      let (items, pages) = try await Self.all(client, path, token: token)
      #expect(pages == 3)
      #expect(Set(items.compactMap { $0["id"]?.stringValue }).count == 250)
      let (small, smallPages) = try await Self.all(client, path + "?$top=40&$select=id", token: token)
      #expect(smallPages == 7)
      #expect(small.map { $0["id"] } == items.map { $0["id"] })
      #expect(small.allSatisfy { $0.objectKeys == ["id"] })
      let capped = try await client.send("GET", path + "?$top=5000", token: token)
      #expect(capped.body?["@odata.nextLink"] == nil)
      let configurations = try await Self.all(
        client, "/beta/deviceManagement/deviceConfigurations?$top=4&$count=true", token: token)
      #expect(configurations.pages == 4)
      #expect(
        configurations.items.allSatisfy { $0["@odata.type"]?.stringValue?.hasPrefix("#microsoft.graph.") == true })
      let count = try await client.send("GET", path + "/$count", token: token)
      #expect(count.status == 200)
      #expect(count.response.value(forHTTPHeaderField: "Content-Type")?.hasPrefix("text/plain") == true)
    }
  }

  @Test("$filter, $orderby and $skip select what the full list says they should")
  func filtering() async throws {
    try await withSandbox { sandbox in
      let client = SandboxClient(sandbox: sandbox)
      let token = try await client.accessToken()
      let path = try await Self.fleet(client, token: token)
      let everything = try await Self.all(client, path + "?$top=999", token: token).items
      func ids(_ items: [JSONValue]) -> [String] { items.compactMap { $0["id"]?.stringValue } }
      func filtered(_ filter: String) async throws -> [JSONValue] {
        try await Self.all(client, path + "?$filter=" + Self.encoded(filter), token: token).items
      }
      let compliant = everything.filter { $0["status"] == "compliant" }
      #expect(!compliant.isEmpty && compliant.count < everything.count)
      #expect(Set(ids(try await filtered("status eq 'compliant'"))) == Set(ids(compliant)))
      #expect(
        Set(ids(try await filtered("not (status eq 'compliant')"))) == Set(ids(everything)).subtracting(ids(compliant)))
      #expect(
        Set(ids(try await filtered("status in ('error','conflict')")))
          == Set(ids(everything.filter { $0["status"] == "error" || $0["status"] == "conflict" })))
      let adele = everything.filter { $0["userPrincipalName"]?.stringValue?.hasPrefix("adele") == true }
      #expect(Set(ids(try await filtered("startswith(userPrincipalName,'ADELE')"))) == Set(ids(adele)))
      let late = everything.filter { ($0["lastReportedDateTime"]?.stringValue ?? "") >= "2026-10-01" }
      #expect(Set(ids(try await filtered("lastReportedDateTime ge 2026-10-01T00:00:00Z"))) == Set(ids(late)))
      #expect(
        Set(ids(try await filtered("status eq 'compliant' and deviceModel eq null")))
          == Set(ids(compliant.filter { $0["deviceModel"] == .null })))
      let counted = try await client.send(
        "GET", path + "?$count=true&$filter=" + Self.encoded("status eq 'compliant'"), token: token)
      #expect(counted.body?["@odata.count"] == .number(JSONNumber(compliant.count)))
      let ordered = try await Self.all(client, path + "?$orderby=lastReportedDateTime%20desc", token: token).items
      let stamps = ordered.compactMap { $0["lastReportedDateTime"]?.stringValue }
      #expect(stamps.count == 250)
      #expect(zip(stamps, stamps.dropFirst()).allSatisfy { ODataInstant($0) >= ODataInstant($1) })
      let window = try await client.send("GET", path + "?$skip=10&$top=5", token: token)
      guard case .array(let slice)? = window.body?["value"] else { Issue.record("no value"); return }
      #expect(ids(slice) == Array(ids(everything)[10..<15]))
    }
  }

  @Test(
    "Refused options get the service's 400 with its message",
    arguments: [
      ("$filter=status eq", "Invalid filter clause: Syntax error at position 9 in 'status eq'."),
      (
        "$filter=foo eq 1",
        "Could not find a property named 'foo' on type 'microsoft.graph.deviceConfigurationDeviceStatus'."
      ),
      (
        "$filter=status eq 'bogus'",
        "Invalid filter clause: The string 'bogus' is not a valid enumeration type constant."
      ),
      (
        "$filter=platform eq 'eight'",
        "Invalid filter clause: A binary operator with incompatible types was detected. Found operand types 'Edm.Int32' and 'Edm.String' for operator kind 'Equal'."
      ),
      (
        "$filter=substringof('a',userName)",
        "Invalid filter clause: An unknown function with name 'substringof' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed."
      ),
      (
        "$top=-1",
        "Invalid value '-1' for $top query option found. The $top query option requires a non-negative integer value."
      ),
      (
        "$skip=ten",
        "Invalid value 'ten' for $skip query option found. The $skip query option requires a non-negative integer value."
      ),
      (
        "$select=nope",
        "Could not find a property named 'nope' on type 'microsoft.graph.deviceConfigurationDeviceStatus'."
      ),
      (
        "$orderby=nope desc",
        "Could not find a property named 'nope' on type 'microsoft.graph.deviceConfigurationDeviceStatus'."
      ),
      ("$foo=1", "The query parameter '$foo' is not supported."),
      ("$expand=device", "Query option '$expand' is not supported by this resource."),
      ("$top=1&$top=2", "Query option '$top' was specified more than once, but it must be specified at most once."),
      (
        "$skiptoken=page2",
        "The $skiptoken 'page2' is not valid. Use the @odata.nextLink of the previous page as it is."
      ),
      ("$count=maybe", "'maybe' is not a valid count option."),
    ])
  func refused(query: String, message: String) async throws {
    try await withSandbox { sandbox in
      let client = SandboxClient(sandbox: sandbox)
      let token = try await client.accessToken()
      let path = try await Self.fleet(client, token: token)
      let encodedQuery = query.split(separator: "&").map { pair in
        let parts = pair.split(separator: "=", maxSplits: 1)
        return parts[0] + "=" + Self.encoded(String(parts[1]))
      }.joined(separator: "&")
      let answer = try await client.send("GET", path + "?" + encodedQuery, token: token)
      #expect(answer.status == 400)
      #expect(answer.body?["error"]?["code"] == "BadRequest")
      #expect(answer.body?["error"]?["message"]?.stringValue == message)
    }
  }

  @Test("@odata.context has the service's shapes: keys in quotes, $select in parentheses, /$entity on an entity")
  func contextURLs() async throws {
    try await withSandbox { sandbox in
      let client = SandboxClient(sandbox: sandbox)
      let token = try await client.accessToken()
      let entity = sandbox.samplePaths()[0]
      let parts = entity.split(separator: "/").map(String.init)
      let graph = "https://graph.microsoft.com/beta/$metadata#"
      let collection = "deviceManagement/deviceConfigurations('\(parts[3])')/deviceStatuses"
      let list = String(entity[..<entity.range(of: "/deviceStatuses/")!.upperBound].dropLast())
      #expect(
        try await client.send("GET", list, token: token).body?["@odata.context"]?.stringValue == graph + collection)
      #expect(
        try await client.send("GET", entity, token: token).body?["@odata.context"]?.stringValue
          == graph + collection + "/$entity")
      let selected = try await client.send("GET", entity + "?$select=id,status", token: token)
      #expect(selected.body?["@odata.context"]?.stringValue == graph + collection + "(id,status)/$entity")
      #expect(selected.body?.objectKeys == ["@odata.context", "id", "status"])
      let cast = try #require(sandbox.samplePaths().first { $0.contains("/rootCertificate/") })
      let castParts = cast.split(separator: "/").map(String.init)
      #expect(
        try await client.send("GET", cast, token: token).body?["@odata.context"]?.stringValue
          == graph
          + "deviceManagement/deviceConfigurations('\(castParts[3])')/\(castParts[4])/rootCertificate/deviceStatuses/$entity"
      )
      #expect(
        try await client.send("GET", "/beta/deviceManagement/deviceConfigurations?$select=displayName", token: token)
          .body?["@odata.context"]?.stringValue == graph + "deviceManagement/deviceConfigurations(displayName)")
    }
  }

  @Test("v1.0 has no platform to select; beta takes options without $, v1.0 ignores them")
  func versions() async throws {
    try await withSandbox { sandbox in
      let client = SandboxClient(sandbox: sandbox)
      let token = try await client.accessToken()
      let v1 = try await Self.fleet(client, token: token, version: "v1.0")
      #expect(try await client.send("GET", v1 + "?$select=platform", token: token).status == 400)
      let beta = try await Self.fleet(client, token: token)
      guard case .array(let two)? = try await client.send("GET", beta + "?top=2", token: token).body?["value"],
        case .array(let page)? = try await client.send("GET", v1 + "?top=2", token: token).body?["value"]
      else { Issue.record("no value"); return }
      #expect(two.count == 2)
      #expect(page.count == 100)
    }
  }
}

extension JSONValue {
  /// The member names of an object, sorted (empty for anything else).
  var objectKeys: [String] {
    guard case .object(let members) = self else { return [] }
    return members.keys.sorted()
  }
}

/// A Graph timestamp (`Z`, 0–7 fraction digits) as seconds since 1970, for ordering checks.
func ODataInstant(_ text: String) -> Double {
  let parts = text.dropLast().split(separator: ".", maxSplits: 1)
  let whole = (try? Date.ISO8601FormatStyle().parse(String(parts[0]) + "Z"))?.timeIntervalSince1970 ?? 0
  return whole + (parts.count > 1 ? Double("0." + parts[1]) ?? 0 : 0)
}
