import Foundation
import GraphContracts
import HTTPTypes
import TapedeckJSON

/// `POST /{version}/$batch`: JSON batching as Graph does it. Up to 20 requests with relative
/// URLs, each answered with its own status, headers and body; `dependsOn` runs a request after
/// the ones it names and fails it with 424 when one of them failed; each sub-request meets
/// throttling and faults on its own (a 429 carries `Retry-After` in its headers); the answers
/// come back in an order drawn from the sandbox's seed and the batch's ids, as the service
/// promises no order.
extension SandboxHandler {
  /// The most requests one batch may carry.
  static let maximumBatchRequests = 20

  private struct BatchItem {
    let id: String
    let method: HTTPRequest.Method
    let url: String
    let headers: [String: String]
    let body: JSONValue?
    let dependsOn: [String]
  }

  func batch(
    _ request: SandboxRequest, version: GraphVersion, claims: SandboxTokens.Claims, context: ResponseContext
  ) -> SandboxAnswer {
    guard request.method == .post else { return context.methodNotAllowed(allowed: [.post]) }
    let items: [BatchItem]
    switch Self.readBatch(request.body) {
    case .success(let read): items = read
    case .failure(let problem):
      return context.error(status: .badRequest, code: "BadRequest", message: problem.message)
    }
    var statuses: [String: Int] = [:]
    var answers: [JSONValue] = []
    for item in items {
      let answer: SandboxAnswer
      if let failed = item.dependsOn.first(where: { (statuses[$0] ?? 0) >= 400 }) {
        answer = context.error(
          status: .init(code: 424), code: "FailedDependency",
          message: "The request depends on request '\(failed)', which failed.")
      } else {
        answer = run(item, in: request, version: version, claims: claims)
      }
      statuses[item.id] = answer.status.code
      answers.append(Self.envelope(id: item.id, answer: answer))
    }
    var random = SeededGenerator(seed: configuration.seed ^ Self.fnv(items.map(\.id).joined(separator: "\u{1F}")))
    answers.shuffle(using: &random)
    return context.json(.ok, ["responses": .array(answers)])
  }

  /// One sub-request, through faults, throttling and the routes, with the batch's token.
  private func run(_ item: BatchItem, in batch: SandboxRequest, version: GraphVersion, claims: SandboxTokens.Claims)
    -> SandboxAnswer
  {
    let relative = item.url.hasPrefix("/") ? item.url : "/" + item.url
    let parts = relative.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
    var headers = HTTPFields()
    for (name, value) in item.headers { if let field = HTTPField.Name(name) { headers[field] = value } }
    let context = ResponseContext(clientRequestID: headers[HTTPField.Name("client-request-id")!])
    headers[.authorization] = batch.headers[.authorization]
    let path = "/\(version)" + parts[0]
    if let fault = faults.fault(method: item.method.rawValue, path: path) {
      return Self.answer(for: fault, context: context)
    }
    let body = item.body.map { JSONWriter.compactData($0) } ?? Data()
    if !body.isEmpty, headers[.contentType] == nil {
      return context.error(
        status: .badRequest, code: "BadRequest",
        message: "Content-Type header must be specified in the request '\(item.id)' when it has a body.")
    }
    let request = SandboxRequest(
      method: item.method, path: path, query: parts.count > 1 ? String(parts[1]) : nil, headers: headers, body: body,
      origin: batch.origin)
    return authorizedGraph(request, version: version, claims: claims, context: context)
  }

  /// `{"id", "status", "headers", "body"}` for one answer; the body as JSON when it is JSON.
  private static func envelope(id: String, answer: SandboxAnswer) -> JSONValue {
    var headers: [String: JSONValue] = [:]
    // Spelled as Graph's envelopes spell them.
    let names: [(HTTPField.Name, String)] = [
      (.contentType, "Content-Type"), (.retryAfter, "Retry-After"), (.location, "Location"), (.allow, "Allow"),
    ]
    for (name, spelling) in names {
      if let value = answer.headers[name] { headers[spelling] = .string(value) }
    }
    var members: [String: JSONValue] = [
      "id": .string(id), "status": .number(JSONNumber(answer.status.code)), "headers": .object(headers),
    ]
    if !answer.body.isEmpty {
      members["body"] = (try? JSONParser.parse(answer.body)) ?? .string(String(decoding: answer.body, as: UTF8.self))
    }
    return .object(members)
  }

  private struct BatchProblem: Error { let message: String }

  /// Reads and checks the batch: `requests` with unique ids, known methods, relative URLs,
  /// dependencies on earlier ids; at most 20.
  private static func readBatch(_ body: Data) -> Result<[BatchItem], BatchProblem> {
    guard case .object(let root)? = try? JSONParser.parse(body) else {
      return .failure(BatchProblem(message: "Invalid batch payload format."))
    }
    guard case .array(let requests)? = root["requests"] else {
      return .failure(
        BatchProblem(
          message: "Invalid batch payload format. Json batch format requires top level property name 'requests'."))
    }
    guard requests.count <= maximumBatchRequests else {
      return .failure(
        BatchProblem(
          message:
            "Number of requests inside batch exceeds the limit. A batch may carry at most \(maximumBatchRequests) requests; this one has \(requests.count)."
        ))
    }
    var items: [BatchItem] = []
    var ids: Set<String> = []
    for (index, request) in requests.enumerated() {
      guard case .object(let members) = request, let id = members["id"]?.stringValue, !id.isEmpty,
        let methodName = members["method"]?.stringValue, let url = members["url"]?.stringValue
      else {
        return .failure(
          BatchProblem(message: "Invalid batch payload format. Request \(index) needs an id, a method and a url."))
      }
      guard ids.insert(id.lowercased()).inserted else {
        return .failure(BatchProblem(message: "Batch request ids must be unique; '\(id)' appears more than once."))
      }
      guard !url.contains("://") else {
        return .failure(
          BatchProblem(
            message: "Invalid batch payload format. The url of request '\(id)' must be relative, such as /me."))
      }
      guard let method = HTTPRequest.Method(methodName.uppercased()) else {
        return .failure(BatchProblem(message: "Invalid batch payload format. '\(methodName)' is not a method."))
      }
      var headers: [String: String] = [:]
      if case .object(let fields)? = members["headers"] {
        for (name, value) in fields { headers[name] = value.stringValue ?? "" }
      }
      var dependsOn: [String] = []
      if case .array(let names)? = members["dependsOn"] {
        dependsOn = names.compactMap(\.stringValue)
        if let unknown = dependsOn.first(where: { name in !items.contains { $0.id == name } }) {
          return .failure(
            BatchProblem(
              message: "Request '\(id)' depends on '\(unknown)', which is not an earlier request of the batch."))
        }
      }
      items.append(
        BatchItem(id: id, method: method, url: url, headers: headers, body: members["body"], dependsOn: dependsOn))
    }
    return .success(items)
  }

  /// FNV-1a over the text: a stable seed for the order of a batch's answers.
  private static func fnv(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    return hash
  }
}
