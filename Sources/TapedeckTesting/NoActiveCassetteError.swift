/// `cassetteSession()` was called outside a test on a cassette.
public struct NoActiveCassetteError: Error, CustomStringConvertible, Sendable {
  public var description: String {
    "No cassette is active: add `.cassette` to the @Test or @Suite (Swift Testing), or wrap the code in withCassette(…) (XCTest)."
  }
}
