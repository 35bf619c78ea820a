"""A loopback HTTP server for the replay and record comparisons: answers PATCH and GET on any
device-status path with a JSON status. Prints its port on the first line, then serves until
killed."""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # answer at once; Nagle with delayed ACKs adds 40 ms a request

    def answer(self, status_text):
        body = json.dumps({"id": self.path.rsplit("/", 1)[-1], "status": status_text, "platform": 0,
                           "lastReportedDateTime": "2026-11-22T10:00:00Z",
                           "complianceGracePeriodExpirationDateTime": "0001-01-01T00:00:00Z"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_PATCH(self):
        length = int(self.headers.get("Content-Length", "0"))
        payload = json.loads(self.rfile.read(length) or b"{}")
        self.answer(payload.get("status", "unknown"))

    def do_GET(self):
        self.answer("unknown")

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
