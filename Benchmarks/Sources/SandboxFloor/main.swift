import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

// The floor for `bench sandbox`: a bare Hummingbird responder, configured as the sandbox's
// server is, that answers each (method, path) with the status, headers and body the sandbox
// answered for it (captured by Peers/sandbox_load.py), from memory. What the sandbox spends
// above this is its own work: token check, routing, store, validation, JSON.
//
//   SandboxFloor ANSWERS.json      prints `Floor listening on http://127.0.0.1:PORT`
//
// ANSWERS.json: [{"method": "PATCH", "path": "/beta/…", "status": 200,
//                 "headers": [["request-id", "…"], …], "body": "<base64>"}, …]

struct Answer: Sendable {
  let status: HTTPResponse.Status
  let headers: HTTPFields
  let body: ByteBuffer
}

guard CommandLine.arguments.count == 2 else {
  FileHandle.standardError.write(Data("usage: SandboxFloor ANSWERS.json\n".utf8))
  exit(2)
}
let data = try Data(contentsOf: URL(fileURLWithPath: CommandLine.arguments[1]))
guard let entries = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
  FileHandle.standardError.write(Data("SandboxFloor: the answers file is not a JSON array of objects\n".utf8))
  exit(2)
}
var answers: [String: Answer] = [:]
for entry in entries {
  guard let method = entry["method"] as? String, let path = entry["path"] as? String,
    let status = entry["status"] as? Int, let pairs = entry["headers"] as? [[String]],
    let body = (entry["body"] as? String).flatMap({ Data(base64Encoded: $0) })
  else { continue }
  var headers = HTTPFields()
  for pair in pairs where pair.count == 2 {
    // Hummingbird writes these itself, for the sandbox as for the floor.
    guard !["content-length", "date", "connection", "transfer-encoding"].contains(pair[0].lowercased()),
      let name = HTTPField.Name(pair[0])
    else { continue }
    headers.append(HTTPField(name: name, value: pair[1]))
  }
  answers["\(method) \(path)"] = Answer(
    status: HTTPResponse.Status(code: status), headers: headers, body: ByteBuffer(bytes: body))
}
let table = answers
let notFound = Answer(status: .notFound, headers: [:], body: ByteBuffer())

var logger = Logger(label: "sandbox-floor")
logger.logLevel = .critical
let app = Application(
  responder: CallbackResponder<BasicRequestContext> { request, _ in
    // Read the body as the sandbox does, then answer from the table.
    _ = try await request.body.collect(upTo: 1 << 20)
    let answer = table["\(request.method.rawValue) \(request.uri.path)"] ?? notFound
    return Response(status: answer.status, headers: answer.headers, body: .init(byteBuffer: answer.body))
  },
  configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
  onServerRunning: { channel in
    let line = "Floor listening on http://127.0.0.1:\(channel.localAddress?.port ?? 0) (\(table.count) answers)\n"
    FileHandle.standardOutput.write(Data(line.utf8))
  },
  logger: logger)
try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
