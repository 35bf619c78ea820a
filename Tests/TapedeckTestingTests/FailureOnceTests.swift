import Foundation
import Tapedeck
import TapedeckSupport
import Testing

@testable import TapedeckTesting

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

@Suite("Each unmatched request is reported once, with its story")
struct FailureOnceTests {
  @Test("The story appears once when the miss also propagates as the body's error")
  func storyOnce() async throws {
    let stories = Locked(0)
    let others = Locked<[String]>([])
    await withKnownIssue {
      do {
        _ = try await withCassette(
          "sandbox/beta/device-configuration-status", record: .never, redactor: Shipped.redactor,
          directory: Shipped.cassettes
        ) { session in
          try await session.data(
            from: URL(
              string: "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/x/deviceStatuses/y")!)
        }
      } catch {
        // What propagates (and what a caller would print) is short and points at the story.
        Issue.record(Comment(rawValue: "\(error)"))
      }
    } matching: { issue in
      let text = "\(issue)"
      if text.contains(UnmatchedRequestError.headline) {
        stories.withLock { $0 += 1 }
      } else {
        others.withLock { $0.append(text) }
      }
      return true
    }
    #expect(stories.withLock { $0 } == 1)
    // What propagates is short and points at the story.
    #expect(others.withLock { $0 }.allSatisfy { $0.contains("reported above") })
  }

  @Test("A test that expects a miss can take it, and nothing is reported")
  func expectedMiss() async throws {
    try await withCassette(
      "sandbox/beta/device-configuration-status", record: .never, redactor: Shipped.redactor,
      directory: Shipped.cassettes
    ) { session in
      await #expect(throws: (any Error).self) {
        _ = try await session.data(from: URL(string: "https://graph.microsoft.com/beta/not-recorded")!)
      }
      #expect(currentCassette?.takeUnmatchedRequests().count == 1)
    }
  }

  @Test("Parameterized cases are named from their arguments, the same in every process")
  func caseNames() {
    #expect(TestCaseArguments(identities: [#""compliant""#], discriminator: 0).cassetteComponent == "compliant")
    #expect(TestCaseArguments(identities: ["42", "true"], discriminator: 0).cassetteComponent == "42_true")
    #expect(TestCaseArguments(identities: [".beta"], discriminator: 0).cassetteComponent == "beta")
    let structured = TestCaseArguments(identities: [#"{"x":1,"y":2}"#], discriminator: 0).cassetteComponent
    #expect(structured.hasPrefix("__x__1__y__2_-") && structured.count == "__x__1__y__2_-".count + 8, "\(structured)")
    #expect(
      TestCaseArguments(identities: ["42"], discriminator: 1).cassetteComponent
        != TestCaseArguments(identities: ["42"], discriminator: 0).cassetteComponent)
    #expect(TestCaseArguments(identities: [#""a/b c""#], discriminator: 0).cassetteComponent.hasPrefix("a_b_c-"))
  }
}
