"""vcrpy's record and replay cost on the same scenario Tapedeck runs: N PATCH requests with JSON
bodies to distinct device-status URLs on the loopback server, matched on method, URI and body.
Prints `vcrpy n=N record_ms=… replay_ms=…` per N."""
import json
import os
import sys
import tempfile
import time

import requests
import vcr

port = int(sys.argv[1])
sizes = [int(n) for n in sys.argv[2].split(",")]
base = f"http://127.0.0.1:{port}/beta/deviceManagement/deviceConfigurations/b1f3c2a4-5d6e-4f70-8a9b-0c1d2e3f4a5b/deviceStatuses"


def run(session, count):
    for index in range(count):
        session.patch(f"{base}/status-{index}", data=json.dumps({"status": "compliant" if index % 2 == 0 else "nonCompliant"}),
                      headers={"Content-Type": "application/json"})


folder = tempfile.mkdtemp()
for count in sizes:
    path = os.path.join(folder, f"cassette-{count}.yaml")
    recorder = vcr.VCR(match_on=["method", "uri", "body"])
    session = requests.Session()
    start = time.perf_counter()
    with recorder.use_cassette(path, record_mode="all"):
        run(session, count)
    record_ms = (time.perf_counter() - start) * 1000
    replays = []
    for _ in range(3):
        start = time.perf_counter()
        with recorder.use_cassette(path, record_mode="none"):
            run(requests.Session(), count)
        replays.append((time.perf_counter() - start) * 1000)
    replays.sort()
    print(f"vcrpy n={count} record_ms={record_ms:.1f} replay_ms={replays[1]:.1f}", flush=True)
