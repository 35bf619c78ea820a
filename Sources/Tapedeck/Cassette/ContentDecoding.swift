import CZlib
package import Foundation
package import HTTPTypes

#if canImport(FoundationNetworking)
  package import FoundationNetworking
#endif

/// Decodes `gzip` and `deflate` response bodies so cassettes store readable bytes, never
/// inflating more than a byte limit: a small compressed body can expand a thousandfold
/// (a decompression bomb), so inflating stops as soon as the output passes the limit.
enum ContentDecoding {
  /// The decoded body would be larger than the limit; inflating stopped there.
  struct TooLarge: Error, Sendable, Hashable {
    /// The limit in bytes.
    let limit: Int
    /// The decoded bytes held when inflating stopped: at most `limit + 1`.
    let decodedBytes: Int
  }

  /// The decoded bytes, or `nil` when the encoding is not one this knows or the bytes are
  /// not actually compressed (URLSession usually decodes before we see them).
  ///
  /// - Throws: ``TooLarge`` as soon as the decoded bytes pass `limit`; never holds more than
  ///   `limit + 1` decoded bytes.
  static func decode(_ data: Data, contentEncoding: String, limit: Int) throws(TooLarge) -> Data? {
    let encoding = contentEncoding.trimmingCharacters(in: .whitespaces).lowercased()
    switch encoding {
    case "gzip", "x-gzip":
      guard data.count >= 2, data[data.startIndex] == 0x1F, data[data.startIndex + 1] == 0x8B else { return nil }
      return try inflate(data, windowBits: 15 + 16, limit: limit)
    case "deflate":
      // RFC 9110 "deflate" is zlib-wrapped; some servers send raw deflate.
      if let wrapped = try inflate(data, windowBits: 15, limit: limit) { return wrapped }
      return try inflate(data, windowBits: -15, limit: limit)
    default:
      return nil
    }
  }

  private static func inflate(_ data: Data, windowBits: Int32, limit: Int) throws(TooLarge) -> Data? {
    var stream = z_stream()
    guard inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
      return nil
    }
    defer { inflateEnd(&stream) }
    let capacity = limit < Int.max ? max(0, limit) + 1 : Int.max
    var output = Data()
    var chunk = [UInt8](repeating: 0, count: min(64 * 1024, capacity))
    var tooLarge = false
    let status: Int32 = data.withUnsafeBytes { raw -> Int32 in
      stream.next_in = UnsafeMutablePointer(mutating: raw.bindMemory(to: UInt8.self).baseAddress)
      stream.avail_in = uInt(clamping: raw.count)
      var result: Int32 = Z_OK
      repeat {
        // Never ask for more than one byte past the limit: that byte proves the body too large.
        let room = min(chunk.count, capacity - output.count)
        result = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
          stream.next_out = buffer.baseAddress
          stream.avail_out = uInt(room)
          let code = CZlib.inflate(&stream, Z_NO_FLUSH)
          output.append(buffer.baseAddress!, count: room - Int(stream.avail_out))
          return code
        }
        if output.count > limit {
          tooLarge = true
          break
        }
      } while result == Z_OK
      return result
    }
    if tooLarge { throw TooLarge(limit: limit, decodedBytes: output.count) }
    return status == Z_STREAM_END ? output : nil
  }
}

extension RecordedResponse {
  /// A recorded response from what a transport returned, body decoded within `bodySizeLimit`: a
  /// `gzip` or `deflate` body still compressed is inflated, and `Content-Encoding`,
  /// `Content-Length` and `Transfer-Encoding` are dropped because the stored body is the decoded
  /// one.
  ///
  /// - Throws: ``BodyTooLargeError`` naming the request when the decoded body would pass the
  ///   limit; inflating stops there.
  package init(response: HTTPResponse, body: Data, bodySizeLimit: BodySizeLimit, request: RecordedRequest)
    throws(BodyTooLargeError)
  {
    var fields = HTTPFields()
    var data = body
    for field in response.headerFields {
      switch field.name {
      case .contentEncoding:
        do {
          if let decoded = try ContentDecoding.decode(data, contentEncoding: field.value, limit: bodySizeLimit.bytes) {
            data = decoded
          }
        } catch {
          throw BodyTooLargeError(
            place: "response body of \(request.method.rawValue) \(request.url) (decoded from \(field.value))",
            size: error.decodedBytes, isLowerBound: true, limit: bodySizeLimit)
        }
      case .contentLength, .transferEncoding:
        continue
      default:
        fields.append(field)
      }
    }
    self.init(
      status: response.status, headers: fields, body: RecordedBody(data: data, contentType: fields[.contentType]))
  }

  /// The same from what URLSession returned (its header names sorted, as URLSession keeps no order).
  package init(httpResponse: HTTPURLResponse, body: Data, bodySizeLimit: BodySizeLimit, request: RecordedRequest)
    throws(BodyTooLargeError)
  {
    var fields = HTTPFields()
    let headers = httpResponse.allHeaderFields.compactMap { key, value -> (String, String)? in
      guard let name = key as? String else { return nil }
      return (name, "\(value)")
    }.sorted { $0.0 < $1.0 }
    for (name, value) in headers {
      if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
    }
    try self.init(
      response: HTTPResponse(status: HTTPResponse.Status(code: httpResponse.statusCode), headerFields: fields),
      body: body,
      bodySizeLimit: bodySizeLimit, request: request)
  }
}
