/// A check every request must pass before a recording player sends it to the network; it
/// returns the error to fail the request with, or `nil` to let it through.
///
/// ``WriteGuard`` is one, and every player applies it unless given another: it refuses writes to
/// live tenants unless allowed.
///
/// ```swift
/// let guard = LiveRequestGuard("no DELETE") { request in request.method == .delete ? MyError() : nil }
/// let player = try CassettePlayer(cassette: "x", liveRequestGuard: guard)
/// ```
public struct LiveRequestGuard: Sendable {
  /// The guard's name, for messages.
  public let name: String
  let check: @Sendable (RecordedRequest) -> (any Error)?

  /// Creates a guard.
  public init(_ name: String, check: @escaping @Sendable (RecordedRequest) -> (any Error)?) {
    self.name = name
    self.check = check
  }

  /// The error to fail `request` with, or `nil`.
  public func refusal(for request: RecordedRequest) -> (any Error)? { check(request) }
}

extension LiveRequestGuard {
  /// A guard that lets every request through: for tests that must write to a live host and
  /// have said so in code.
  ///
  /// ```swift
  /// let player = try CassettePlayer(cassette: "x", liveRequestGuard: .unrestricted)
  /// ```
  public static let unrestricted = LiveRequestGuard("no guard") { _ in nil }
}
