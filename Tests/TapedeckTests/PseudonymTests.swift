import Foundation
import HTTPTypes
import Testing

@testable import Tapedeck

@Suite("Pseudonyms survive a round trip: idempotent under their key, recognizable by shape")
struct PseudonymTests {
  let pseudonymizer = Pseudonymizer(key: "FAKE-key-one")

  @Test("A name pseudonym of a pseudonym is itself, in any prefix, and a real value changes")
  func namePseudonymsAreIdempotent() {
    let user = pseudonymizer.pseudonym(for: "adele.vance@contoso.example", prefix: "user")
    #expect(user.hasPrefix("user-") && user.count == "user-".count + 24)
    #expect(pseudonymizer.pseudonym(for: user, prefix: "user") == user)
    #expect(pseudonymizer.pseudonym(for: user, prefix: "name") == user)
    #expect(pseudonymizer.isPseudonym(user))
    #expect(!pseudonymizer.isPseudonym("adele.vance@contoso.example"))
  }

  @Test("A GUID pseudonym keeps the GUID shape and is idempotent")
  func guidPseudonymsAreIdempotent() {
    let real = "06137449-6e78-2a16-ea02-1d14c639422a"
    let guid = pseudonymizer.pseudonymGUID(for: real)
    #expect(guid.count == 36 && guid.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
    #expect(guid != real)
    #expect(pseudonymizer.pseudonymGUID(for: guid) == guid)
    #expect(pseudonymizer.pseudonymGUID(for: real) == guid)
  }

  @Test("Under another key a pseudonym is a value like any other, but its shape is still known")
  func otherKeys() {
    let other = Pseudonymizer(key: "FAKE-key-two")
    let user = pseudonymizer.pseudonym(for: "x", prefix: "user")
    #expect(!other.isPseudonym(user))
    #expect(other.pseudonym(for: user, prefix: "user") != user)
    #expect(Pseudonymizer.looksLikePseudonym(user))
    #expect(Pseudonymizer.looksLikePseudonym(pseudonymizer.pseudonymGUID(for: "y")))
    #expect(!Pseudonymizer.looksLikePseudonym("user-alice@contoso.example"))
    #expect(!Pseudonymizer.looksLikePseudonym("06137449-6e78-4a16-aa02-1d14c639422a"))
    #expect(other.trustingPseudonymShapes().pseudonym(for: user, prefix: "user") == user)
    #expect(pseudonymizer.keyFingerprint != other.keyFingerprint)
    #expect(pseudonymizer.keyFingerprint == Pseudonymizer(key: "FAKE-key-one").keyFingerprint)
    #expect(!pseudonymizer.keyFingerprint.contains("FAKE"))
  }

  @Test("Redacting a redacted request changes nothing (URL path, query, header, body)")
  func redactionIsIdempotent() {
    let redactor = Redactor.default.adding(
      .jsonField("userPrincipalName", replacement: .pseudonym(prefix: "user")),
      .queryParameter("upn", replacement: .pseudonym(prefix: "user")),
      .header(.init("X-User")!, replacement: .pseudonym(prefix: "user")),
      .pathSegment(before: "devices", replacement: .pseudonym(prefix: "user")))
    var keyed = redactor
    keyed.pseudonymizer = pseudonymizer
    let request = RecordedRequest(
      method: .patch, url: "https://graph.microsoft.com/beta/users/adele@contoso.example/devices?upn=adele",
      headers: [.init("X-User")!: "adele", .authorization: "Bearer FAKE"],
      body: .json(["userPrincipalName": "adele@contoso.example"]))
    let once = keyed.redact(request)
    #expect(!once.url.contains("adele"))
    #expect(keyed.redact(once) == once)
  }
}
