import Dispatch
import Foundation
import TapedeckSupport

/// Verifies cassettes in parallel (they are independent), keeping the input order.
enum VerifyRun {
  static func verifyAll(_ files: [(url: URL, display: String)], with verifier: CassetteVerifier, progress: Bool)
    -> [CassetteVerifier.Result]
  {
    let slots = Locked<[CassetteVerifier.Result?]>(Array(repeating: nil, count: files.count))
    let done = Locked(0)
    DispatchQueue.concurrentPerform(iterations: files.count) { index in
      let result = verifier.verify(files[index].url, displayPath: files[index].display)
      slots.withLock { $0[index] = result }
      let finished = done.withLock { count in
        count += 1
        return count
      }
      if progress, finished % 10 == 0 || finished == files.count {
        FileHandle.standardError.write(Data("\rverifying \(finished)/\(files.count)…".utf8))
      }
    }
    if progress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    return slots.withLock { $0.compactMap { $0 } }
  }
}
