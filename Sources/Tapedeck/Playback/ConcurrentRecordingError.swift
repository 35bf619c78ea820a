/// Another process wrote the cassette while this one was recording in `.once` or `.all`.
///
/// ```swift
/// // cassettes/a.json changed while this process was recording it; nothing was overwritten. …
/// ```
public struct ConcurrentRecordingError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The cassette file.
  public let path: String
  public var description: String {
    "\(path) changed while this process was recording it (another process wrote it); nothing was overwritten. Record one test process at a time with TAPEDECK_RECORD=once or all, or use TAPEDECK_RECORD=missing, which appends."
  }
}
