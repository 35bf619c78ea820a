import Foundation
import GraphContracts
import Tapedeck
import TapedeckTesting
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A suite's choices reach its tests field by field: the test below names only its cassette, and
/// replays the shipped recording offline because the suite chose the mode, the redaction key and
/// the folder.
@Suite(
  "One configuration scope, merged field by field",
  .cassette(
    nil,
    CassetteConfiguration(
      record: .never, matching: .default.ignoringQueryParameters("suite-choice"), redactor: Shipped.redactor,
      directory: Shipped.cassettes)))
struct CassetteConfigurationTests {
  @Test(.cassette("sandbox/beta/device-configuration-status"))
  func aTestsOwnTraitKeepsTheSuitesOtherChoices() async throws {
    let player = try #require(currentCassette)
    #expect(player.mode == .never)
    #expect(player.matching.ignoredQueryParameters == ["suite-choice"])
    #expect(player.redactor.pseudonymizer.keyFingerprint == Shipped.key.keyFingerprint)
    #expect(player.fileURL.path.hasPrefix(Shipped.cassettes.url.path))
    let (status, _, _) = try await Shipped.scenario(
      try cassetteSession(), path: try Shipped.path("beta/device-configuration-status"),
      status: try Shipped.status("beta/device-configuration-status"))
    #expect(status == 200)
  }

  @Test(.cassette("sandbox/beta/device-configuration-status", allowPlaybackRepeats: true))
  func aTestOverridesOnlyWhatItSets() throws {
    let player = try #require(currentCassette)
    #expect(player.allowPlaybackRepeats)
    #expect(player.matching.ignoredQueryParameters == ["suite-choice"])
    #expect(player.mode == .never)
  }

}

/// Scopes and calls, outside any suite trait.
@Suite("withCassetteConfiguration and RecordMode")
struct CassetteConfigurationScopeTests {
  @Test func aScopeAndACallMergeTheSameWay() async throws {
    let scope = CassetteConfiguration(
      record: .never, matching: .default.ignoringQueryParameters("scope-choice"), redactor: Shipped.redactor,
      directory: Shipped.cassettes)
    try await withCassetteConfiguration(scope) {
      #expect(CassetteConfiguration.current.matching?.ignoredQueryParameters == ["scope-choice"])
      // The call's argument wins over the scope for the field it sets; the rest come from the scope.
      try await withCassette("sandbox/beta/compliance-policy-status", allowPlaybackRepeats: true) { session in
        let player = try #require(currentCassette)
        #expect(player.allowPlaybackRepeats)
        #expect(player.matching.ignoredQueryParameters == ["scope-choice"])
        #expect(player.modeOrigin == "the enclosing scope")
        let (status, _, _) = try await Shipped.scenario(
          session, path: try Shipped.path("beta/compliance-policy-status"),
          status: try Shipped.status("beta/compliance-policy-status"))
        #expect(status == 200)
      }
    }
  }

  @Test func mergingTakesEachFieldFromTheInnermostLevelThatSetsIt() {
    let outer = CassetteConfiguration(record: .never, redactor: Shipped.redactor, allowPlaybackRepeats: false)
    let inner = CassetteConfiguration(record: .missing, source: .sandbox)
    let merged = inner.merged(over: outer)
    #expect(merged.record == .missing)
    #expect(merged.source == .sandbox)
    #expect(merged.allowPlaybackRepeats == false)
    #expect(merged.redactor != nil)
    #expect(merged.matching == nil && merged.directory == nil)
  }

  @Test func recordModesReadTheirNamesAndNothingElse() {
    #expect(RecordMode(name: " Missing ") == .missing)
    #expect(RecordMode(name: "sometimes") == nil)
    #expect(RecordMode.allModes.map(\.name) == ["never", "once", "missing", "all", "passthrough"])
    #expect(RecordMode.never.description == ".never")
  }
}
