import Foundation
import NIOCore

/// The sandbox could not start: a port outside `0...65535`, a host no URL can hold, or a bind
/// that failed (the port is taken, the host is not an address of this machine).
///
/// ```swift
/// // The Graph sandbox could not listen on 127.0.0.1:8080 (Address already in use). …
/// ```
public struct SandboxStartError: Error, Sendable, CustomStringConvertible {
  /// The address asked for.
  public let host: String
  /// The port asked for.
  public let port: Int
  /// What went wrong.
  public let reason: String

  /// Creates the error.
  public init(host: String, port: Int, reason: String = "binding failed") {
    self.host = host
    self.port = port
    self.reason = reason
  }

  public var description: String {
    let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    return
      "The Graph sandbox could not listen on \(shown):\(port) (\(reason)). Choose a free port in 0…65535 "
      + "(0 picks one) and a host this machine has, such as 127.0.0.1 or ::1."
  }

  /// A short reason for a bind error: the system's words for its errno when there is one.
  static func reason(for error: any Error) -> String {
    if let error = error as? IOError { return String(cString: strerror(error.errnoCode)) }
    return String(describing: error)
  }
}
