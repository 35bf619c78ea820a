internal import CLibXML2
import Foundation

/// A thin wrapper over libxml2's `xmlTextWriter` writing into a memory buffer that can be
/// drained piece by piece. Every attribute value and text passes through the sanitizer.
final class XMLFragmentWriter {
  private let buffer: xmlBufferPtr
  private let writer: xmlTextWriterPtr
  let sanitizer: TextSanitizer

  init(sanitizer: TextSanitizer, indent: Bool = true) {
    buffer = xmlBufferCreate()
    writer = xmlNewTextWriterMemory(buffer, 0)
    self.sanitizer = sanitizer
    if indent {
      xmlTextWriterSetIndent(writer, 1)
      _ = "  ".withCString {
        xmlTextWriterSetIndentString(writer, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self))
      }
    }
  }

  deinit {
    xmlFreeTextWriter(writer)
    xmlBufferFree(buffer)
  }

  func startDocument() { xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil) }
  func endDocument() { xmlTextWriterEndDocument(writer) }

  func start(_ name: String) {
    _ = name.withCString {
      xmlTextWriterStartElement(writer, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self))
    }
  }

  func end() { xmlTextWriterEndElement(writer) }
  func fullEnd() { xmlTextWriterFullEndElement(writer) }

  func attribute(_ name: String, _ value: String) {
    let clean = sanitizer.clean(value)
    _ = name.withCString { namePointer in
      clean.withCString { valuePointer in
        xmlTextWriterWriteAttribute(
          writer, UnsafeRawPointer(namePointer).assumingMemoryBound(to: xmlChar.self),
          UnsafeRawPointer(valuePointer).assumingMemoryBound(to: xmlChar.self))
      }
    }
  }

  func attribute(_ name: String, _ value: Int) { attribute(name, String(value)) }

  /// Escaped text (never CDATA), sanitized first.
  func text(_ value: String) {
    let clean = sanitizer.clean(value)
    guard !clean.isEmpty else { return }
    _ = clean.withCString {
      xmlTextWriterWriteString(writer, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self))
    }
  }

  /// Bytes written as they are (only for markup this module builds itself).
  func raw(_ markup: String) {
    _ = markup.withCString { xmlTextWriterWriteRaw(writer, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
  }

  /// An element with only text content.
  func element(_ name: String, text value: String) {
    start(name)
    text(value)
    fullEnd()
  }

  /// Everything written since the last drain.
  func drain() -> Data {
    xmlTextWriterFlush(writer)
    let count = Int(xmlBufferLength(buffer))
    let data = count > 0 ? Data(bytes: xmlBufferContent(buffer), count: count) : Data()
    xmlBufferEmpty(buffer)
    return data
  }
}
