import Foundation
import GraphContracts
import Tapedeck
import Testing

@Suite("CSDL inheritance: deep chains load in linear time, cycles are errors; exact integers")
struct CSDLInheritanceTests {
  static func document(_ types: String, container: String = "") -> String {
    """
    <?xml version="1.0" encoding="utf-8"?>
    <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
      <edmx:DataServices>
        <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
    \(types)
    \(container)
        </Schema>
      </edmx:DataServices>
    </edmx:Edmx>
    """
  }

  /// `deviceManagement` at the root of a chain of `depth` derived types, `t1` … `t{depth}`.
  static func chain(_ depth: Int) -> String {
    var types = [
      #"<EntityType Name="deviceManagement"><Key><PropertyRef Name="id"/></Key>"#
        + #"<Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>"#
    ]
    for level in 1...depth {
      let base = level == 1 ? "deviceManagement" : "t\(level - 1)"
      types.append(
        #"<EntityType Name="t\#(level)" BaseType="graph.\#(base)"><Property Name="p\#(level)" Type="Edm.Int32"/></EntityType>"#
      )
    }
    return document(
      types.joined(separator: "\n"),
      container:
        #"<EntityContainer Name="GraphService"><Singleton Name="deviceManagement" Type="graph.deviceManagement"/></EntityContainer>"#
    )
  }

  @Test("A 20,000-level chain loads, every template resolves or says why, and the deepest type sees every property")
  func deepChain() throws {
    // With a quadratic walk (each type's lineage for each type) this takes many minutes.
    let depth = 20_000
    let model = try CSDLLoader.load(data: Data(Self.chain(depth).utf8), path: "chain.csdl", strict: true)
    #expect(model.structuredTypes.count == depth + 1)
    #expect(model.derivedTypes(of: "graph.deviceManagement").count == depth)
    #expect(model.derivedTypes(of: "microsoft.graph.t19999").map(\.name) == ["t20000"])
    for template in EndpointCatalog.documented.templates {
      let resolution = TemplateResolution.resolve(template.segments, in: model)
      #expect(resolution.problem?.contains("has no navigation property") == true, "\(template.path)")
    }
    let deepest = try #require(model.structuredType(named: "graph.t20000"))
    #expect(model.allProperties(of: deepest).count == depth + 1)
    let validator = ContractValidator(model: model)
    #expect(validator.validate(try JSONParser.parse(#"{"id":"x","p1":1,"p20000":2}"#), as: "graph.t20000").isEmpty)
  }

  @Test("A BaseType cycle of two types is an error naming both, with the line")
  func twoTypeCycle() {
    let text = Self.document(
      """
          <EntityType Name="a" BaseType="graph.b"/>
          <EntityType Name="b" BaseType="microsoft.graph.a"/>
          <EntityType Name="c" BaseType="graph.a"/>
      """)
    let error = #expect(throws: CSDLError.self) { _ = try CSDLLoader.load(data: Data(text.utf8), path: "cycle.csdl") }
    #expect(
      error?.description
        == "cycle.csdl, line 5: the types microsoft.graph.a, microsoft.graph.b derive from each other through "
        + "BaseType (microsoft.graph.a → microsoft.graph.b → microsoft.graph.a). Fix the BaseType attributes so "
        + "every chain of base types ends at a type without one.")
  }

  @Test("A type that is its own base type is an error")
  func selfCycle() {
    let text = Self.document(#"    <ComplexType Name="loop" BaseType="graph.loop"/>"#)
    let error = #expect(throws: CSDLError.self) { _ = try CSDLLoader.load(data: Data(text.utf8), path: "self.csdl") }
    #expect(
      error?.problem.contains("microsoft.graph.loop names itself as its BaseType") == true,
      "\(String(describing: error))")
  }

  @Test("The DTD refusal names the DOCTYPE's real line, never -1")
  func doctypeLine() {
    let text = """
      <?xml version="1.0"?>
      <!-- a comment
           over two lines -->

      <!DOCTYPE x [<!ENTITY e "e">]>
      <edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">&e;</edmx:Edmx>
      """
    let error = #expect(throws: CSDLError.self) { _ = try CSDLLoader.load(data: Data(text.utf8), path: "dtd.csdl") }
    #expect(error?.line == 5, "\(String(describing: error))")
    #expect(error?.description.hasPrefix("dtd.csdl, line 5: the document declares a DTD") == true)
    #expect(error?.description.contains("line -1") == false)
  }

  @Test("An enum member after one valued Int64.max is an error, not an overflow")
  func enumOverflow() {
    let text = Self.document(
      #"    <EnumType Name="e"><Member Name="a" Value="9223372036854775807"/><Member Name="b"/></EnumType>"#)
    let error = #expect(throws: CSDLError.self) { _ = try CSDLLoader.load(data: Data(text.utf8), path: "enum.csdl") }
    #expect(error?.problem.contains("member b has no Value") == true, "\(String(describing: error))")
  }

  @Test(
    "Integer types reject non-integers and out-of-range values, decided on the digits",
    arguments: [
      ("1e-400", Violation.Rule.notAnInteger), ("2147483647.0000000001", .notAnInteger), ("0.5", .notAnInteger),
      ("-1e-7", .notAnInteger), ("2147483648", .integerOutOfRange), ("1e400", .integerOutOfRange),
      ("-2147483649", .integerOutOfRange), ("2.147483648e9", .integerOutOfRange),
      ("99999999999999999999", .integerOutOfRange), ("1e99999999999999999999", .integerOutOfRange),
    ])
  func int32Rejects(literal: String, rule: Violation.Rule) throws {
    let violations = Self.int32Validator().validate(try JSONParser.parse(#"{"n":\#(literal)}"#), as: "test.n")
    #expect(violations.map(\.rule) == [rule], "\(literal): \(violations)")
  }

  @Test(
    "Integer types accept whole numbers however written",
    arguments: ["0", "-0", "2147483647", "-2147483648", "1.0", "1e3", "2.147483647e9", "0e-400", "100e-2", "-0.0"])
  func int32Accepts(literal: String) throws {
    let violations = Self.int32Validator().validate(try JSONParser.parse(#"{"n":\#(literal)}"#), as: "test.n")
    #expect(violations.isEmpty, "\(literal): \(violations)")
  }

  static func int32Validator() -> ContractValidator {
    var model = EDMModel()
    model.addNamespace("test", alias: nil)
    model.add(
      EDMStructuredType(
        kind: .complex, qualifiedName: "test.n",
        properties: [EDMProperty(name: "n", type: EDMTypeReference(parsing: "Edm.Int32"))]))
    model.resolve()
    return ContractValidator(model: model)
  }
}
