/// The one GUID check: 8-4-4-4-12 hexadecimal digits, either case, as the redactor, the matcher's
/// volatile values, the contracts' `Edm.Guid` and the status-id scanner all read them. Inlinable:
/// the status-id scanner calls it at every byte of long strings, from another module.
///
/// ```swift
/// GUIDText.isGUID("3f0e8a3c-0000-4000-8000-000000000000")  // true
/// ```
package enum GUIDText {
  /// The length of a GUID's text.
  @usableFromInline package static let length = 36

  /// Whether `text` is exactly a GUID.
  @inlinable package static func isGUID(_ text: some StringProtocol) -> Bool {
    let utf8 = text.utf8
    if let answer = utf8.withContiguousStorageIfAvailable({ $0.count == length && isGUID(in: $0, at: 0) }) {
      return answer
    }
    let bytes = Array(utf8)
    return bytes.count == length && isGUID(in: bytes, at: 0)
  }

  /// Whether the 36 bytes from `start` in `bytes` are a GUID (false when fewer remain).
  @inlinable package static func isGUID(in bytes: some RandomAccessCollection<UInt8>, at start: Int) -> Bool {
    guard start >= 0, bytes.count - start >= length else { return false }
    var index = bytes.index(bytes.startIndex, offsetBy: start)
    for offset in 0..<length {
      let byte = bytes[index]
      if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
        guard byte == UInt8(ascii: "-") else { return false }
      } else if !isHexDigit(byte) {
        return false
      }
      index = bytes.index(after: index)
    }
    return true
  }

  /// `0-9`, `a-f` or `A-F`.
  @inlinable package static func isHexDigit(_ byte: UInt8) -> Bool {
    (byte >= 48 && byte <= 57) || (byte >= 97 && byte <= 102) || (byte >= 65 && byte <= 70)
  }
}
