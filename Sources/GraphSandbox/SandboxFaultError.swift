/// A fault rule that cannot be read or cannot fire.
///
/// ```swift
/// do { _ = try SandboxFault(parsing: "status=abc") } catch { print(error) }
/// ```
public struct SandboxFaultError: Error, Sendable, CustomStringConvertible {
  /// The rule as written.
  public let text: String
  /// What is wrong with it.
  public let problem: String
  /// The message.
  public var description: String {
    "The fault rule '\(text)' cannot be used: \(problem). Write it as status=429,rate=0.2 or status=503,nth=3 "
      + "(optional: path=/beta/…, method=PATCH, retry-after=SECONDS|none, count=N)."
  }
}
