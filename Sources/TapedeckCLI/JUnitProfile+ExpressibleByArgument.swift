public import ArgumentParser
public import JUnitXML

/// A `--profile` value: `portable`, `surefire` or `rich`, each described in help.
extension JUnitProfile: ExpressibleByArgument {
  /// Each profile with what it is for, listed under `--profile` in help.
  public static var allValueDescriptions: [String: String] {
    [
      JUnitProfile.portable.rawValue: "One file, valid under the Jenkins, xunit-plugin, jest and Ant schemas at once.",
      JUnitProfile.surefire.rawValue: "One file per suite in a folder, valid under both Surefire schemas.",
      JUnitProfile.rich.rawValue: "One file with file, line and per-case properties (GitLab, GitHub, CircleCI).",
    ]
  }
}
