import Foundation

/// A request reached Tapedeck's URLProtocol from a session no player made.
struct DetachedSessionError: Error, CustomStringConvertible, LocalizedError {
  var description: String {
    "Tapedeck: this request came from a session that no CassettePlayer made; use player.makeURLSession()."
  }
  var errorDescription: String? { description }
}
