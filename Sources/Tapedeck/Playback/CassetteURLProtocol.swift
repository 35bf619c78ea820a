import Foundation
import HTTPTypes
import TapedeckSupport

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The `URLProtocol` behind ``CassettePlayer/makeURLSession(configuration:)``: answers from the
/// player's recordings, or sends the request through the player's separate live session when
/// the record mode allows, and records the answer.
final class CassetteURLProtocol: URLProtocol {
  private let liveTask = Locked<Task<Void, Never>?>(nil)

  override class func canInit(with request: URLRequest) -> Bool { true }
  override class func canInit(with task: URLSessionTask) -> Bool { true }
  override class func canonicalRequest(for request: URLRequest) -> URLRequest { request }

  override func startLoading() {
    guard let player = Self.player(for: task) else {
      client?.urlProtocol(self, didFailWithError: DetachedSessionError())
      return
    }
    let body: Data?
    do {
      body = try RequestBodyReader.body(of: request, task: task, limit: player.bodySizeLimit)
    } catch {
      client?.urlProtocol(self, didFailWithError: error)
      return
    }
    let incoming = RecordedRequest(urlRequest: request, body: body)
    switch player.decide(incoming) {
    case .replay(let payload):
      deliver(status: payload.status, headers: payload.headers, body: payload.body)
    case .failure(let error):
      client?.urlProtocol(self, didFailWithError: error)
    case .live(let record, let restored):
      var outgoing = request
      outgoing.httpBodyStream = nil
      outgoing.httpBody = body
      if restored != incoming { outgoing.apply(restored) }
      let this = UncheckedSendable(self)
      let task = Task {
        let protocolInstance = this.value
        do {
          let (data, response) = try await player.liveSession.data(for: outgoing)
          guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
          try player.checkResponseBody(size: data.count, of: incoming)
          let recorded = try RecordedResponse(
            httpResponse: http, body: data, bodySizeLimit: player.bodySizeLimit, request: incoming)
          let answer = player.answer(live: recorded, to: incoming, record: record)
          protocolInstance.deliver(status: answer.status, headers: answer.headers, body: answer.body)
        } catch {
          protocolInstance.client?.urlProtocol(protocolInstance, didFailWithError: error)
        }
      }
      liveTask.withLock { $0 = task }
    }
  }

  override func stopLoading() {
    liveTask.withLock { $0?.cancel() }
  }

  private func deliver(status: Int, headers: [String: String], body: Data) {
    guard let url = request.url,
      let response = HTTPURLResponse(url: url, statusCode: status, httpVersion: "HTTP/1.1", headerFields: headers)
    else {
      client?.urlProtocol(self, didFailWithError: URLError(.badURL))
      return
    }
    client?.urlProtocol(self, didReceive: response, cacheStoragePolicy: .notAllowed)
    if !body.isEmpty { client?.urlProtocol(self, didLoad: body) }
    client?.urlProtocolDidFinishLoading(self)
  }

  /// The player whose session created this task: through the session's delegate.
  static func player(for task: URLSessionTask?) -> CassettePlayer? {
    guard let task else { return nil }
    if let delegate = task.delegate as? CassetteSessionDelegate { return delegate.player }
    // A per-task delegate hides the session's; find the session itself.
    var mirror: Mirror? = Mirror(reflecting: task)
    while let current = mirror {
      for child in current.children where child.label == "session" {
        if let session = child.value as? URLSession, let delegate = session.delegate as? CassetteSessionDelegate {
          return delegate.player
        }
        if let session = Mirror(reflecting: child.value).children.first?.value as? URLSession,
          let delegate = session.delegate as? CassetteSessionDelegate
        {
          return delegate.player
        }
      }
      mirror = current.superclassMirror
    }
    return nil
  }
}

/// Carries the protocol instance into the task that fetches the live answer; URLSession
/// serializes calls on one protocol instance, so this is safe.
private struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}

/// A request reached Tapedeck's URLProtocol from a session no player made.
struct DetachedSessionError: Error, CustomStringConvertible, LocalizedError {
  var description: String {
    "Tapedeck: this request came from a session that no CassettePlayer made; use player.makeURLSession()."
  }
  var errorDescription: String? { description }
}

extension RecordedRequest {
  /// A recorded request from a `URLRequest` and its body bytes.
  init(urlRequest: URLRequest, body: Data?) {
    var fields = HTTPFields()
    for (name, value) in (urlRequest.allHTTPHeaderFields ?? [:]).sorted(by: { $0.key < $1.key }) {
      if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
    }
    self.init(
      method: HTTPRequest.Method(urlRequest.httpMethod ?? "GET") ?? .get,
      url: urlRequest.url?.absoluteString ?? "",
      headers: fields,
      body: body.flatMap { RecordedBody(data: $0, contentType: fields[.contentType]) })
  }
}

extension URLRequest {
  /// Takes the URL, headers and body of `request` (a request whose pseudonyms were mapped back).
  mutating func apply(_ request: RecordedRequest) {
    url = URL(string: request.url) ?? url
    for name in (allHTTPHeaderFields ?? [:]).keys { setValue(nil, forHTTPHeaderField: name) }
    for field in request.headers { addValue(field.value, forHTTPHeaderField: field.name.rawName) }
    httpBody = request.body?.data
  }
}
