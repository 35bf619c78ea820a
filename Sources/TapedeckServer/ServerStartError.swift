/// The server could not start: a setting it cannot use (a record mode, a body limit, a default
/// cassette name), a certificate it could not make or write, or a bind that failed.
///
/// ```swift
/// // tapedeck serve could not start on 127.0.0.1:5000: the port is taken. Choose another port …
/// ```
public struct ServerStartError: Error, Sendable, CustomStringConvertible {
  /// The address asked for.
  public let host: String
  /// The port asked for.
  public let port: Int
  /// What went wrong, and what to do.
  public let reason: String

  /// Creates the error.
  ///
  /// ```swift
  /// let error = ServerStartError(host: "127.0.0.1", port: 70_000, reason: "the port is outside 0…65535")
  /// ```
  public init(host: String, port: Int, reason: String) {
    self.host = host
    self.port = port
    self.reason = reason
  }

  public var description: String {
    let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    return "tapedeck serve could not start on \(shown):\(port): \(reason)"
  }
}
