public import Foundation

/// Turns Swift Testing's JSON event stream (`swift test --event-stream-output-path F
/// --event-stream-version 0`) into a ``JUnitReport``.
///
/// Each issue keeps its file and line; parameterized tests become one case per argument set;
/// skips keep their reason; known issues are not failures; and a test that started but never
/// ended (the process crashed) is an error "crashed while running". The stream is flushed per
/// event, so it survives crashes that leave Swift Testing's own JUnit file broken.
///
/// ```swift
/// let report = try EventStreamConverter.convert(contentsOf: URL(fileURLWithPath: "events.jsonl"))
/// ```
public enum EventStreamConverter {
  /// Converts a stream file.
  public static func convert(contentsOf url: URL) throws(JUnitXMLError) -> JUnitReport {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw JUnitXMLError(
        path: url.path, problem: "the event stream cannot be read",
        advice: "Check the path given to --event-stream-output-path.")
    }
    return try convert(data, path: url.path)
  }

  /// Converts stream bytes; `path` names them in errors.
  public static func convert(_ data: Data, path: String = "event stream") throws(JUnitXMLError) -> JUnitReport {
    var run = StreamRun()
    for (number, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() where !line.allSatisfy({ $0 == 0x20 })
    {
      guard let record = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
        let payload = record["payload"] as? [String: Any]
      else {
        // The last line may be cut short by a crash; anything else is a real error.
        if number == data.split(separator: UInt8(ascii: "\n")).count - 1 { break }
        throw JUnitXMLError(
          path: path, problem: "line \(number + 1) is not a JSON event record",
          advice: "Give the file written by `swift test --event-stream-output-path F --event-stream-version 0`.")
      }
      switch record["kind"] as? String {
      case "test": run.declare(payload)
      case "event": run.handle(payload)
      default: continue
      }
    }
    return run.report()
  }
}

/// The state of one pass over a stream.
struct StreamRun {
  struct Declared {
    let id: String
    let displayName: String
    let isSuite: Bool
    let file: String?
    let line: Int?
  }

  struct Running {
    let suite: String
    let name: String
    let classname: String
    let start: Double
    let file: String?
    let line: Int?
    var failures: [TestFailure] = []
  }

  var declared: [String: Declared] = [:]
  var running: [String: Running] = [:]
  var order: [String] = []
  var suites: [String: [TestCase]] = [:]
  var suiteOrder: [String] = []
  var parameterized: Set<String> = []
  var timestamp: Date?

  mutating func declare(_ payload: [String: Any]) {
    guard let id = payload["id"] as? String else { return }
    let location = payload["sourceLocation"] as? [String: Any]
    declared[id] = Declared(
      id: id, displayName: payload["displayName"] as? String ?? payload["name"] as? String ?? id,
      isSuite: payload["kind"] as? String == "suite", file: location?["fileID"] as? String,
      line: location?["line"] as? Int)
    if payload["isParameterized"] as? Bool == true { parameterized.insert(id) }
  }

  /// The suite a test belongs to: its parent suite's ID, else its module.
  func suiteID(of testID: String) -> String {
    let prefix = String(testID.prefix { $0 != "/" })
    if declared[prefix]?.isSuite == true, prefix != testID { return prefix }
    if let dot = prefix.lastIndex(of: "."), declared[prefix]?.isSuite != true { return String(prefix[..<dot]) }
    return prefix
  }

  mutating func handle(_ payload: [String: Any]) {
    let kind = payload["kind"] as? String
    let instant = (payload["instant"] as? [String: Any])?["since1970"] as? Double ?? 0
    if kind == "runStarted" { timestamp = Date(timeIntervalSince1970: instant) }
    guard let testID = payload["testID"] as? String, let test = declared[testID], !test.isSuite else { return }
    let caseInfo = payload["_testCase"] as? [String: Any]
    let caseKey = caseInfo.flatMap { $0["id"] as? String }.map { testID + "#" + $0 } ?? testID
    let suite = suiteID(of: testID)
    switch kind {
    case "testStarted" where !parameterized.contains(testID), "testCaseStarted":
      var name = test.displayName
      if let argument = caseInfo?["displayName"] as? String { name += " (\(argument))" }
      running[caseKey] = Running(
        suite: suite, name: name, classname: suite, start: instant, file: test.file, line: test.line)
      order.append(caseKey)
    case "issueRecorded":
      guard (payload["issue"] as? [String: Any])?["isKnown"] as? Bool != true else { return }
      let messages = (payload["messages"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
      let comments = payload["_comments"] as? [String] ?? []
      let location = (payload["issue"] as? [String: Any])?["sourceLocation"] as? [String: Any]
      let failure = TestFailure(
        message: messages.first ?? "issue recorded", type: "Issue",
        details: (messages + comments).joined(separator: "\n"),
        file: location?["fileID"] as? String, line: location?["line"] as? Int)
      if running[caseKey] != nil {
        running[caseKey]?.failures.append(failure)
      } else if let key = order.last(where: { $0.hasPrefix(testID) && running[$0] != nil }) {
        running[key]?.failures.append(failure)
      }
    case "testEnded" where !parameterized.contains(testID), "testCaseEnded":
      guard let entry = running.removeValue(forKey: caseKey) else { return }
      finish(entry, time: instant - entry.start, outcome: entry.failures.isEmpty ? .passed : .failed(entry.failures))
    case "testSkipped":
      let reason = (payload["_comments"] as? [String])?.joined(separator: "\n")
      append(
        TestCase(
          name: test.displayName, classname: suite, outcome: .skipped(reason: reason), file: test.file, line: test.line),
        to: suite)
    default:
      break
    }
  }

  mutating func finish(_ entry: Running, time: Double, outcome: TestOutcome) {
    append(
      TestCase(
        name: entry.name, classname: entry.classname, time: max(time, 0), outcome: outcome, file: entry.file,
        line: entry.line),
      to: entry.suite)
  }

  mutating func append(_ testCase: TestCase, to suite: String) {
    if suites[suite] == nil { suiteOrder.append(suite) }
    suites[suite, default: []].append(testCase)
  }

  /// The report; tests still running when the stream ended crashed.
  mutating func report() -> JUnitReport {
    for key in order {
      guard let entry = running.removeValue(forKey: key) else { continue }
      finish(
        entry, time: 0,
        outcome: .error(
          TestFailure(
            message: "crashed while running", type: "Crash",
            details: (["The event stream ended while this test was running: the test process crashed."]
              + entry.failures.map(SuiteRenderer.story)).joined(separator: "\n"), file: entry.file, line: entry.line)))
    }
    return JUnitReport(
      suites: suiteOrder.map { id in
        TestSuite(
          name: declared[id]?.displayName ?? id, timestamp: timestamp,
          properties: [TestProperty(name: "swift-testing.id", value: id)], cases: suites[id] ?? [])
      })
  }
}
