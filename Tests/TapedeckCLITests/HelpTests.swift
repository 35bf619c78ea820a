import Foundation
import Testing

/// Help reads like a well-kept swift-argument-parser tool: defaults and value lists show values
/// (never `ProfileArgument(value: …)`), the Graph version is `--graph-version`, and `--version`
/// is the tool's version everywhere.
@Suite("tapedeck help, run as a built binary")
struct HelpTests {
  /// Help at a fixed width, whatever the terminal the tests run in.
  static func help(_ command: [String]) throws -> CommandRunner.Outcome {
    try CommandRunner.run(["help"] + command, environment: ["COLUMNS": "80"])
  }

  static let commands: [[String]] = [
    [], ["verify"], ["audit"], ["record"], ["sandbox"], ["serve"], ["inspect"], ["validate"], ["endpoints"], ["format"],
    ["junit"], ["junit", "validate"], ["junit", "merge"], ["junit", "from-events"], ["drift"], ["har"],
    ["har", "import"], ["har", "export"],
  ]

  @Test("verify's help, word for word")
  func verifyGolden() throws {
    let outcome = try Self.help(["verify"])
    #expect(outcome.status == 0)
    #expect(outcome.output == Self.verifyHelp)
  }

  @Test("No help shows a Swift value dump or a line broken mid-sentence", arguments: commands)
  func readable(_ command: [String]) throws {
    let outcome = try Self.help(command)
    #expect(outcome.status == 0, "\(outcome.errors)")
    for dump in ["Argument(value:", "(value:", "JUnitXML.", "GraphContracts."] {
      #expect(!outcome.output.contains(dump), "tapedeck help \(command.joined(separator: " ")) shows \(dump)")
    }
    // A paragraph hard-wrapped in the source shows as a short line followed by a lower-case one.
    let lines = outcome.output.split(separator: "\n", omittingEmptySubsequences: false)
    for (line, next) in zip(lines, lines.dropFirst()) where !line.hasPrefix(" ") && !next.hasPrefix(" ") {
      guard let first = next.first, first.isLowercase, !line.isEmpty else { continue }
      #expect(line.count > 60, "a line broken early in tapedeck help \(command.joined(separator: " ")): \(line)")
    }
    #expect(!outcome.output.contains("--version <"), "a command takes --version with a value")
  }

  @Test("validate's --graph-version lists its values and defaults to beta")
  func validateGraphVersion() throws {
    let outcome = try Self.help(["validate"])
    let flattened = outcome.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(
      flattened.contains(
        "--graph-version <version> The Graph version whose built-in contracts to use. (values: beta, v1.0; default: beta)"
      ))
    #expect(flattened.contains("--version Show the version."))
  }

  @Test(
    "--profile defaults to portable and describes each profile",
    arguments: [["verify"], ["junit", "merge"], ["junit", "from-events"]])
  func profile(_ command: [String]) throws {
    let outcome = try Self.help(command)
    #expect(outcome.output.contains("(default: portable)"))
    for profile in ["portable", "surefire", "rich"] {
      #expect(outcome.output.contains("        \(profile) "), "\(profile) is not listed")
    }
  }

  @Test(
    "--version prints the tool's version, after any subcommand too",
    arguments: [[], ["verify"], ["validate"], ["junit", "merge"]])
  func version(_ command: [String]) throws {
    let outcome = try CommandRunner.run(command + ["--version"])
    #expect(outcome.status == 0, "\(outcome.errors)")
    #expect(outcome.output == "0.1.0\n")
  }

  @Test(
    "The old spelling of the Graph version is refused with the new one, never taken for the tool's version",
    arguments: [["--version", "v1.0"], ["--version=beta"]])
  func oldSpelling(_ option: [String]) throws {
    let outcome = try CommandRunner.run(["validate", "--type", "deviceConfigurationDeviceStatus"] + option + ["-"])
    #expect(outcome.status == 2)
    #expect(outcome.output == "")
    #expect(outcome.errors.contains("the Graph version option is --graph-version"), "\(outcome.errors)")
    #expect(outcome.errors.contains("Use --graph-version "))
  }

  /// `tapedeck help verify` at 80 columns.
  static let verifyHelp = """
    OVERVIEW: Check every cassette: it parses, its URLs are documented endpoints,
    bodies and answers conform, nothing leaks.

    DIR defaults to the project's cassettes/ (TAPEDECK_CASSETTES when set). Prints
    a table and a summary; --junit writes a report (a suite per cassette, a case
    per interaction).

    Exit codes: 0 all good, 1 findings, 2 bad usage or unreadable input (a cassette
    or subfolder that cannot be read, a symbolic link leading outside the folder).

    USAGE: tapedeck verify [<dir>] [--junit <path>] [--profile <profile>] [--metadata <file>] [--graph-version <version>] [--format <format>] [--max-age <age>] [--usage <log>] [--allow-endpoints <file>]

    ARGUMENTS:
      <dir>                   The folder of cassettes (searched recursively), or
                              one cassette file.

    OPTIONS:
      --junit <path>          Write a JUnit XML report here.
      --profile <profile>     The shape of the --junit report (surefire makes
                              <path> a folder). (default: portable)
            portable          - One file, valid under the Jenkins, xunit-plugin,
                                jest and Ant schemas at once.
            surefire          - One file per suite in a folder, valid under both
                                Surefire schemas.
            rich              - One file with file, line and per-case properties
                                (GitLab, GitHub, CircleCI).
      --metadata <file>       Validate against this CSDL ($metadata) file instead
                              of the built-in contracts.
      --graph-version <version>
                              Validate against this Graph version's contracts
                              instead of each URL's version. (values: beta, v1.0)
      --format <format>       Print a table (text) or one JSON document (json).
                              (values: text, json; default: text)
      --max-age <age>         Report cassettes whose oldest interaction is older
                              than this (90d, 12w, 36h; default: TAPEDECK_MAX_AGE).
      --usage <log>           A usage log written by a test run
                              (TAPEDECK_USAGE_LOG): list the cassettes no test
                              opened and the interactions no test played, as
                              warnings.
      --allow-endpoints <file>
                              Endpoints your client calls beyond the documented
                              ones, each with a reason (default:
                              tapedeck-endpoints.json in the working directory,
                              when it exists).
      --version               Show the version.
      -h, --help              Show help information.

    """ + "\n"
}
