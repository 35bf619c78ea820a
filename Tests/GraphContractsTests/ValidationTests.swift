import Foundation
import GraphContracts
import Tapedeck
import Testing

@Suite("Validation against the built-in device-status contracts")
struct ValidationTests {
  let beta = ContractValidator(version: .beta)
  let v1 = ContractValidator(version: .v1_0)

  func body(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }

  func body(replacing key: String, with value: JSONValue) throws -> JSONValue {
    guard case .object(var members) = try body(DocsExamples.configurationResponse) else {
      fatalError("example is an object")
    }
    members[key] = value
    return .object(members)
  }

  @Test("The first page's example response conforms to beta")
  func firstPageConformsToBeta() throws {
    #expect(beta.validate(try body(DocsExamples.configurationResponse), as: .deviceConfigurationDeviceStatus).isEmpty)
  }

  @Test("Under v1.0 the same response has `platform` unknown, and nothing else")
  func firstPageUnderV1() throws {
    let violations = v1.validate(try body(DocsExamples.configurationResponse), as: .deviceConfigurationDeviceStatus)
    #expect(violations.count == 1)
    #expect(violations.first?.path == "$.platform")
    #expect(violations.first?.rule == .unknownProperty)
    #expect(violations.first?.severity == .warning)
    #expect(
      violations.first?.actual.contains(
        "The property 'platform' does not exist on type 'microsoft.graph.deviceConfigurationDeviceStatus'")
        == true)
  }

  @Test("The second page's example reports `status: \"String\"` and nothing else")
  func secondPageStatus() throws {
    let violations = beta.validate(try body(DocsExamples.complianceStubResponse), as: .deviceComplianceDeviceStatus)
    #expect(violations.map(\.path) == ["$.status"])
    #expect(violations.first?.rule == .notEnumMember)
    #expect(violations.first?.actual == #""String""#)
    #expect(violations.first?.expected.contains("compliant") == true)
  }

  @Test(
    "Bad values are reported with their path and rule",
    arguments: [
      ("platform", JSONValue.number(JSONNumber(literal: "2147483648")!), Violation.Rule.integerOutOfRange),
      ("platform", .number(JSONNumber(literal: "8.5")!), .notAnInteger),
      ("platform", "8", .wrongType),
      ("lastReportedDateTime", "2017-01-01T00:00:17", .invalidDateTimeOffset),
      ("lastReportedDateTime", "2017-01-01T00:00:17.1234567890123Z", .invalidDateTimeOffset),
      ("lastReportedDateTime", "2017-02-30T00:00:17Z", .invalidDateTimeOffset),
      ("lastReportedDateTime", "2017-01-01 00:00:17Z", .invalidDateTimeOffset),
      ("status", nil, .nullNotAllowed),
      ("status", "Compliant", .notEnumMember),
      ("deviceDisplayName", 42, .wrongType),
      ("@odata.type", "#microsoft.graph.deviceComplianceDeviceStatus", .odataTypeMismatch),
      ("@odata.type", "#microsoft.graph.noSuchType", .odataTypeMismatch),
    ])
  func badValues(key: String, value: JSONValue, rule: Violation.Rule) throws {
    let violations = beta.validate(try body(replacing: key, with: value), as: .deviceConfigurationDeviceStatus)
    #expect(violations.count == 1, "\(violations)")
    #expect(violations.first?.rule == rule)
    #expect(violations.first?.path == (key == "@odata.type" ? "$['@odata.type']" : "$.\(key)"))
  }

  @Test(
    "Valid edge values pass",
    arguments: [
      ("complianceGracePeriodExpirationDateTime", JSONValue.string("0001-01-01T00:00:00Z")),
      ("lastReportedDateTime", "2024-02-29T23:59:59.123456789012+14:00"),
      ("lastReportedDateTime", "2026-11-22T10:00Z"),
      ("deviceModel", nil),
      ("platform", .number(JSONNumber(literal: "-2147483648")!)),
      ("status@odata.annotation", "instance annotations are allowed"),
      ("@odata.etag", "W/\"1\""),
    ])
  func validEdges(key: String, value: JSONValue) throws {
    #expect(beta.validate(try body(replacing: key, with: value), as: .deviceConfigurationDeviceStatus).isEmpty)
  }

  @Test("A PATCH request body with an unknown property is an error")
  func requestUnknownProperty() throws {
    let violations = v1.validate(
      try body(#"{"status":"compliant","platform":0}"#), as: .deviceConfigurationDeviceStatus, body: .request)
    #expect(violations.count == 1)
    #expect(violations.first?.severity == .error)
    #expect(violations.first?.rule == .unknownProperty)
  }

  @Test("A `value` list with `@odata.count` conforms; a bad item is found by its index")
  func collections() throws {
    let list = try body(
      """
      {"@odata.context":"https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceConfigurations('a')/deviceStatuses",
       "@odata.count":2,
       "value":[\(DocsExamples.configurationResponse), {"id":"x","status":"unknown","platform":"zero"}]}
      """)
    let violations = beta.validateCollection(list, of: .deviceConfigurationDeviceStatus)
    #expect(violations.map(\.path) == ["$.value[1].platform"])
    let good = try body(
      #"{"@odata.count":1,"value":[\#(DocsExamples.configurationResponse)],"@odata.nextLink":"https://x/next"}"#)
    #expect(beta.validateCollection(good, of: .deviceConfigurationDeviceStatus).isEmpty)
  }

  @Test("PATCH answers: 204 empty and 200 with a conforming entity conform; a Graph error is named")
  func patchAnswers() throws {
    #expect(beta.checkPatchAnswer(status: 204, body: nil, as: .deviceConfigurationDeviceStatus).conforms)
    #expect(
      beta.checkPatchAnswer(
        status: 200, body: try body(DocsExamples.configurationResponse), as: .deviceConfigurationDeviceStatus
      ).conforms)
    #expect(!beta.checkPatchAnswer(status: 200, body: nil, as: .deviceConfigurationDeviceStatus).conforms)
    let error = try body(
      #"{"error":{"code":"ModelValidationFailure","message":"The property 'x' does not exist on type 'microsoft.graph.deviceConfigurationDeviceStatus'","innerError":{"date":"2024-01-21T15:57:55","request-id":"00000000-0000-0000-0000-000000000000"}}}"#
    )
    let check = beta.checkPatchAnswer(status: 400, body: error, as: .deviceConfigurationDeviceStatus)
    #expect(!check.conforms)
    #expect(check.graphError?.code == "ModelValidationFailure")
    #expect(check.violations.first?.actual.hasPrefix("400 ModelValidationFailure: The property 'x'") == true)
  }

  @Test("Other primitive forms: Guid, Date, TimeOfDay, Duration, Binary, Int ranges, flags")
  func otherPrimitives() throws {
    var model = EDMModel()
    model.addNamespace("test", alias: "t")
    model.add(EDMEnumType(qualifiedName: "test.days", members: [("monday", 1), ("tuesday", 2)], isFlags: true))
    func prop(_ name: String, _ type: String) -> EDMProperty {
      EDMProperty(name: name, type: EDMTypeReference(parsing: type))
    }
    model.add(
      EDMStructuredType(
        kind: .complex, qualifiedName: "test.sample",
        properties: [
          prop("guid", "Edm.Guid"), prop("date", "Edm.Date"), prop("time", "Edm.TimeOfDay"),
          prop("duration", "Edm.Duration"),
          prop("binary", "Edm.Binary"), prop("byte", "Edm.Byte"), prop("days", "t.days"),
          prop("tags", "Collection(Edm.String)"),
          prop("nested", "t.sample"),
        ]))
    model.resolve()
    #expect(model.unresolvedReferences.isEmpty)
    let validator = ContractValidator(model: model)
    let good = try body(
      #"{"guid":"00000000-0000-0000-0000-00000000000a","date":"2024-02-29","time":"23:59:59.1234567","duration":"P1DT2H3M4.5S","binary":"AQID","byte":255,"days":"monday,tuesday","tags":["a"],"nested":{"byte":0}}"#
    )
    #expect(validator.validate(good, as: "test.sample").isEmpty)
    let bad = try body(
      #"{"guid":"not-a-guid","date":"2023-02-29","time":"24:00","duration":"PT","binary":"A=B","byte":256,"days":"monday,sunday","tags":"a","nested":{"byte":-1}}"#
    )
    let rules = validator.validate(bad, as: "test.sample").map { "\($0.path) \($0.rule)" }
    #expect(
      rules == [
        "$.binary invalidBinary", "$.byte integerOutOfRange", "$.date invalidDate", "$.days notEnumMember",
        "$.duration invalidDuration", "$.guid invalidGuid", "$.nested.byte integerOutOfRange", "$.tags wrongType",
        "$.time invalidTimeOfDay",
      ])
  }
}
