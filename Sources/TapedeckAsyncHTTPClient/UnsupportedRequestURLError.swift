/// A request whose URL has no scheme or host (or whose method HTTP cannot carry), which
/// Tapedeck cannot match or record.
///
/// ```swift
/// let request = HTTPClientRequest(url: "https://graph.microsoft.com/beta/deviceManagement")  // absolute
/// ```
public struct UnsupportedRequestURLError: Error, Sendable, CustomStringConvertible {
  /// The URL as given.
  public let url: String

  /// The message.
  public var description: String {
    "Tapedeck cannot answer a request to '\(url)': give HTTPClientRequest an absolute URL with a scheme and a host, "
      + "such as https://graph.microsoft.com/beta/…"
  }
}
