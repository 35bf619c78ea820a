import Dispatch
import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Finds a request's body wherever URLSession put it: `httpBody`, `httpBodyStream`, or (for
/// upload tasks on Linux) the task's own body.
enum RequestBodyReader {
  /// The body, refused when it is larger than `limit` (a stream is read no further than that).
  static func body(
    of request: URLRequest, task: URLSessionTask?, limit: BodySizeLimit = .default
  ) throws(BodyTooLargeError) -> Data? {
    let found: Data?
    var stoppedAtLimit = false
    if let body = request.httpBody {
      found = body
    } else if let stream = request.httpBodyStream {
      let read = read(stream, stoppingAfter: limit.bytes)
      found = read
      stoppedAtLimit = limit.isExceeded(by: read.count)
    } else if let task {
      found = uploadBody(of: task)
    } else {
      found = nil
    }
    if let found, limit.isExceeded(by: found.count) {
      throw BodyTooLargeError(
        place: "\(request.httpMethod ?? "GET") \(request.url?.absoluteString ?? "") request body", size: found.count,
        isLowerBound: stoppedAtLimit, limit: limit)
    }
    return found
  }

  /// Reads a stream to its end, or until more than `maximum` bytes have been read.
  static func read(_ stream: InputStream, stoppingAfter maximum: Int = .max) -> Data {
    var data = Data()
    stream.open()
    defer { stream.close() }
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while data.count <= maximum {
      let count = stream.read(&buffer, maxLength: buffer.count)
      if count <= 0 { break }
      data.append(buffer, count: count)
    }
    return data
  }

  /// swift-corelibs-foundation keeps an upload task's body in a private `knownBody`.
  static func uploadBody(of task: URLSessionTask) -> Data? {
    guard task is URLSessionUploadTask else { return nil }
    var mirror: Mirror? = Mirror(reflecting: task)
    while let current = mirror {
      if let known = current.children.first(where: { $0.label == "knownBody" })?.value {
        return extract(known)
      }
      mirror = current.superclassMirror
    }
    return nil
  }

  private static func extract(_ value: Any) -> Data? {
    if let data = value as? Data { return data }
    if let dispatchData = value as? DispatchData { return Data(dispatchData) }
    if let url = value as? URL { return try? Data(contentsOf: url) }
    if let stream = value as? InputStream { return read(stream) }
    for child in Mirror(reflecting: value).children {
      if let found = extract(child.value) { return found }
    }
    return nil
  }
}
