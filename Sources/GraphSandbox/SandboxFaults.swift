import TapedeckSupport

/// The fault rules in force and their counters, plus an injected latency. Decisions draw from
/// a generator seeded by the sandbox's seed, so a sequence of requests fails the same way each run.
final class SandboxFaults: Sendable {
  private struct Rule: Sendable {
    var fault: SandboxFault
    var matched = 0
    var fired = 0
  }

  private struct State: Sendable {
    var rules: [Rule] = []
    var random: SeededGenerator
    var delay: Duration = .zero
  }

  private let state: Locked<State>

  init(seed: UInt64, rules: [SandboxFault] = []) {
    state = Locked(State(rules: rules.map { Rule(fault: $0) }, random: SeededGenerator(seed: seed ^ 0xFA17)))
  }

  func add(_ fault: SandboxFault) { state.withLock { $0.rules.append(Rule(fault: fault)) } }
  func clear() { state.withLock { $0.rules = [] } }
  var rules: [SandboxFault] { state.withLock { $0.rules.map(\.fault) } }
  /// Each rule with how many requests it matched and how many it failed.
  var usage: [(fault: SandboxFault, matched: Int, fired: Int)] {
    state.withLock { $0.rules.map { ($0.fault, $0.matched, $0.fired) } }
  }
  func setLatency(_ latency: Duration) { state.withLock { $0.delay = latency } }
  var latency: Duration { state.withLock { $0.delay } }

  /// The fault this request meets, if any (the first rule that fires).
  func fault(method: String, path: String) -> SandboxFault? {
    state.withLock { state in
      for index in state.rules.indices {
        let fault = state.rules[index].fault
        guard path.hasPrefix(fault.path ?? "/"), fault.method.map({ $0 == method }) ?? true else { continue }
        if let count = fault.count, state.rules[index].fired >= count { continue }
        state.rules[index].matched += 1
        let fires: Bool
        switch fault.trigger {
        case .always: fires = true
        case .nth(let nth): fires = state.rules[index].matched == nth
        case .rate(let rate): fires = Double(state.random.next() % 1_000_000) / 1_000_000 < rate
        }
        if fires {
          state.rules[index].fired += 1
          return fault
        }
      }
      return nil
    }
  }
}
