import Foundation
import GraphContracts
import Testing

@Suite("CSDL loading and the built-in contracts against the real metadata")
struct ContractsAgreementTests {
  @Test(
    "The real Graph v1.0 $metadata loads completely, with nothing unresolved",
    .enabled(if: Reference.v1Metadata != nil, "../shared/reference/graph-metadata/v1.0-Prod.csdl is not present"))
  func realMetadataLoads() throws {
    let url = try #require(Reference.v1Metadata)
    let model = try CSDLLoader.load(contentsOf: url, strict: true)
    #expect(model.structuredTypes.values.filter { $0.kind == .entity }.count == 1182)
    #expect(model.unresolvedReferences.isEmpty)
    #expect(model.aliases["graph"] == "microsoft.graph")
    #expect(model.container?.singletons["deviceManagement"] == "microsoft.graph.deviceManagement")
    let status = try #require(model.structuredType(named: "graph.deviceConfigurationDeviceStatus"))
    #expect(model.allProperties(of: status)["id"]?.type.isNullable == false)
  }

  @Test(
    "The built-in v1.0 definitions agree with the real v1.0 metadata",
    .enabled(if: Reference.v1Metadata != nil, "../shared/reference/graph-metadata/v1.0-Prod.csdl is not present"))
  func builtInAgreesWithMetadata() throws {
    let url = try #require(Reference.v1Metadata)
    let real = try CSDLLoader.load(contentsOf: url)
    let builtIn = BuiltInContracts.model(for: .v1_0)
    for (name, type) in builtIn.structuredTypes {
      let actual = try #require(real.structuredTypes[name], "\(name) is not in the v1.0 metadata")
      #expect(actual.baseType == type.baseType, "\(name) base type")
      #expect(actual.isAbstract == type.isAbstract, "\(name) abstract")
      for property in type.properties {
        #expect(actual.properties.first { $0.name == property.name } == property, "\(name)/\(property.name)")
      }
      for navigation in type.navigationProperties {
        #expect(
          actual.navigationProperties.first { $0.name == navigation.name } == navigation, "\(name)/\(navigation.name)")
      }
      if !type.isPartial {
        #expect(
          Set(actual.properties.map(\.name)) == Set(type.properties.map(\.name)),
          "\(name) has exactly the same properties")
      }
    }
    for (name, enumeration) in builtIn.enumTypes {
      #expect(real.enumTypes[name] == enumeration, "\(name)")
    }
  }

  @Test(
    "Bad CSDL input is an error with file and line",
    arguments: [
      (
        "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n<edmx:DataServices>\n<Schema",
        "not well-formed"
      ),
      ("<root/>", "not EDMX"),
      (
        "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;\">]>\n<edmx:Edmx xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">&lol2;</edmx:Edmx>",
        "declares a DTD"
      ),
      (
        "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY ext SYSTEM \"file:///etc/passwd\">]>\n<edmx:Edmx xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">&ext;</edmx:Edmx>",
        "declares a DTD"
      ),
      ("", "empty"),
    ])
  func badInput(text: String, problem: String) {
    let error = #expect(throws: CSDLError.self) { _ = try CSDLLoader.load(data: Data(text.utf8), path: "bad.csdl") }
    #expect(error?.problem.contains(problem) == true, "\(String(describing: error))")
    #expect(error?.description.hasPrefix("bad.csdl") == true)
  }

  @Test("A type that does not exist is listed with its line, or thrown when strict")
  func unresolvedType() throws {
    let text = """
      <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
        <edmx:DataServices>
          <Schema Namespace="test" Alias="t" xmlns="http://docs.oasis-open.org/odata/ns/edm">
            <EntityType Name="thing">
              <Property Name="ok" Type="Edm.String" />
              <Property Name="broken" Type="t.missing" />
            </EntityType>
          </Schema>
        </edmx:DataServices>
      </edmx:Edmx>
      """
    let model = try CSDLLoader.load(data: Data(text.utf8), path: "t.csdl")
    #expect(model.unresolvedReferences.map(\.description) == ["line 6: test.thing/broken: no type test.missing"])
    let error = #expect(throws: CSDLError.self) {
      _ = try CSDLLoader.load(data: Data(text.utf8), path: "t.csdl", strict: true)
    }
    #expect(error?.line == 6)
  }
}
