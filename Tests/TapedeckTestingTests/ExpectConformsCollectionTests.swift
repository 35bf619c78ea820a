import Foundation
import GraphContracts
import Tapedeck
import TapedeckTesting
import Testing

@Suite("expectConforms checks every item of a list answer")
struct ExpectConformsCollectionTests {
  @Test("An invalid item fails at its path; a valid list passes")
  func collections() throws {
    let valid = #"{"@odata.context":"x","value":[{"id":"a","status":"compliant"},{"id":"b","status":"error"}]}"#
    #expect(
      expectConforms(nil, Data(valid.utf8), to: .deviceConfigurationDeviceStatus).filter { $0.severity == .error }
        .isEmpty)
    let invalid = #"{"value":[{"id":"a","status":"compliant"},{"id":"b","status":"String"}]}"#
    withKnownIssue {
      let violations = expectConforms(nil, Data(invalid.utf8), to: .deviceConfigurationDeviceStatus)
      #expect(violations.contains { $0.path == "$.value[1].status" && $0.severity == .error })
    } matching: { issue in
      issue.comments.contains { $0.rawValue.contains("$.value[1].status") }
    }
  }
}
