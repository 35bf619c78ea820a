import Foundation
import HTTPTypes
import TapedeckSupport

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The `URLProtocol` behind ``CassettePlayer/makeURLSession(configuration:)``: a thin adapter
/// over the player's one entry point. It finds its player through the session delegate the
/// player installed (state the player owns; no reflection), merges the configuration's
/// `httpAdditionalHeaders` (which a custom protocol never sees on Linux), reads the body within
/// the limit, and hands the request to the player, with the player's live session as the transport.
final class CassetteURLProtocol: URLProtocol {
  private let work = Locked<Task<Void, Never>?>(nil)

  override class func canInit(with request: URLRequest) -> Bool { true }
  override class func canInit(with task: URLSessionTask) -> Bool { true }
  override class func canonicalRequest(for request: URLRequest) -> URLRequest { request }

  override func startLoading() {
    let delegate: CassetteSessionDelegate
    switch Self.sessionDelegate(of: task) {
    case .success(let found): delegate = found
    case .failure(let error):
      client?.urlProtocol(self, didFailWithError: error)
      return
    }
    let player = delegate.player
    var merged = request
    for (name, value) in delegate.additionalHeaders where merged.value(forHTTPHeaderField: name) == nil {
      merged.setValue(value, forHTTPHeaderField: name)
    }
    if task is URLSessionUploadTask, merged.httpBody == nil, merged.httpBodyStream == nil {
      client?.urlProtocol(self, didFailWithError: UploadBodyUnreadableError(url: merged.url?.absoluteString ?? ""))
      return
    }
    let body: Data?
    do {
      body = try RequestBodyReader.body(of: merged, limit: player.bodySizeLimit)
    } catch {
      client?.urlProtocol(self, didFailWithError: error)
      return
    }
    let incoming = RecordedRequest(urlRequest: merged, body: body)
    let step: CassettePlayer.FirstStep
    do {
      step = try player.begin(incoming)
    } catch {
      client?.urlProtocol(self, didFailWithError: error)
      return
    }
    guard case .live(let record, let restored) = step else {
      if case .answered(let answer) = step { deliver(answer) }
      return
    }
    // Only a live exchange leaves this call: sent through the player's live session, then
    // checked and recorded by the player.
    var outgoing = merged
    outgoing.httpBodyStream = nil
    outgoing.httpBody = body
    if restored != incoming { outgoing.apply(restored) }
    let this = UncheckedSendable(self)
    let request = UncheckedSendable(outgoing)
    let task = Task {
      let protocolInstance = this.value
      do {
        let (data, response) = try await player.liveSession.data(for: request.value)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        let recorded = try RecordedResponse(
          httpResponse: http, body: data, bodySizeLimit: player.bodySizeLimit, request: incoming)
        protocolInstance.deliver(try player.finishLive(recorded, to: incoming, record: record))
      } catch {
        protocolInstance.client?.urlProtocol(protocolInstance, didFailWithError: error)
      }
    }
    work.withLock { $0 = task }
  }

  override func stopLoading() {
    work.withLock { $0?.cancel() }
  }

  private func deliver(_ answer: PlaybackAnswer) {
    guard let url = request.url,
      let response = HTTPURLResponse(
        url: url, statusCode: answer.status.code, httpVersion: "HTTP/1.1", headerFields: answer.headerDictionary)
    else {
      client?.urlProtocol(self, didFailWithError: URLError(.badURL))
      return
    }
    client?.urlProtocol(self, didReceive: response, cacheStoragePolicy: .notAllowed)
    if !answer.body.isEmpty { client?.urlProtocol(self, didLoad: answer.body) }
    client?.urlProtocolDidFinishLoading(self)
  }

  /// The delegate of the session the player made. A task answers with its own delegate when
  /// it has one, so a per-task delegate hides the player; that is an error that says so.
  static func sessionDelegate(of task: URLSessionTask?) -> Result<CassetteSessionDelegate, any Error> {
    guard let task, let delegate = task.delegate else { return .failure(DetachedSessionError()) }
    guard let ours = delegate as? CassetteSessionDelegate else {
      return .failure(HiddenSessionDelegateError(delegateType: String(describing: type(of: delegate))))
    }
    return .success(ours)
  }
}

/// Carries values into the task that answers; URLSession serializes calls on one protocol
/// instance, and the request copy is not shared.
private struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
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
