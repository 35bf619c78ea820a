import CZlib
import Foundation

/// Decodes `gzip` and `deflate` response bodies so cassettes store readable bytes.
enum ContentDecoding {
  /// The decoded bytes, or `nil` when the encoding is not one this knows or the bytes are
  /// not actually compressed (URLSession usually decodes before we see them).
  static func decode(_ data: Data, contentEncoding: String) -> Data? {
    let encoding = contentEncoding.trimmingCharacters(in: .whitespaces).lowercased()
    switch encoding {
    case "gzip", "x-gzip":
      guard data.count >= 2, data[data.startIndex] == 0x1F, data[data.startIndex + 1] == 0x8B else { return nil }
      return inflate(data, windowBits: 15 + 16)
    case "deflate":
      // RFC 9110 "deflate" is zlib-wrapped; some servers send raw deflate.
      return inflate(data, windowBits: 15) ?? inflate(data, windowBits: -15)
    default:
      return nil
    }
  }

  private static func inflate(_ data: Data, windowBits: Int32) -> Data? {
    var stream = z_stream()
    guard inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
      return nil
    }
    defer { inflateEnd(&stream) }
    var output = Data()
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    let status: Int32 = data.withUnsafeBytes { raw -> Int32 in
      stream.next_in = UnsafeMutablePointer(mutating: raw.bindMemory(to: UInt8.self).baseAddress)
      stream.avail_in = uInt(raw.count)
      var result: Int32 = Z_OK
      repeat {
        result = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
          stream.next_out = buffer.baseAddress
          stream.avail_out = uInt(buffer.count)
          let code = CZlib.inflate(&stream, Z_NO_FLUSH)
          output.append(buffer.baseAddress!, count: buffer.count - Int(stream.avail_out))
          return code
        }
      } while result == Z_OK
      return result
    }
    return status == Z_STREAM_END ? output : nil
  }
}
