import Foundation
import TapedeckSupport

/// Counts requests in fixed windows per app and per tenant, as Intune's limits are stated.
final class SandboxThrottle: Sendable {
  let limits: SandboxConfiguration.Throttling
  private let counters = Locked<(windowStart: Double, counts: [String: Int])>((0, [:]))

  init(limits: SandboxConfiguration.Throttling) { self.limits = limits }

  /// Counts a request; returns the seconds until the window resets when a limit is exceeded.
  func admit(tenant: String, app: String, isWrite: Bool, now: Double = Date().timeIntervalSince1970) -> Int? {
    counters.withLock { state in
      if now - state.windowStart >= limits.window {
        state.windowStart = now
        state.counts = [:]
      }
      var keys = ["all|\(tenant)|\(app)", "all|\(tenant)"]
      if isWrite { keys += ["write|\(tenant)|\(app)", "write|\(tenant)"] }
      let limitsByKey = [limits.requestsPerApp, limits.requestsPerTenant, limits.writesPerApp, limits.writesPerTenant]
      for (key, limit) in zip(keys, limitsByKey) where state.counts[key, default: 0] >= limit {
        return max(1, Int((state.windowStart + limits.window - now).rounded(.up)))
      }
      for key in keys { state.counts[key, default: 0] += 1 }
      return nil
    }
  }
}
