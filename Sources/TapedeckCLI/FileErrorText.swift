import Foundation
import TapedeckSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Foundation and POSIX errors as a short sentence naming the problem, never a raw
/// `Error Domain=NSCocoaErrorDomain …` dump.
enum FileErrorText {
  /// `Permission denied`, `No such file or directory`, `No space left on device`, …
  static func reason(of error: any Error) -> String { AtomicFile.reason(of: error) }

  /// The file an error names (`NSFilePath`, `NSURL`, or the failing URL), when it names one.
  static func path(of error: any Error) -> String? {
    let info = (error as NSError).userInfo
    if let path = info[NSFilePathErrorKey] as? String { return path }
    if let url = info[NSURLErrorKey] as? URL { return url.isFileURL ? url.path : url.absoluteString }
    if let url = info[NSURLErrorFailingURLErrorKey] as? URL { return url.absoluteString }
    return nil
  }

  /// Whether an error is one of Foundation's (or a POSIX one) that would print as a dump.
  static func isFoundationError(_ error: any Error) -> Bool {
    if error is POSIXError || error is CocoaError || error is URLError { return true }
    let domain = (error as NSError).domain
    return [NSCocoaErrorDomain, NSURLErrorDomain, NSPOSIXErrorDomain].contains(domain)
  }

  /// `PATH: Permission denied. Check the path and its permissions.`
  static func sentence(for error: any Error) -> String {
    let place = path(of: error).map { "\($0): " } ?? ""
    return
      "\(place)\(reason(of: error)). Check the path, its permissions and the free space, then run the command again."
  }
}
