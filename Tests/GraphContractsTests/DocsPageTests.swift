import Foundation
import GraphContracts
import Tapedeck
import Testing

@Suite("Docs pages as a source of contracts")
struct DocsPageTests {
  /// A docs-format page written for this test: one property with a wrong type, one missing,
  /// one extra, and an enum with a member too many.
  static let page = """
    ---
    title: "Update widgetStatus"
    ---
    # Update widgetStatus

    ## HTTP Request
    ``` http
    PATCH /deviceManagement/deviceConfigurations/{deviceConfigurationId}/deviceStatuses/{deviceConfigurationDeviceStatusId}
    PATCH /deviceManagement/deviceConfigurations/{deviceConfigurationId}/rootCertificate/deviceStatuses/{deviceConfigurationDeviceStatusId}
    ```

    ## Request body
    In the request body, supply a JSON representation for the [deviceConfigurationDeviceStatus](../resources/x.md) object.

    |Property|Type|Description|
    |:---|:---|:---|
    |id|String|Key of the entity.|
    |platform|String|Platform of the device|
    |status|[complianceStatus](../resources/y.md)|Possible values are: `unknown`, `compliant`, `sparkly`.|
    |lastReportedDateTime|DateTimeOffset|Last report.|
    |favouriteColour|String|Not in the metadata.|
    """

  @Test("The page's templates, properties and differences from the metadata are read")
  func differences() throws {
    let page = try DocsPage(markdown: Self.page, path: "widget.md")
    #expect(page.title == "Update widgetStatus")
    #expect(page.resourceType == "deviceConfigurationDeviceStatus")
    #expect(page.templates.count == 2)
    let differences = page.differences(from: BuiltInContracts.model(for: .beta)).map(\.description)
    #expect(differences.contains("platform: the page says String, the metadata Edm.Int32"))
    #expect(differences.contains("favouriteColour (String) is on the page but not in the metadata"))
    #expect(differences.contains("userName (Edm.String) is in the metadata but not on the page"))
    #expect(differences.contains { $0.hasPrefix("status: values only on the page [sparkly]") })
    let resolution = TemplateResolution.resolve(page.templates[1].segments, in: BuiltInContracts.model(for: .beta))
    #expect(!resolution.resolves)
  }

  @Test("The page's contract validates bodies")
  func contract() throws {
    let validator = ContractValidator(model: try DocsPage(markdown: Self.page).contract())
    let violations = validator.validate(
      ["status": "sparkly", "platform": 3], as: .deviceConfigurationDeviceStatus, body: .request)
    #expect(violations.map(\.path) == ["$.platform"])
  }

  @Test("A page with neither templates nor a property table is an error naming it")
  func emptyPage() {
    let error = #expect(throws: DocsPageError.self) { _ = try DocsPage(markdown: "# Nothing here", path: "empty.md") }
    #expect(error?.description.hasPrefix("empty.md: the page has no HTTP request templates") == true)
  }

  @Test("The two real docs pages: their defects are found")
  func realPages() throws {
    guard let first = Reference.file("seeds/000_1c925b2308cf17e9.txt"),
      let second = Reference.file("seeds/001_7ab5a8841737026c.txt")
    else { return }
    let beta = BuiltInContracts.model(for: .beta)
    let configuration = try DocsPage(markdown: String(contentsOf: first, encoding: .utf8), path: first.path)
    #expect(configuration.templates.count == 10)
    #expect(configuration.templates.filter { !TemplateResolution.resolve($0.segments, in: beta).resolves }.count == 3)
    #expect(configuration.differences(from: beta).isEmpty, "\(configuration.differences(from: beta))")
    let stub = try DocsPage(markdown: String(contentsOf: second, encoding: .utf8), path: second.path)
    #expect(stub.templates.count == 1)
    #expect(TemplateResolution.resolve(stub.templates[0].segments, in: beta).problem?.contains("collection") == true)
    #expect(stub.differences(from: beta).isEmpty)
  }
}
