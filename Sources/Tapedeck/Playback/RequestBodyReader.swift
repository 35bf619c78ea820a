import Dispatch
import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Finds a request's body wherever URLSession put it: `httpBody`, `httpBodyStream`, or (for
/// upload tasks on Linux) the task's own body.
enum RequestBodyReader {
  static func body(of request: URLRequest, task: URLSessionTask?) -> Data? {
    if let body = request.httpBody { return body }
    if let stream = request.httpBodyStream { return read(stream) }
    if let task { return uploadBody(of: task) }
    return nil
  }

  static func read(_ stream: InputStream) -> Data {
    var data = Data()
    stream.open()
    defer { stream.close() }
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
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
