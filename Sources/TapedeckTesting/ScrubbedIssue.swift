import Tapedeck
import Testing

/// Scrubs a Swift Testing issue of the secrets and personal values a cassette's player saw,
/// before Swift Testing prints or reports it.
enum ScrubbedIssue {
  /// Runs `body`; under Swift Testing, every issue it records is scrubbed first.
  static func scrubbingIssues<Result>(
    with player: CassettePlayer, _ body: () async throws -> Result
  ) async throws -> Result {
    guard let test = Test.current else { return try await body() }
    // `provideScope` runs the closure once, before it returns, on this task: nothing is shared.
    nonisolated(unsafe) let run = body
    nonisolated(unsafe) var output: Result?
    let scrubbing = IssueHandlingTrait.compactMapIssues { issue in scrub(issue, with: player) }
    try await scrubbing.provideScope(for: test, testCase: Test.Case.current) { output = try await run() }
    return output!
  }

  /// `issue` with its comments and caught error scrubbed; a failed expectation whose printed
  /// values held something to scrub becomes an unconditional issue carrying the scrubbed text.
  static func scrub(_ issue: Issue, with player: CassettePlayer) -> Issue {
    var copy = issue
    copy.comments = issue.comments.map { Comment(rawValue: player.scrub($0.rawValue)) }
    switch issue.kind {
    case .errorCaught(let error):
      copy.kind = .errorCaught(player.scrubbed(error))
    case .expectationFailed:
      let text = "\(issue.kind)"
      let scrubbed = player.scrub(text)
      if scrubbed != text {
        copy.kind = .unconditional
        copy.comments.insert(Comment(rawValue: scrubbed), at: 0)
      }
    default:
      break
    }
    return copy
  }
}
