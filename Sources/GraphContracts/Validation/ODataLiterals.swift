import TapedeckSupport

/// Checks the OData JSON forms of primitive literals, byte by byte (no regular expressions,
/// no allocation).
enum ODataLiterals {
  /// `YYYY-MM-DDThh:mm(:ss(.f{1,12})?)?(Z|±hh:mm)` with real calendar values.
  static func isDateTimeOffset(_ text: String) -> Bool { withBytes(text, checkDateTimeOffset) }

  static func isDate(_ text: String) -> Bool { withBytes(text) { $0.count == 10 && checkDate($0, 0) } }

  static func isTimeOfDay(_ text: String) -> Bool {
    withBytes(text) { bytes in
      guard let end = checkTime(bytes, 0, allowFraction: true) else { return false }
      return end == bytes.count
    }
  }

  static func isGuid(_ text: String) -> Bool {
    GUIDText.isGUID(text)
  }

  /// ISO 8601 duration as OData uses it: `-?P(nD)?(T(nH)?(nM)?(n(.n)?S)?)?`, at least one part.
  static func isDuration(_ text: String) -> Bool {
    withBytes(text) { bytes in
      var index = 0
      if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
      guard index < bytes.count, bytes[index] == UInt8(ascii: "P") else { return false }
      index += 1
      var parts = 0
      /// Reads `digits[.digits]unit` when `unit` comes next; returns false on a malformed part.
      func part(_ unit: Character, fraction: Bool) -> Bool {
        var probe = index
        while probe < bytes.count, isDigit(bytes[probe]) { probe += 1 }
        guard probe > index else { return true }
        if fraction, probe < bytes.count, bytes[probe] == UInt8(ascii: ".") {
          probe += 1
          let start = probe
          while probe < bytes.count, isDigit(bytes[probe]) { probe += 1 }
          guard probe > start else { return false }
        }
        guard probe < bytes.count, bytes[probe] == unit.asciiValue! else { return true }
        index = probe + 1
        parts += 1
        return true
      }
      guard part("D", fraction: false) else { return false }
      if index < bytes.count, bytes[index] == UInt8(ascii: "T") {
        index += 1
        let before = parts
        guard part("H", fraction: false), part("M", fraction: false), part("S", fraction: true), parts > before else {
          return false
        }
      }
      return parts > 0 && index == bytes.count
    }
  }

  /// base64url (or base64) with optional padding.
  static func isBinary(_ text: String) -> Bool {
    withBytes(text) { bytes in
      var padding = 0
      for byte in bytes {
        if byte == UInt8(ascii: "=") {
          padding += 1
          continue
        }
        guard padding == 0 else { return false }
        let valid =
          (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
          || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
          || isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "+")
          || byte == UInt8(ascii: "/")
        guard valid else { return false }
      }
      return padding <= 2 && (bytes.count % 4 == 0 || padding == 0)
    }
  }

  // MARK: - Pieces

  static func withBytes(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
    if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
    var copy = text
    copy.makeContiguousUTF8()
    return copy.utf8.withContiguousStorageIfAvailable(body) ?? false
  }

  static func checkDateTimeOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard bytes.count >= 17, checkDate(bytes, 0), bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
      let end = checkTime(bytes, 11, allowFraction: true), end < bytes.count
    else { return false }
    let zone = bytes[end]
    if zone == UInt8(ascii: "Z") || zone == UInt8(ascii: "z") { return end + 1 == bytes.count }
    guard zone == UInt8(ascii: "+") || zone == UInt8(ascii: "-"), end + 6 == bytes.count,
      let hours = number(bytes, end + 1, 2), bytes[end + 3] == UInt8(ascii: ":"),
      let minutes = number(bytes, end + 4, 2)
    else { return false }
    return hours <= 14 && minutes < 60
  }

  /// `YYYY-MM-DD` at `start`, a real day (leap years included).
  static func checkDate(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
    guard bytes.count >= start + 10, let year = number(bytes, start, 4), bytes[start + 4] == UInt8(ascii: "-"),
      let month = number(bytes, start + 5, 2), bytes[start + 7] == UInt8(ascii: "-"),
      let day = number(bytes, start + 8, 2),
      (1...12).contains(month), day >= 1
    else { return false }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return day <= days
  }

  /// `hh:mm(:ss(.f{1,12})?)?` at `start`; returns the index after it.
  static func checkTime(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, allowFraction: Bool) -> Int? {
    guard bytes.count >= start + 5, let hour = number(bytes, start, 2), bytes[start + 2] == UInt8(ascii: ":"),
      let minute = number(bytes, start + 3, 2), hour < 24, minute < 60
    else { return nil }
    var index = start + 5
    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return index }
    guard let second = number(bytes, index + 1, 2), second < 60 else { return nil }
    index += 3
    guard index < bytes.count, bytes[index] == UInt8(ascii: ".") else { return index }
    guard allowFraction else { return nil }
    index += 1
    let fractionStart = index
    while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    let digits = index - fractionStart
    return digits >= 1 && digits <= 12 ? index : nil
  }

  static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
    guard start + count <= bytes.count else { return nil }
    var value = 0
    for index in start..<(start + count) {
      guard isDigit(bytes[index]) else { return nil }
      value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
    }
    return value
  }

  static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

  static func isHex(_ byte: UInt8) -> Bool {
    isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
      || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
  }
}
