import Foundation
import HTTPTypes

/// Puts the real values back where a request carries pseudonyms this recording handed out, so
/// a test that reads an id from a scrubbed answer and sends it back reaches the live service
/// with the real id. A pseudonym made under this key that the recording never produced cannot
/// be mapped back: that is an error, never a pseudonym sent live.
struct PseudonymRestorer {
  let ledger: RedactionLedger
  let pseudonymizer: Pseudonymizer

  /// A pseudonym that could not be mapped back, and where it was.
  struct Unmapped: Error {
    let pseudonym: String
    let place: String
  }

  /// The request with every pseudonym from the ledger replaced by its value (the same request
  /// when it carries none).
  func restore(_ request: RecordedRequest) throws(Unmapped) -> RecordedRequest {
    var copy = request
    copy.url = try restoreURL(request.url)
    var headers = HTTPFields()
    for field in request.headers {
      let value = try restore(field.value, place: "header \(field.name.rawName)") { $0 } ?? field.value
      headers.append(HTTPField(name: field.name, value: value))
    }
    copy.headers = headers
    switch request.body {
    case .json(let value)?:
      var failure: Unmapped?
      let restored = value.mappingStrings { text in
        do throws(Unmapped) {
          return try restore(text, place: "body") { $0 }
        } catch {
          failure = failure ?? error
          return nil
        }
      }
      if let failure { throw failure }
      copy.body = .json(restored)
    case .text(let text)?:
      let isForm = request.headers[.contentType].map(MediaType.init)?.essence == "application/x-www-form-urlencoded"
      copy.body = .text(try restore(text, place: "body", encode: isForm ? Self.queryValue : { $0 }) ?? text)
    case .base64?, nil:
      break
    }
    return copy
  }

  func restoreURL(_ url: String) throws(Unmapped) -> String {
    guard let question = url.firstIndex(of: "?") else {
      return try restore(url, place: "URL", encode: Self.pathSegment) ?? url
    }
    let path = String(url[..<question])
    let query = String(url[url.index(after: question)...])
    let restoredPath = try restore(path, place: "URL", encode: Self.pathSegment) ?? path
    let restoredQuery = try restore(query, place: "URL query", encode: Self.queryValue) ?? query
    return restoredPath + "?" + restoredQuery
  }

  /// `text` with each pseudonym replaced by `encode(original)`, or `nil` when it holds none.
  func restore(_ text: String, place: String, encode: (String) -> String) throws(Unmapped) -> String? {
    let bytes = Array(text.utf8)
    guard bytes.count >= 25 else { return nil }
    var output: [UInt8] = []
    var copied = 0
    var index = 0
    while index < bytes.count {
      if let (range, pseudonym) = pseudonymGUID(in: bytes, at: index) ?? namePseudonym(in: bytes, at: index) {
        guard let original = ledger.original(for: pseudonym) else { throw Unmapped(pseudonym: pseudonym, place: place) }
        let start = max(range.lowerBound, copied)
        output.append(contentsOf: bytes[copied..<start])
        output.append(contentsOf: encode(original).utf8)
        copied = range.upperBound
        index = range.upperBound
      } else {
        index += 1
      }
    }
    guard copied > 0 else { return nil }
    output.append(contentsOf: bytes[copied...])
    return String(decoding: output, as: UTF8.self)
  }

  /// A GUID-shaped pseudonym made under this key starting at `index`.
  private func pseudonymGUID(in bytes: [UInt8], at index: Int) -> (Range<Int>, String)? {
    let end = index + 36
    guard end <= bytes.count, bytes[index + 8] == UInt8(ascii: "-"),
      index == 0 || !Self.isGUIDByte(bytes[index - 1]), end == bytes.count || !Self.isGUIDByte(bytes[end])
    else { return nil }
    let window = String(decoding: bytes[index..<end], as: UTF8.self)
    guard let (digest, tag) = Pseudonymizer.guidPseudonymParts(window), pseudonymizer.check(digest, digits: 8) == tag
    else { return nil }
    return (index..<end, window)
  }

  /// A name-style pseudonym (`prefix-<24 hex>`) made under this key whose dash is at `index`.
  private func namePseudonym(in bytes: [UInt8], at index: Int) -> (Range<Int>, String)? {
    let end = index + 25
    guard bytes[index] == UInt8(ascii: "-"), index > 0, end <= bytes.count,
      end == bytes.count || !Self.isNameByte(bytes[end]),
      bytes[(index + 1)..<end].allSatisfy(Pseudonymizer.isLowerHex)
    else { return nil }
    let tail = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
    guard pseudonymizer.check(String(tail.prefix(16)), digits: 8) == String(tail.suffix(8)) else { return nil }
    var start = index
    while start > 0, Self.isNameByte(bytes[start - 1]) { start -= 1 }
    guard start < index else { return nil }
    // The pseudonym as made (its own prefix), when the text's run of name bytes ends with it.
    if let made = ledger.namePseudonym(withTail: tail) {
      let prefixLength = made.utf8.count - 25
      if index - prefixLength >= start { return ((index - prefixLength)..<end, made) }
    }
    return (start..<end, String(decoding: bytes[start..<end], as: UTF8.self))
  }

  private static func isGUIDByte(_ byte: UInt8) -> Bool { Pseudonymizer.isLowerHex(byte) || byte == UInt8(ascii: "-") }

  private static func isNameByte(_ byte: UInt8) -> Bool {
    (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 95
  }

  static func pathSegment(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .urlPathSegmentAllowed) ?? text
  }

  static func queryValue(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? text
  }
}

extension CharacterSet {
  /// Characters safe inside one URL path segment.
  static let urlPathSegmentAllowed: CharacterSet = {
    var set = CharacterSet.urlPathAllowed
    set.remove(charactersIn: "/?#")
    return set
  }()
}
