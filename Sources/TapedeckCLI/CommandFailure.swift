/// A failure the command reports itself: a message for standard error and an exit code.
struct CommandFailure: Error {
  let message: String
  let exitCode: Int32

  /// Unreadable input or bad usage (exit 2).
  static func input(_ message: String) -> CommandFailure { CommandFailure(message: message, exitCode: 2) }
}
