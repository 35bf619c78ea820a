"""`bench sandbox`: the release `tapedeck sandbox --no-throttling` under concurrent clients, against a floor.

    python3 sandbox_load.py TAPEDECK SANDBOX_FLOOR WRK

The load is wrk's (Debian's `wrk`), on loopback, 16 connections on 2 threads: 80% PATCH of device
statuses across every sample path the sandbox prints (type-cast and navigation paths, beta and
v1.0), each with a valid JSON body, and 20% GET of a deviceStatuses list; a bearer token fetched
once from the sandbox's token endpoint.

The floor (Sources/SandboxFloor) is a bare Hummingbird responder, configured as the sandbox's
server is, answering the same bytes: this script first captures the sandbox's answers to those
requests (status, headers, body) and hands them to the floor, then checks that the floor answers
the same status and body. Rounds alternate floor and sandbox (machines are noisy: the ratio of
each round is taken, then the median). Then the sandbox runs at least 100,000 more requests while
its VmRSS is sampled from /proc.

Prints two lines:
    bench sandbox … sandbox_rps=… floor_rps=… ratio=… errors=…
    bench sandbox-rss requests=… warm_mb=… end_mb=… peak_mb=… growth_mb=… ratio=…
Exits 1 when the ratio is below 0.7 or any request failed (a non-2xx answer or a socket error).
Environment: SANDBOX_ROUNDS (5), SANDBOX_SECONDS (5), SANDBOX_RSS_REQUESTS (100000).
"""
import base64
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

from loopback_load import CONNECTIONS, THREADS, WRK_DONE, log, lua_string, port_of, run_wrk, start
import urllib.parse

ROUNDS = int(os.environ.get("SANDBOX_ROUNDS", "5"))
SECONDS = int(os.environ.get("SANDBOX_SECONDS", "5"))
RSS_REQUESTS = int(os.environ.get("SANDBOX_RSS_REQUESTS", "100000"))
STATUSES = ["compliant", "nonCompliant", "error", "conflict", "remediated", "notApplicable"]




def call(port, method, path, headers, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    answer = (response.status, response.getheaders(), response.read())
    connection.close()
    return answer


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0



def write_script(folder, token, requests):
    """A wrk script whose threads cycle through the prepared requests; done() prints one `wrk …` line."""
    entries = []
    for method, path, body in requests:
        headers = "{[\"Authorization\"] = " + lua_string("Bearer " + token)
        if body is not None:
            headers += ", [\"Content-Type\"] = \"application/json\""
        headers += "}"
        entries.append(
            f"  wrk.format({lua_string(method)}, {lua_string(path)}, {headers}, {lua_string(body) if body else 'nil'}),"
        )
    script = os.path.join(folder, "mix.lua")
    with open(script, "w") as out:
        out.write(
            "local requests\nlocal i = 0\n"
            "function init(args)\n  requests = {\n" + "\n".join(entries) + "\n  }\nend\n"
            "function request()\n  i = i % #requests + 1\n  return requests[i]\nend\n"
            + WRK_DONE
        )
    return script



def main():
    tapedeck, floor_binary, wrk = sys.argv[1:4]
    folder = tempfile.mkdtemp(prefix="tapedeck-sandbox-load-")
    processes = []
    try:
        sandbox, lines = start([tapedeck, "sandbox", "--no-throttling", "--port", "0"], r"Press Ctrl-C")
        processes.append(sandbox)
        port = port_of(lines)
        values = dict(re.findall(r"export (GRAPH_\w+)=(\S+)", "\n".join(lines)))
        paths = [line.strip() for line in lines if re.match(r"\s+/(beta|v1\.0)/deviceManagement/", line)]
        if not paths:
            sys.exit("the sandbox printed no sample paths:\n" + "\n".join(lines))
        form = urllib.parse.urlencode({
            "grant_type": "client_credentials", "client_id": values["GRAPH_CLIENT_ID"],
            "client_secret": values["GRAPH_CLIENT_SECRET"], "scope": "https://graph.microsoft.com/.default"})
        status, _, body = call(port, "POST", f"/{values['GRAPH_TENANT_ID']}/oauth2/v2.0/token",
                               {"Content-Type": "application/x-www-form-urlencoded"}, form)
        if status != 200:
            sys.exit(f"token request answered {status}: {body[:300]!r}")
        token = json.loads(body)["access_token"]

        # 4 PATCHes to each path in turn (every path has its own body, setting the same members, so the
        # answer to a path is the same whatever ran before it), then a list: 80% PATCH, 20% GET.
        patches = [
            ("PATCH", path, json.dumps({"status": STATUSES[n % len(STATUSES)],
                                        "lastReportedDateTime": f"2026-09-01T08:{n % 60:02d}:00Z"},
                                       separators=(",", ":")))
            for n, path in enumerate(paths)]
        listing = ("GET", paths[0].rsplit("/", 1)[0], None)
        mix = []
        for n, patch in enumerate(patches * 4):
            mix.append(patch)
            if n % 4 == 3:
                mix.append(listing)
        authorization = {"Authorization": "Bearer " + token}
        answers = []
        for method, path, body in patches + [listing]:
            headers = dict(authorization, **({"Content-Type": "application/json"} if body else {}))
            status, fields, answer = call(port, method, path, headers, body)
            if not 200 <= status < 300:
                sys.exit(f"the sandbox answered {status} to {method} {path}: {answer[:300]!r}")
            answers.append({"method": method, "path": path, "status": status,
                            "headers": [[name, value] for name, value in fields],
                            "body": base64.b64encode(answer).decode()})
        answers_file = os.path.join(folder, "answers.json")
        with open(answers_file, "w") as out:
            json.dump(answers, out)
        floor, lines = start([floor_binary, answers_file], r"Floor listening")
        processes.append(floor)
        floor_port = port_of(lines)
        for answer, (method, path, body) in zip(answers, patches + [listing]):
            headers = dict(authorization, **({"Content-Type": "application/json"} if body else {}))
            status, fields, got = call(floor_port, method, path, headers, body)
            _, sandbox_fields, expected = call(port, method, path, headers, body)
            if status != answer["status"] or got != expected or len(fields) != len(sandbox_fields):
                sys.exit(f"the floor does not answer {method} {path} as the sandbox does")
        log(f"sandbox on {port}, floor on {floor_port}: {len(patches)} PATCH paths and a list "
            f"({len(base64.b64decode(answers[-1]['body']))} bytes), {CONNECTIONS} connections, "
            f"{THREADS} threads")

        script = write_script(folder, token, mix)
        errors = 0
        for target in (floor_port, port):  # warm-up
            errors += run_wrk(wrk, script, target, 2)["errors"]
        ratios, floor_rates, sandbox_rates = [], [], []
        for round_number in range(ROUNDS):
            order = [("floor", floor_port), ("sandbox", port)]
            if round_number % 2:
                order.reverse()
            rates = {}
            for name, target in order:
                result = run_wrk(wrk, script, target, SECONDS)
                errors += result["errors"]
                rates[name] = result["rps"]
            ratios.append(rates["sandbox"] / rates["floor"])
            floor_rates.append(rates["floor"])
            sandbox_rates.append(rates["sandbox"])
            log(f"round {round_number + 1}: floor {rates['floor']:.0f}/s, sandbox {rates['sandbox']:.0f}/s, "
                f"ratio {ratios[-1]:.3f}")
        ratio = statistics.median(ratios)
        print(f"bench sandbox connections={CONNECTIONS} threads={THREADS} rounds={ROUNDS} seconds={SECONDS} "
              f"sandbox_rps={statistics.median(sandbox_rates):.0f} floor_rps={statistics.median(floor_rates):.0f} "
              f"ratio={ratio:.3f} errors={errors}", flush=True)

        # Memory: VmRSS after the rounds above (the warm-up), then over at least RSS_REQUESTS more.
        warm = rss_mb(sandbox.pid)
        samples = [warm]
        total = 0
        rate = statistics.median(sandbox_rates)
        while total < RSS_REQUESTS:
            seconds = max(2, round((RSS_REQUESTS - total) / rate))
            runner = subprocess.Popen(
                [wrk, f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "5s", "-s", script,
                 f"http://127.0.0.1:{port}"], stdout=subprocess.PIPE, text=True)
            while runner.poll() is None:
                time.sleep(0.5)
                samples.append(rss_mb(sandbox.pid))
            output = runner.stdout.read()
            match = re.search(r"^wrk (.*)$", output, re.M)
            if runner.returncode != 0 or not match:
                sys.exit("wrk failed:\n" + output)
            fields = {key: int(value) for key, value in (pair.split("=") for pair in match.group(1).split())}
            total += fields["requests"]
            errors += sum(fields[key] for key in ("status", "connect", "read", "write", "timeout"))
        end = rss_mb(sandbox.pid)
        print(f"bench sandbox-rss requests={total} warm_mb={warm:.1f} end_mb={end:.1f} peak_mb={max(samples):.1f} "
              f"growth_mb={end - warm:.1f} ratio={end / warm:.3f} errors={errors}", flush=True)
        if ratio < 0.7 or errors:
            log(f"bench sandbox FAILED: ratio {ratio:.3f} (needs ≥ 0.7), {errors} failed requests")
            return 1
        return 0
    finally:
        for process in processes:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    sys.exit(main())
