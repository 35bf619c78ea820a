import Tapedeck

extension BodySizeLimit {
  /// The body limit for a command that reads cassettes: `TAPEDECK_MAX_BODY_BYTES`, or 64 MiB.
  /// A value that is not a size exits 2 with the variable's own message.
  static func forCommand() throws -> BodySizeLimit {
    do {
      return try BodySizeLimit.fromEnvironment()
    } catch {
      throw CommandFailure.input(error.description)
    }
  }
}
