/// Which consumers a report is shaped for.
///
/// | profile | shape | validates against |
/// |---|---|---|
/// | ``portable`` | `<testsuites>` without attributes; every suite with counts, `timestamp`, `hostname`, `id`, `package`, properties, `system-out` and `system-err`; one `failure`, `error` or `skipped` per case; case output folded into the suite's output | Jenkins (`jenkins-junit.xsd`), the xunit plugin (`junit-10.xsd`), jest-junit, Ant (windyroad) |
/// | ``surefire`` | one `<testsuite>` document per suite (`TEST-<suite>.xml`), every failure its own element, case output on the case | both Surefire schemas |
/// | ``rich`` | adds `file`, `line` and properties per case, every failure with its location, `flakyFailure`, and `[[ATTACHMENT|path]]` in the case's output | read by GitLab, GitHub annotation actions and CircleCI (not valid under the strict schemas, by design) |
///
/// ```swift
/// let data = JUnitWriter(profile: .rich).document(report)
/// ```
public enum JUnitProfile: String, Sendable, Hashable, CaseIterable {
  /// Valid under the Jenkins, xunit-plugin, jest and Ant schemas at once (the default).
  case portable
  /// One file per suite, valid under both Surefire schemas.
  case surefire
  /// File, line and per-case properties for GitLab, GitHub annotations and CircleCI.
  case rich
}
