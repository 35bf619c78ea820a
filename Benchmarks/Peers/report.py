"""Writes Documentation/Performance.md and Documentation/performance.png from a run's bench lines."""
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

sys.path.insert(0, os.path.dirname(__file__))
from summary import figures, parse

results, docs = sys.argv[1], sys.argv[2]
page = os.path.join(docs, "Performance.md")


def bench_lines(path):
    return [line.rstrip() for line in open(path) if line.startswith("bench ") and "skipped" not in line.split()]


# A partial run (`run.sh sandbox --report`) replaces its own figures and keeps the page's others.
fresh = bench_lines(results)
measured = {line.split()[1] for line in fresh}
kept = [line for line in bench_lines(page) if line.split()[1] not in measured] if os.path.exists(page) else []
merged = os.path.join(os.path.dirname(os.path.abspath(results)), os.path.basename(results) + ".merged")
with open(merged, "w") as out:
    out.write("".join(line + "\n" for line in kept + fresh))
results = merged
rows = parse(results)
replay = {int(f["n"]): f for name, f in rows if name == "replay"}
peers = {int(f["n"]): f for name, f in rows if name == "replay-vs-vcrpy"}

fig, ax = plt.subplots(figsize=(7, 4.2), dpi=110)
if peers:
    sizes = sorted(peers)
    ax.plot(sizes, [float(peers[n]["vcrpy_ms"]) * 1000 / n for n in sizes], "o-", label="vcrpy (requests)")
    ax.plot(sizes, [float(peers[n]["tapedeck_ms"]) * 1000 / n for n in sizes], "o-", label="Tapedeck (URLSession)")
if replay:
    sizes = sorted(replay)
    ax.plot(sizes, [float(replay[n]["tapedeck_us"]) for n in sizes], "s--", label="Tapedeck, 10k-scale run")
    ax.plot(sizes, [float(replay[n]["floor_us"]) for n in sizes], "^:", label="floor: bare URLProtocol")
ax.set_xscale("log")
ax.set_yscale("log")
ax.set_xlabel("recorded interactions in the cassette")
ax.set_ylabel("replay cost per request (µs)")
ax.set_title("Replay cost per request against cassette size")
ax.grid(True, which="both", alpha=0.3)
ax.legend()
fig.tight_layout()
fig.savefig(os.path.join(docs, "performance.png"))

lines = [
    "# Performance",
    "",
    "Every figure comes from `bash Benchmarks/run.sh` (release build). Each comparison runs in the",
    "same process or script as its baseline, on the same machine, and is reported as a ratio. These",
    "machines are shared and noisy, so absolute times alone mean little. Regenerate this page and its",
    "chart with `bash Benchmarks/run.sh --report` (`bash Benchmarks/run.sh sandbox --report` replaces",
    "the figures it measures and keeps the others).",
    "",
    "![Replay cost per request against cassette size](performance.png)",
    "",
    "| figure | Tapedeck | peer or floor | ratio | target | met? |",
    "|---|---|---|---|---|---|",
]
for a, b, c, d, e, m in figures(rows):
    lines.append(f"| {a} | {b} | {c} | {d} | {e} | {'-' if m is None else ('yes' if m else 'no')} |")
lines += [
    "",
    "The raw lines:",
    "",
    "```",
    *[line.rstrip() for line in open(results) if line.startswith("bench ")],
    "```",
    "",
    "How to read them:",
    "",
    "- **replay**: µs per request to replay an N-interaction cassette through URLSession, against a",
    "  bare URLProtocol that answers from a dictionary. URLSession's own cost dominates both, so",
    "  the ratio sits near 1 and stays flat as N grows: the lookup goes through an index built at load.",
    "- **replay-vs-vcrpy**: the same scenario, N PATCH requests with JSON bodies to distinct URLs on",
    "  a loopback server, matched on method, URI and body. vcrpy scans its cassette for every",
    "  request, so its cost per request grows with N; Tapedeck's does not.",
    "- **record**: recording the same 1,000 requests against the same loopback server, the save included.",
    "- **sandbox**: the release `tapedeck sandbox --no-throttling` under wrk on loopback (16",
    "  connections, 2 threads; 80% PATCH of device statuses across the sample paths, 20% GET of a",
    "  deviceStatuses list, one bearer token), against a floor: a bare Hummingbird responder, configured",
    "  as the sandbox's server is, answering the bytes the sandbox answered for the same requests from",
    "  memory. Rounds alternate floor and sandbox; the ratio is the median of the rounds' ratios. Then",
    "  the sandbox's VmRSS over 100,000 more requests, after those rounds as a warm-up.",
    "- **serve replay**: the release `tapedeck serve --cassette bench-N --record never --allow-repeats`",
    "  under wrk on loopback (16 connections, 2 threads, each cycling through every URL of a generated",
    "  N-interaction cassette of Graph device-status GETs with a bearer token), against the same bare",
    "  Hummingbird floor given serve's own answers (checked identical). The ratio is the floor's req/s",
    "  over serve's (how many times more a request costs through serve; ≤ 1.3 means serve keeps at",
    "  least 77% of the floor's rate), the median of rounds alternating floor and serve; the flatness is",
    "  that ratio at 10,000 interactions over the ratio at 100.",
    "- **CassettePlayer.exchange**, **CassetteHTTPClient.execute**: µs per request replaying the `replay`",
    "  cassettes through the neutral core and through AsyncHTTPClient's front door, against a floor",
    "  answering from a dictionary keyed by URL behind the same signature (and, for AsyncHTTPClient,",
    "  the same request and response conversions). The ratio is what matching, redaction and the",
    "  audit trail cost over a lookup.",
    "- **load**, **validate**, **csdl**, **junit**, **verify**: see `Benchmarks/README.md`.",
]
open(page, "w").write("\n".join(lines) + "\n")
print(f"wrote {os.path.join(docs, 'Performance.md')} and performance.png")
