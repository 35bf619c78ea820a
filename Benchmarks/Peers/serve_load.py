"""`bench serve`: replay through the release `tapedeck serve` under concurrent clients, against a floor.

    python3 serve_load.py TAPEDECK SANDBOX_FLOOR WRK

For each size N (100, 1,000 and 10,000 interactions) a cassette is generated (valid cassette format,
Documentation/CassetteFormat.md): N GETs of distinct Graph device-status URLs, each answered 200 with
a realistic deviceConfigurationDeviceStatus body (an `@odata.context` link that the server points back
at itself, pseudonym-shaped names) and Graph's usual headers. `tapedeck serve --cassette bench-N
--record never --allow-repeats` replays it (no recording id: the default cassette; repeats allowed, so
a load generator can cycle through the cassette for as long as it likes).

The load is wrk's (Debian's `wrk`), on loopback, 16 connections on 2 threads, each thread cycling
through every URL of the cassette (from its own offset) with an `Authorization` and an `Accept`
header, as a Graph client sends.

The floor (Sources/SandboxFloor, the one `bench sandbox` uses) is a bare Hummingbird responder, at the
root's version and configured as the server's is, answering the same bytes: this script first
captures serve's answer to every URL (status, headers, body), hands them to the floor, then checks
that the floor answers the same status, headers and body. Rounds alternate floor and serve (machines
are noisy: each round's ratio is taken, then the median).

Prints one line per size, then the flatness:
    bench serve n=N … serve_rps=… floor_rps=… ratio=… errors=…      ratio = floor_rps / serve_rps
    bench serve-flat small_n=100 small_ratio=… large_n=10000 large_ratio=… flatness=…
flatness = ratio(10,000) / ratio(100): how much the floor/serve ratio grows with the cassette (≤ 1.2 is flat).
The ratio is the floor's rate over serve's (the same direction as `bench replay`'s tapedeck_us /
floor_us: how many times more a request costs through serve); the target is ≤ 1.3, that is serve
answers at least 1/1.3 (77%) of the floor's requests per second.
Exits 1 when a ratio is above 1.3 or any request failed (a non-2xx answer or a socket error).
Environment: SERVE_SIZES (100,1000,10000), SERVE_ROUNDS (5), SERVE_SECONDS (5), SERVE_KEEP (a folder:
keep the cassettes and answers there).
"""
import base64
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from loopback_load import CONNECTIONS, THREADS, WRK_DONE, log, lua_string, port_of, run_wrk, start, stop

SIZES = [int(size) for size in os.environ.get("SERVE_SIZES", "100,1000,10000").split(",")]
ROUNDS = int(os.environ.get("SERVE_ROUNDS", "5"))
SECONDS = int(os.environ.get("SERVE_SECONDS", "5"))
TARGET = 1.3
GRAPH = "https://graph.microsoft.com"
STATUSES = ["compliant", "nonCompliant", "error", "conflict", "remediated", "notApplicable", "unknown"]
TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20ifQ.RkFLRS1zaWduYXR1cmU"  # a fake JWT: the signature decodes to FAKE-signature



# The cassette -----------------------------------------------------------------------------------


def path_of(index):
    """A distinct device-status path: 50 statuses per configuration, ids as Graph spells them."""
    configuration = f"b1f3c2a4-5d6e-4f70-8a9b-{index // 50:012x}"
    device = f"674e98e5-98e5-474e-a598-{index:012x}"
    user = f"5a1c7e20-3b44-4e8d-9c0f-{index * 7919 % (1 << 48):012x}"
    return (f"/beta/deviceManagement/deviceConfigurations/{configuration}/deviceStatuses/"
            f"{device}_{configuration}_{user}")


def response_body(index, path):
    status_id = path.rsplit("/", 1)[1]
    configuration = path.split("/")[4]
    return {
        "@odata.context": f"{GRAPH}/beta/$metadata#deviceManagement/deviceConfigurations('{configuration}')"
                          "/deviceStatuses/$entity",
        "@odata.type": "#microsoft.graph.deviceConfigurationDeviceStatus",
        "id": status_id,
        "deviceDisplayName": f"device-{index:016x}{index * 31 % (1 << 32):08x}",
        "userName": f"name-{index:016x}{index * 37 % (1 << 32):08x}",
        "deviceModel": ["Surface Laptop 5", "Latitude 7440", "ThinkPad X1 Carbon Gen 11", "iPhone 15"][index % 4],
        "platform": index % 4,
        "complianceGracePeriodExpirationDateTime": "9999-12-31T23:59:59Z",
        "status": STATUSES[index % len(STATUSES)],
        "lastReportedDateTime": f"2026-11-{1 + index % 28:02d}T{index % 24:02d}:{index % 60:02d}:17.7769392Z",
        "userPrincipalName": f"user-{index:016x}{index * 41 % (1 << 32):08x}@example.invalid",
    }


def cassette(size):
    interactions = []
    for index in range(size):
        path = path_of(index)
        interactions.append({
            "recordedAt": "2026-11-22T10:00:00Z",
            "request": {
                "headers": {"accept": ["application/json"], "authorization": ["REDACTED"]},
                "method": "GET",
                "url": GRAPH + path,
            },
            "response": {
                "body": {"json": response_body(index, path)},
                "headers": {
                    "cache-control": ["no-cache"],
                    "client-request-id": [f"0c6a4c9e-1d2f-4b3a-8e5d-{index:012x}"],
                    "content-type": ["application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"],
                    "odata-version": ["4.0"],
                    "request-id": [f"0c6a4c9e-1d2f-4b3a-8e5d-{index:012x}"],
                    "strict-transport-security": ["max-age=31536000"],
                    "x-ms-ags-diagnostic": ['{"ServerInfo":{"DataCenter":"West Europe","Slice":"E","Ring":"5","ScaleUnit":"001","RoleInstance":"AM4PEPF0000A1B2"}}'],
                    "x-ms-resource-unit": ["1"],
                },
                "status": 200,
            },
        })
    return {
        "interactions": interactions,
        "name": f"bench-{size}",
        "recordedWith": "tapedeck 0.1.0",
        "source": "hand-written",
        "version": 1,
    }


# Servers and load -------------------------------------------------------------------------------






HEADERS = {"Accept": "application/json", "Authorization": "Bearer " + TOKEN}


def fetch_all(port, paths):
    """GETs every path on one keep-alive connection; returns [(status, [(name, value)], body)]."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    answers = []
    for path in paths:
        connection.request("GET", path, headers=HEADERS)
        response = connection.getresponse()
        answers.append((response.status, response.getheaders(), response.read()))
    connection.close()
    return answers



def write_script(folder, paths):
    """A wrk script: every thread cycles through all paths, thread k starting k/THREADS of the way in;
    done() prints one `wrk …` line."""
    headers = "{" + ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in HEADERS.items()) + "}"
    script = os.path.join(folder, "serve.lua")
    with open(script, "w") as out:
        out.write("local paths = {\n" + "\n".join(f"  {lua_string(p)}," for p in paths) + "\n}\n")
        out.write(
            f"local threads = 0\nlocal i = 0\nlocal headers = {headers}\n"
            "function setup(thread)\n  thread:set(\"start\", threads)\n  threads = threads + 1\nend\n"
            f"function init(args)\n  i = math.floor(start * #paths / {THREADS})\nend\n"
            "function request()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i], headers)\nend\n"
            + WRK_DONE
        )
    return script



def measure(size, folder, tapedeck, floor_binary, wrk):
    """One size: generate, start serve, capture, start the floor, check it, alternate rounds."""
    cassettes = os.path.join(folder, "cassettes")
    os.makedirs(cassettes, exist_ok=True)
    with open(os.path.join(cassettes, f"bench-{size}.json"), "w") as out:
        json.dump(cassette(size), out, indent=2, sort_keys=True, ensure_ascii=False)
        out.write("\n")
    paths = [path_of(index) for index in range(size)]
    processes = []
    try:
        # A clean environment for the server's own settings: no TAPEDECK_* or GRAPH_* from the caller.
        environment = {k: v for k, v in os.environ.items() if not k.startswith(("TAPEDECK_", "GRAPH_"))}
        loaded = time.time()
        serve = subprocess.Popen(
            [tapedeck, "serve", "--port", "0", "--cassettes", cassettes, "--cassette", f"bench-{size}",
             "--record", "never", "--allow-repeats"], stdout=subprocess.PIPE, text=True, env=environment)
        processes.append(serve)
        lines = []
        while True:
            line = serve.stdout.readline()
            if not line:
                sys.exit("tapedeck serve did not start:\n" + "\n".join(lines))
            lines.append(line.rstrip("\n"))
            if "Press Ctrl-C" in line:
                break
        port = port_of(lines)
        loaded = time.time() - loaded

        answers = fetch_all(port, paths)
        records = []
        for path, (status, fields, body) in zip(paths, answers):
            if status != 200:
                sys.exit(f"tapedeck serve answered {status} to GET {path}: {body[:400]!r}")
            records.append({"method": "GET", "path": path, "status": status,
                            "headers": [[name, value] for name, value in fields],
                            "body": base64.b64encode(body).decode()})
        answers_file = os.path.join(folder, f"answers-{size}.json")
        with open(answers_file, "w") as out:
            json.dump(records, out)
        floor, lines = start([floor_binary, answers_file], r"Floor listening")
        processes.append(floor)
        floor_port = port_of(lines)
        dropped = {"content-length", "date", "connection", "transfer-encoding"}  # each server writes its own
        for path, (status, fields, body), (floor_status, floor_fields, floor_body) in zip(
                paths, answers, fetch_all(floor_port, paths)):
            mine = sorted((k.lower(), v) for k, v in fields if k.lower() not in dropped)
            theirs = sorted((k.lower(), v) for k, v in floor_fields if k.lower() not in dropped)
            if floor_status != status or floor_body != body or mine != theirs:
                sys.exit(f"the floor does not answer GET {path} as tapedeck serve does:\n{mine}\n{theirs}")
        log(f"n={size}: serve on {port} (started and loaded in {loaded:.2f} s), floor on {floor_port}, "
            f"answers of {len(answers[0][2])} bytes and {len(answers[0][1])} headers, checked identical; "
            f"{CONNECTIONS} connections, {THREADS} threads")

        script = write_script(folder, paths)
        errors = 0
        for target in (floor_port, port):  # warm-up
            errors += run_wrk(wrk, script, target, 2)["errors"]
        ratios, floor_rates, serve_rates = [], [], []
        for round_number in range(ROUNDS):
            order = [("floor", floor_port), ("serve", port)]
            if round_number % 2:
                order.reverse()
            rates = {}
            for name, target in order:
                result = run_wrk(wrk, script, target, SECONDS)
                errors += result["errors"]
                rates[name] = result["rps"]
            ratios.append(rates["floor"] / rates["serve"])
            floor_rates.append(rates["floor"])
            serve_rates.append(rates["serve"])
            log(f"n={size} round {round_number + 1}: floor {rates['floor']:.0f}/s, serve {rates['serve']:.0f}/s, "
                f"floor/serve {ratios[-1]:.3f}")
        return statistics.median(ratios), statistics.median(serve_rates), statistics.median(floor_rates), errors
    finally:
        for process in processes:
            stop(process)


def main():
    tapedeck, floor_binary, wrk = sys.argv[1:4]
    keep = os.environ.get("SERVE_KEEP")
    folder = keep or tempfile.mkdtemp(prefix="tapedeck-serve-load-")
    os.makedirs(folder, exist_ok=True)
    failed = False
    ratios = {}
    try:
        for size in SIZES:
            ratio, serve_rps, floor_rps, errors = measure(size, folder, tapedeck, floor_binary, wrk)
            ratios[size] = ratio
            print(f"bench serve n={size} connections={CONNECTIONS} threads={THREADS} rounds={ROUNDS} "
                  f"seconds={SECONDS} serve_rps={serve_rps:.0f} floor_rps={floor_rps:.0f} ratio={ratio:.3f} "
                  f"errors={errors}", flush=True)
            if ratio > TARGET or errors:
                log(f"bench serve n={size} FAILED: floor/serve {ratio:.3f} (needs ≤ {TARGET}), {errors} failed requests")
                failed = True
        if len(ratios) > 1:
            low, high = min(ratios), max(ratios)
            print(f"bench serve-flat small_n={low} small_ratio={ratios[low]:.3f} large_n={high} "
                  f"large_ratio={ratios[high]:.3f} flatness={ratios[high] / ratios[low]:.3f}", flush=True)
        return 1 if failed else 0
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
