import Foundation
import JUnitXML
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A loopback TCP listener that accepts and closes every connection, counting them, so a test
/// can assert that nothing connected (and a client that does connect fails at once, not after a
/// timeout).
final class LoopbackListener: @unchecked Sendable {
  final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() { lock.withLock { value += 1 } }
    var current: Int { lock.withLock { value } }
  }

  let port: UInt16
  private let descriptor: Int32
  private let counter = Counter()

  init() throws {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw POSIXError(.EIO) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
        bind(descriptor, socketAddress, length) == 0 && listen(descriptor, 16) == 0
          && getsockname(descriptor, socketAddress, &length) == 0
      }
    }
    guard bound else {
      close(descriptor)
      throw POSIXError(.EADDRINUSE)
    }
    self.descriptor = descriptor
    port = UInt16(bigEndian: address.sin_port)
    let counter = self.counter
    Thread.detachNewThread {
      while true {
        let client = accept(descriptor, nil, nil)
        if client < 0 { return }
        counter.increment()
        close(client)
      }
    }
  }

  /// Connections accepted so far.
  var connections: Int { counter.current }

  deinit {
    shutdown(descriptor, Int32(SHUT_RDWR))
    close(descriptor)
  }
}

@Suite("Loading a schema never touches the network")
struct SchemaNetworkTests {
  static func folder() throws -> URL {
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("xsd-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  static func schema(_ body: String, doctype: String = "") -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>\(doctype)
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      \(body)
      <xs:element name="report" type="xs:string"/>
    </xs:schema>
    """
  }

  /// Loads `main` (with `others` beside it) and returns the error's text.
  static func loadError(_ main: String, others: [String: String] = [:]) throws -> String? {
    let folder = try folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    for (name, text) in others { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
    let url = folder.appendingPathComponent("main.xsd")
    try Data(main.utf8).write(to: url)
    do {
      _ = try XSDValidator(schema: url)
      return nil
    } catch {
      return error.description
    }
  }

  @Test("An xs:import from http:// is refused, naming the file and line, and nothing connects")
  func httpImport() throws {
    let listener = try LoopbackListener()
    let location = "http://127.0.0.1:\(listener.port)/evil.xsd"
    let error = try Self.loadError(Self.schema(#"<xs:import namespace="urn:evil" schemaLocation="\#(location)"/>"#))
    #expect(
      error?.contains("main.xsd: line 3: schemaLocation \"\(location)\" is not a local file") == true, "\(error ?? "")")
    #expect(error?.contains("Download that schema") == true)
    #expect(listener.connections == 0)
  }

  @Test("xml:base cannot move a relative include onto the network")
  func xmlBase() throws {
    let listener = try LoopbackListener()
    let error = try Self.loadError(
      Self.schema(#"<xs:include xml:base="http://127.0.0.1:\#(listener.port)/" schemaLocation="types.xsd"/>"#),
      others: ["types.xsd": Self.schema("")])
    #expect(error?.contains("is not a local file (it resolves to http://127.0.0.1:\(listener.port)/types.xsd)") == true)
    #expect(listener.connections == 0)
  }

  @Test("A schema with an external entity is refused before the entity loads")
  func externalEntity() throws {
    let listener = try LoopbackListener()
    let doctype = #"\#n<!DOCTYPE xs:schema [<!ENTITY e SYSTEM "http://127.0.0.1:\#(listener.port)/e">]>"#
    let error = try Self.loadError(
      Self.schema("<xs:annotation><xs:documentation>&e;</xs:documentation></xs:annotation>", doctype: doctype))
    #expect(error?.contains("the schema declares a DTD") == true, "\(error ?? "")")
    #expect(listener.connections == 0)
  }

  @Test("A local include that imports from the network is refused, naming the included file")
  func nestedImport() throws {
    let listener = try LoopbackListener()
    let error = try Self.loadError(
      Self.schema(#"<xs:include schemaLocation="types.xsd"/>"#),
      others: [
        "types.xsd": """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
          <xs:import namespace="urn:evil" schemaLocation="//127.0.0.1:\(listener.port)/evil.xsd"/>
        </xs:schema>
        """
      ])
    #expect(error?.contains("types.xsd: line 2: schemaLocation") == true, "\(error ?? "")")
    #expect(listener.connections == 0)
  }

  @Test("Local includes still load and validate")
  func localInclude() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data(
      """
      <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
        <xs:simpleType name="code"><xs:restriction base="xs:int"/></xs:simpleType>
      </xs:schema>
      """.utf8
    ).write(to: folder.appendingPathComponent("types.xsd"))
    let main = folder.appendingPathComponent("main.xsd")
    try Data(
      """
      <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
        <xs:include schemaLocation="types.xsd"/>
        <xs:element name="code" type="code"/>
      </xs:schema>
      """.utf8
    ).write(to: main)
    let validator = try XSDValidator(schema: main)
    #expect(validator.validate(Data("<code>42</code>".utf8)).isEmpty)
    #expect(!validator.validate(Data("<code>x</code>".utf8)).isEmpty)
  }
}
