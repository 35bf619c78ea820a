// Contract validation of arbitrary JSON: any JSON value validates against every built-in
// device-status contract without a crash, every violation names a JSON path, and the JSON
// layer round-trips (parse, write, parse gives the same value).
import Foundation
import FuzzSupport
import GraphContracts
import Tapedeck

let validators = [ContractValidator(version: .beta), ContractValidator(version: .v1_0)]
let types: [GraphType] = ["deviceConfigurationDeviceStatus", "deviceComplianceDeviceStatus", "entity"]

Fuzzer.run { data in
  guard let value = try? JSONParser.parse(data) else { return }
  guard let reparsed = try? JSONParser.parse(JSONWriter.compactData(value)), reparsed == value else {
    Fuzzer.fail("compact JSON output does not parse back to the same value", input: data)
  }
  guard (try? JSONParser.parse(JSONWriter.prettyData(value))) == value else {
    Fuzzer.fail("pretty JSON output does not parse back to the same value", input: data)
  }
  for validator in validators {
    for type in types {
      for violation in validator.validate(value, as: type) + validator.validate(value, as: type, body: .request)
        + validator.validateCollection(value, of: type)
      where !violation.path.hasPrefix("$") {
        Fuzzer.fail("a violation's path does not start at the root: \(violation.path)", input: data)
      }
      _ = validator.checkPatchAnswer(status: 200, body: value, as: type)
      _ = validator.checkPatchAnswer(status: 400, body: value, as: type)
    }
  }
  _ = GraphError(value)
}
