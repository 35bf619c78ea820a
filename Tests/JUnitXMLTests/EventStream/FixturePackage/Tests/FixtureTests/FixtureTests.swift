import Testing

@Suite("Device statuses")
struct DeviceStatusFixture {
  @Test("patch succeeds")
  func passes() {
    #expect(1 + 1 == 2)
  }

  @Test("patch reports a bad status")
  func fails() {
    let status = "String"
    #expect(status == "compliant", "status \u{1B}[31mString\u{1B}[0m is not a member")
  }

  @Test("needs a live tenant", .disabled("no tenant in CI"))
  func skipped() {}

  @Test("each status round-trips", arguments: ["compliant", "error", "bogus"])
  func parameterized(status: String) {
    #expect(status != "bogus")
  }
}

@Test func freeFunctionPasses() {}
