import Tapedeck
import Testing

/// Scrubs a Swift Testing issue of the secrets and personal values a cassette's player saw,
/// before Swift Testing prints or reports it.
enum ScrubbedIssue {
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
