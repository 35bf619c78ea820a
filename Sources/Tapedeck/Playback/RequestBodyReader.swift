import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Finds a request's body where URLSession puts it for a protocol: `httpBody`, or
/// `httpBodyStream` read in chunks no further than the limit.
enum RequestBodyReader {
  /// The body, refused when it is larger than `limit` (a stream is read no further than that).
  static func body(
    of request: URLRequest, limit: BodySizeLimit = .default
  ) throws(BodyTooLargeError) -> Data? {
    let found: Data?
    var stoppedAtLimit = false
    if let body = request.httpBody {
      found = body
    } else if let stream = request.httpBodyStream {
      let read = read(stream, stoppingAfter: limit.bytes)
      found = read
      stoppedAtLimit = limit.isExceeded(by: read.count)
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
}
