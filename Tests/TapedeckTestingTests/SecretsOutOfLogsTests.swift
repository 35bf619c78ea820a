import Foundation
import HTTPTypes
import JUnitXML
import OpenAPIRuntime
import Tapedeck
import TapedeckOpenAPI
import TapedeckSupport
import TapedeckTesting
import Testing
import XCTest

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Values planted in a failing test. All fake, and shaped like the real thing.
enum Planted {
  /// A fake, unsigned JWT: `{"alg":"none"}.{"sub":"FAKE"}.FAKE-signature`.
  static let jwt = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJGQUtFIn0.RkFLRS1zaWduYXR1cmU"
  static let opaqueToken = "FAKE-opaque-access-token-7f3a9c"
  static let clientSecret = "FAKE-client-secret-b41d0e"
  static let personal = "adele.vance@contoso.example"
  static let all = [jwt, opaqueToken, clientSecret, personal]

  /// A request that carries every planted value the way a real one would.
  static func request() -> URLRequest {
    var request = URLRequest(
      url: URL(string: "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/x/deviceStatuses/y")!)
    request.httpMethod = "PATCH"
    request.setValue("Bearer \(opaqueToken)", forHTTPHeaderField: "Authorization")
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    request.httpBody = Data(#"{"userPrincipalName":"\#(personal)","status":"compliant"}"#.utf8)
    return request
  }

  /// What the OpenAPI runtime's `ClientError` prints for a failed request: headers included.
  static func clientError() -> ClientError {
    var request = HTTPRequest(method: .patch, scheme: nil, authority: nil, path: "/beta/x")
    request.headerFields[.authorization] = "Bearer \(opaqueToken)"
    return ClientError(
      operationID: "updateStatus", operationInput: "user \(personal)", request: request,
      requestBody: HTTPBody("client_secret=\(clientSecret)&assertion=\(jwt)"), baseURL: nil, response: nil,
      responseBody: nil, causeDescription: "Middleware threw an error", underlyingError: URLError(.timedOut))
  }

  /// The planted values found in `text`.
  static func leaks(in text: String) -> [String] { all.filter { text.contains($0) } }
}

@Suite("No planted token, secret or personal value reaches a test's output or report")
struct SecretsOutOfLogsTests {
  @Test("Swift Testing, through .cassette: issues, failed expectations, misses and thrown errors are scrubbed")
  func swiftTestingTrait() async throws {
    let texts = Locked<[String]>([])
    let trait = CassetteTrait.cassette(
      "sandbox/beta/device-configuration-status", record: .never, redactor: Shipped.redactor)
    let test = try #require(Test.current)
    // Captures the issues as Swift Testing reports them (after the trait's scrubbing), and
    // keeps them from failing this test.
    let capturing = IssueHandlingTrait.compactMapIssues { issue in
      texts.withLock { $0.append("\(issue) \(issue.comments.map(\.rawValue)) \(issue.error.map { "\($0)" } ?? "")") }
      return nil
    }
    do {
      try await capturing.provideScope(for: test, testCase: nil) {
        try await trait.provideScope(for: test, testCase: nil) {
          let session = try cassetteSession()
          _ = try? await session.data(for: Planted.request())  // a miss, reported with its story
          let token = Planted.jwt
          #expect(token.isEmpty)  // the expansion prints the token
          Issue.record("authorization: Bearer \(Planted.opaqueToken); client_secret=\(Planted.clientSecret)")
          Issue.record("the PATCH was for \(Planted.personal)")
          throw Planted.clientError()
        }
      }
    } catch {
      texts.withLock { $0.append("\(error) \(error.localizedDescription)") }
    }
    let seen = texts.withLock { $0 }
    #expect(seen.count >= 5, "\(seen)")
    #expect(seen.allSatisfy { Planted.leaks(in: $0).isEmpty }, "\(seen)")
    #expect(seen.contains { $0.contains("authorization: REDACTED") })
    #expect(seen.contains { $0.contains(UnmatchedRequestError.headline) })
  }

  @Test("Swift Testing, through withCassette: issues the body records are scrubbed")
  func swiftTestingWithCassette() async throws {
    let texts = Locked<[String]>([])
    let test = try #require(Test.current)
    let capturing = IssueHandlingTrait.compactMapIssues { issue in
      texts.withLock { $0.append("\(issue) \(issue.comments.map(\.rawValue))") }
      return nil
    }
    try await capturing.provideScope(for: test, testCase: nil) {
      try await withCassette(
        "sandbox/beta/device-configuration-status", record: .never, redactor: Shipped.redactor,
        directory: Shipped.cassettes
      ) { session in
        _ = try? await session.data(for: Planted.request())
        #expect(Planted.jwt.isEmpty)
        Issue.record("client_secret=\(Planted.clientSecret), token \(Planted.opaqueToken), user \(Planted.personal)")
      }
    }
    let seen = texts.withLock { $0 }
    #expect(seen.count == 3, "\(seen)")
    #expect(seen.allSatisfy { Planted.leaks(in: $0).isEmpty }, "\(seen)")
  }

  @Test("withCassette and the OpenAPI middleware: a relayed ClientError is scrubbed of headers, bodies and values")
  func middlewareClientError() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-logs-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    var thrown: (any Error)?
    do {
      try await withCassette("relayed", record: .once, directory: CassetteDirectory(url: folder)) { _ in
        let middleware = CassetteMiddleware(player: try #require(currentCassette))
        var request = HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/beta/me")
        request.headerFields[.authorization] = "Bearer \(Planted.opaqueToken)"
        _ = try await middleware.intercept(
          request, body: nil, baseURL: URL(string: "http://127.0.0.1:9")!, operationID: "me"
        ) { _, _, _ in
          var response = HTTPResponse(status: .ok)
          response.headerFields[.contentType] = "application/json"
          return (response, HTTPBody(#"{"userPrincipalName":"\#(Planted.personal)"}"#))
        }
        throw Planted.clientError()
      }
    } catch {
      thrown = error
    }
    let error = try #require(thrown as? ScrubbedError)
    #expect(error.underlying is ClientError)
    #expect(Planted.leaks(in: "\(error)").isEmpty, "\(error)")
    #expect(Planted.leaks(in: error.localizedDescription).isEmpty)
    #expect("\(error)".contains("authorization: REDACTED"))
    #expect("\(error)".contains("user user-"), "the personal value became its pseudonym: \(error)")
  }

  @Test("XCTest, through CassetteTestCase and the JUnit observer: failures and thrown errors are scrubbed")
  func xctestAndJUnit() throws {
    let report = FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-logs-\(UUID()).xml")
    defer { try? FileManager.default.removeItem(at: report) }
    let capture = FailureCapture()
    let observer = try JUnitTestObserver(url: report)
    let suite = XCTestSuite(name: "PlantedValuesFixture")
    suite.addTest(PlantedValuesFixture(name: "leaks", testClosure: { try ($0 as! PlantedValuesFixture).leaks() }))
    XCTestObservationCenter.shared.addTestObserver(capture)
    XCTestObservationCenter.shared.addTestObserver(observer)
    suite.run()
    XCTestObservationCenter.shared.removeTestObserver(observer)
    XCTestObservationCenter.shared.removeTestObserver(capture)
    try observer.finish()
    let failures = capture.failures.map(\.description)
    #expect(failures.count >= 3, "\(failures)")
    #expect(failures.allSatisfy { Planted.leaks(in: $0).isEmpty }, "\(failures)")
    let xml = try String(contentsOf: report, encoding: .utf8)
    #expect(xml.contains("<failure"))
    #expect(Planted.leaks(in: xml).isEmpty, "\(xml)")
  }
}

/// A failing XCTest case on a cassette, run by hand (its method does not start with `test`).
final class PlantedValuesFixture: CassetteTestCase {
  override var cassetteRecordMode: RecordMode? { .never }
  override var cassetteName: String { "sandbox/beta/device-configuration-status" }
  override var cassetteRedactor: Redactor? { Shipped.redactor }
  override var cassetteDirectory: CassetteDirectory { Shipped.cassettes }

  func leaks() throws {
    let done = DispatchSemaphore(value: 0)
    cassetteSession().dataTask(with: Planted.request()) { _, _, _ in done.signal() }.resume()
    done.wait()
    XCTAssertEqual(Planted.jwt, "", "client_secret=\(Planted.clientSecret)")
    XCTFail("the PATCH was for \(Planted.personal)")
    throw Planted.clientError()
  }
}
