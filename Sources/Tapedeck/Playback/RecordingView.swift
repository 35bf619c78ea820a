public import Foundation

/// What a client receives while its test records.
///
/// With ``asReplayed`` (the default) a test sees the same thing recording and replaying: each
/// live answer reaches the client scrubbed and pseudonymized exactly as the cassette will replay
/// it, and every pseudonym the client sends back is mapped to its real value (from a map held
/// in memory for the recording, never written) before the request goes live. An assertion on
/// an id or a name therefore passes in both modes. Answers from a token endpoint are the one
/// exception: the client needs the real token to call the service, so they reach it unchanged.
///
/// ``live`` hands the client the live answer instead. Use it only when a test needs live
/// values; its assertions on ids, names or other scrubbed values will then differ on replay.
///
/// ```swift
/// let player = try CassettePlayer(cassette: "StatusTests/patch", recordingView: .live)
/// ```
public enum RecordingView: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// The client sees what replay will give it (default).
  case asReplayed = "as-replayed"
  /// The client sees the live answer; values differ on replay.
  case live

  public var description: String { ".\(self == .asReplayed ? "asReplayed" : "live")" }

  /// The view from `TAPEDECK_RECORDING_VIEW` (`as-replayed` or `live`), else ``asReplayed``.
  ///
  /// ```swift
  /// let view = try RecordingView.fromEnvironment()  // .asReplayed when unset
  /// ```
  public static func fromEnvironment(
    _ environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(RecordingViewError) -> RecordingView {
    guard let text = environment["TAPEDECK_RECORDING_VIEW"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty
    else { return .asReplayed }
    guard let view = RecordingView(rawValue: text.lowercased()) else { throw RecordingViewError(value: text) }
    return view
  }
}
