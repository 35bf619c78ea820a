"""What the loopback load benchmarks share: starting a server and reading its port, stopping it,
and driving it with Debian's wrk through a Lua script whose done() prints one `wrk …` line."""

import re
import subprocess
import sys
import time

CONNECTIONS, THREADS = 16, 2

# The done() every script ends with: one line run_wrk reads.
WRK_DONE = (
    "function done(summary, latency, requests)\n"
    '  io.write(string.format("wrk requests=%d duration_us=%d status=%d connect=%d read=%d write=%d timeout=%d\\n",\n'
    "    summary.requests, summary.duration, summary.errors.status, summary.errors.connect,\n"
    "    summary.errors.read, summary.errors.write, summary.errors.timeout))\n"
    "end\n"
)


def log(text):
    print(text, file=sys.stderr, flush=True)


def start(command, ready, timeout=30):
    """Starts a server and reads its stdout up to the line matching `ready`; returns (process, lines)."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    lines = []
    deadline = time.time() + timeout
    while time.time() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if re.search(ready, line):
            return process, lines
    process.kill()
    sys.exit(f"{command[0]} did not start:\n" + "\n".join(lines))


def port_of(lines):
    for line in lines:
        match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
        if match:
            return int(match.group(1))
    sys.exit("no port in:\n" + "\n".join(lines))


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def lua_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def run_wrk(wrk, script, port, seconds):
    output = subprocess.run(
        [wrk, f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "5s", "-s", script,
         f"http://127.0.0.1:{port}"],
        capture_output=True, text=True, check=True).stdout
    match = re.search(r"^wrk (.*)$", output, re.M)
    if not match:
        sys.exit("wrk printed no summary:\n" + output)
    fields = {key: int(value) for key, value in (pair.split("=") for pair in match.group(1).split())}
    fields["rps"] = fields["requests"] / (fields["duration_us"] / 1e6)
    fields["errors"] = sum(fields[key] for key in ("status", "connect", "read", "write", "timeout"))
    return fields
