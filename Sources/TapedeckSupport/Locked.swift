#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A value behind a `pthread_mutex_t`: Tapedeck's one lock.
///
/// `Synchronization.Mutex` would do the same job, but on Linux its lock is a futex inside the
/// uninstrumented standard library, so ThreadSanitizer cannot see it and reports every guarded
/// access as a race (Swift 6.3.1; reproduced with eight threads and a dictionary). The sanitizers
/// intercept `pthread_mutex_lock`, so code built on this lock runs clean under
/// `swift test --sanitize=thread`, in this package and in the packages that use it.
///
/// ```swift
/// let counts = Locked([String: Int]())
/// counts.withLock { $0["patch", default: 0] += 1 }
/// ```
package final class Locked<Value: ~Copyable>: @unchecked Sendable {
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>
  private var value: Value

  /// A lock guarding `value`.
  package init(_ value: consuming Value) {
    self.value = value
    mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    mutex.initialize(to: pthread_mutex_t())
    pthread_mutex_init(mutex, nil)
  }

  deinit {
    pthread_mutex_destroy(mutex)
    mutex.deinitialize(count: 1)
    mutex.deallocate()
  }

  /// Runs `body` with the value while holding the lock.
  package func withLock<Result, Failure: Error>(
    _ body: (inout Value) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return try body(&value)
  }
}
