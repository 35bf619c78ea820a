import Foundation
import HTTPTypes
import Tapedeck

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

extension ServerRequestError {
  /// The answer for an error the player, the cassette folder or the upstream threw: the core's
  /// own message (it already says what to do), scrubbed, under a status that fits.
  ///
  /// ```swift
  /// catch { return ServerRequestError.from(error, scrub: player.scrub).graphAnswer }
  /// ```
  static func from(_ error: any Error, scrub: (String) -> String) -> ServerRequestError {
    if let known = error as? ServerRequestError { return known }
    let text = scrub(String(describing: error))
    switch error {
    case is UnmatchedRequestError:
      return .unmatched(text)
    case is WriteRefusedError:
      return ServerRequestError(status: .forbidden, code: "TapedeckWriteRefused", message: text)
    case is BodyTooLargeError:
      return .tooLarge(text)
    case is CassetteLocationError, is UnmappedPseudonymError, is RecordModeError:
      return .badRequest(text)
    case is MissingCassetteError:
      return ServerRequestError(status: .notFound, code: "TapedeckMissingCassette", message: text)
    case is CassetteFileError:
      return ServerRequestError(status: .unprocessableContent, code: "TapedeckUnreadableCassette", message: text)
    case is ConcurrentRecordingError, is RedactionKeyMismatchError:
      return ServerRequestError(status: .conflict, code: "TapedeckConflict", message: text)
    case is AuditRefusalError:
      return ServerRequestError(status: .unprocessableContent, code: "TapedeckAuditRefused", message: text)
    case let failure as URLError:
      return ServerRequestError(
        status: .badGateway, code: "TapedeckUpstreamFailed",
        message:
          "The upstream could not be reached (\(scrub(failure.localizedDescription))). Check --upstream, --authority "
          + "or x-recording-upstream-base-uri, and that the tenant or tapedeck sandbox is running.")
    default:
      return ServerRequestError(status: .internalServerError, code: "TapedeckFailure", message: text)
    }
  }
}
