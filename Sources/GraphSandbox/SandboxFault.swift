import Foundation

/// A fault the sandbox answers with on demand, for tests of retry handlers and timeouts: 429
/// (with or without `Retry-After`), 503 or 504, on every matching request at a seeded rate, or
/// on the Nth matching request of a path. Reproducible: the same seed and the same sequence of
/// requests fail the same way.
///
/// ```swift
/// try await GraphSandbox.start(SandboxConfiguration(seed: 3)).addFault(
///   SandboxFault(status: 429, trigger: .nth(2), path: "/beta/deviceManagement", retryAfter: 0))
/// ```
///
/// From the command line, `tapedeck sandbox --fault status=503,nth=3,path=/beta/deviceManagement`;
/// over HTTP, `POST /_tapedeck/faults` with the same fields as JSON.
public struct SandboxFault: Sendable, Hashable, Codable {
  /// When a matching request fails.
  public enum Trigger: Sendable, Hashable, Codable {
    /// Each matching request fails with this probability (0…1), drawn from the sandbox's seed.
    case rate(Double)
    /// The Nth matching request (1-based) fails.
    case nth(Int)
    /// Every matching request fails (until `count` runs out).
    case always
  }

  /// 429, 503 or 504 (any 4xx or 5xx is accepted).
  public var status: Int
  /// When it fires.
  public var trigger: Trigger
  /// A path prefix the request must start with (`nil`: every Graph path).
  public var path: String?
  /// The method the request must have (`nil`: any).
  public var method: String?
  /// `Retry-After` in seconds on 429 and 503 answers (`nil`: no header; 0: retry at once, so
  /// a retry handler under test does not sleep).
  public var retryAfter: Int?
  /// How many times it may fire (`nil`: no limit; `.nth` fires once).
  public var count: Int?

  /// A fault rule.
  public init(
    status: Int, trigger: Trigger = .always, path: String? = nil, method: String? = nil, retryAfter: Int? = 1,
    count: Int? = nil
  ) {
    self.status = status
    self.trigger = trigger
    self.path = path
    self.method = method
    self.retryAfter = retryAfter
    self.count = count
  }

  /// Reads `status=429,rate=0.2,path=/beta/…,method=PATCH,retry-after=0|none,count=5` (or `nth=3`).
  public init(parsing text: String) throws(SandboxFaultError) {
    var fields: [String: String] = [:]
    for part in text.split(separator: ",") {
      let pair = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
      guard pair.count == 2, !pair[0].isEmpty else {
        throw SandboxFaultError(text: text, problem: "'\(part)' is not NAME=VALUE")
      }
      guard ["status", "rate", "nth", "path", "method", "retry-after", "count"].contains(pair[0]) else {
        throw SandboxFaultError(
          text: text, problem: "'\(pair[0])' is not one of status, rate, nth, path, method, retry-after, count")
      }
      fields[pair[0]] = pair[1]
    }
    guard let statusText = fields["status"], let status = Int(statusText) else {
      throw SandboxFaultError(text: text, problem: "status=CODE is required (429, 503 or 504)")
    }
    var trigger = Trigger.always
    if let rate = fields["rate"] {
      guard let value = Double(rate) else {
        throw SandboxFaultError(text: text, problem: "rate '\(rate)' is not a number")
      }
      trigger = .rate(value)
    } else if let nth = fields["nth"] {
      guard let value = Int(nth) else { throw SandboxFaultError(text: text, problem: "nth '\(nth)' is not a number") }
      trigger = .nth(value)
    }
    var retryAfter: Int? = 1
    if let value = fields["retry-after"] {
      if value == "none" {
        retryAfter = nil
      } else {
        guard let seconds = Int(value) else {
          throw SandboxFaultError(text: text, problem: "retry-after '\(value)' is not seconds or none")
        }
        retryAfter = seconds
      }
    }
    var count: Int?
    if let value = fields["count"] {
      guard let number = Int(value) else {
        throw SandboxFaultError(text: text, problem: "count '\(value)' is not a number")
      }
      count = number
    }
    self.init(
      status: status, trigger: trigger, path: fields["path"], method: fields["method"]?.uppercased(),
      retryAfter: retryAfter, count: count)
    try validate()
  }

  /// Throws when the rule cannot fire as written.
  func validate() throws(SandboxFaultError) {
    let text = "status=\(status)"
    guard (400...599).contains(status) else {
      throw SandboxFaultError(text: text, problem: "status \(status) is not a 4xx or 5xx code")
    }
    switch trigger {
    case .rate(let rate) where !(0...1).contains(rate):
      throw SandboxFaultError(text: text, problem: "rate \(rate) is outside 0…1")
    case .nth(let nth) where nth < 1:
      throw SandboxFaultError(text: text, problem: "nth \(nth) must be 1 or more")
    default: break
    }
    if let retryAfter, retryAfter < 0 {
      throw SandboxFaultError(text: text, problem: "retry-after \(retryAfter) is negative")
    }
    if let count, count < 1 { throw SandboxFaultError(text: text, problem: "count \(count) must be 1 or more") }
    if let path, !path.hasPrefix("/") {
      throw SandboxFaultError(text: text, problem: "path '\(path)' must start with /")
    }
  }
}
