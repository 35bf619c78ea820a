import Foundation
import Tapedeck

/// Turns a command-line cassette argument into a file URL: an existing path as given, else a
/// name under the cassettes folder (refusing names that leave it).
enum CassetteArgument {
  static func resolve(_ argument: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws
    -> URL
  {
    if FileManager.default.fileExists(atPath: argument) {
      var isFolder: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder)
      guard !isFolder.boolValue else { throw CommandFailure.input("\(argument) is a folder; give a cassette file.") }
      return URL(fileURLWithPath: argument)
    }
    let folderPath = environment["TAPEDECK_CASSETTES"].flatMap { $0.isEmpty ? nil : $0 } ?? "cassettes"
    let folder = CassetteDirectory(url: URL(fileURLWithPath: folderPath, isDirectory: true))
    do {
      let url = try folder.fileURL(for: argument)
      guard FileManager.default.fileExists(atPath: url.path) else {
        throw CommandFailure.input(
          "no cassette \(argument): neither a file nor \(url.path) exists. Check the name, or set TAPEDECK_CASSETTES.")
      }
      return url
    } catch let error as CassetteLocationError {
      throw CommandFailure.input(error.description)
    }
  }
}
