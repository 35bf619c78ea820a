#!/usr/bin/env bash
# Builds the benchmarks in release and runs them, then prints a summary table.
#   bash Benchmarks/run.sh                 every figure
#   bash Benchmarks/run.sh replay load     some figures: replay, frontdoors, load, validate, csdl, junit, verify, peers,
#                                          sandbox, serve
#   bash Benchmarks/run.sh --report        every figure, then Documentation/Performance.md and its chart
# Peers run in a private virtual environment (Benchmarks/.venv): jsonschema, junit-xml, vcrpy,
# requests, matplotlib from PyPI; xmllint from Debian's libxml2-utils and wrk from Debian's wrk (installed
# when missing, as root). SWIFT_JOBS=N passes -j N to the builds.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
report=no
selected=()
for argument in "$@"; do
  if [ "$argument" = "--report" ]; then report=yes; else selected+=("$argument"); fi
done
want() {
  [ "${#selected[@]}" -eq 0 ] && return 0
  for argument in "${selected[@]}"; do [ "$argument" = "$1" ] && return 0; done
  return 1
}

jobs=()
if [ -n "${SWIFT_JOBS:-}" ]; then jobs=(-j "$SWIFT_JOBS"); fi
swift build -c release "${jobs[@]}" --package-path "$here" --product TapedeckBenchmarks >&2
binary="$(swift build -c release --package-path "$here" --show-bin-path)/TapedeckBenchmarks"

venv() {
  if [ ! -x "$here/.venv/bin/python" ]; then python3 -m venv "$here/.venv" >&2; fi
  "$here/.venv/bin/python" -c "import jsonschema, junit_xml, vcr, requests, matplotlib" 2>/dev/null \
    || "$here/.venv/bin/pip" install --quiet jsonschema junit-xml vcrpy requests matplotlib >&2
}

if want validate; then
  venv
  body='{"@odata.type":"#microsoft.graph.deviceConfigurationDeviceStatus","id":"674e98e5-98e5-674e-e598-4e67e5984e67","deviceDisplayName":"Device Display Name value","userName":"User Name value","deviceModel":"Device Model value","platform":8,"complianceGracePeriodExpirationDateTime":"2016-12-31T23:56:44.951111-08:00","status":"notApplicable","lastReportedDateTime":"2017-01-01T00:00:17.7769392-08:00","userPrincipalName":"User Principal Name value"}'
  export JSONSCHEMA_PER_S
  JSONSCHEMA_PER_S=$("$here/.venv/bin/python" "$here/Peers/jsonschema_validate.py" "$body" 3)
fi

if want junit; then
  venv
  export JUNITXML_PY_MS
  JUNITXML_PY_MS=$("$here/.venv/bin/python" "$here/Peers/junit_xml_write.py" 100000 "$(mktemp)")
fi

if want verify; then
  swift build -c release --package-path "$here/.." --product tapedeck >&2
  export TAPEDECK_BIN
  TAPEDECK_BIN="$(swift build -c release --package-path "$here/.." --show-bin-path)/tapedeck"
fi

if want csdl; then
  if ! command -v xmllint >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libxml2-utils) >&2
  fi
  export TAPEDECK_CSDL="${TAPEDECK_CSDL:-$here/../../shared/reference/graph-metadata/v1.0-Prod.csdl}"
  export XMLLINT
  XMLLINT="$(command -v xmllint || true)"
fi

# The sandbox, and replay through tapedeck serve, under load (wrk) against a floor: a bare Hummingbird
# responder answering the same bytes. The release tapedeck builds in a scratch path of its own
# (.build-release), beside the root's .build.
sandbox_results="$(mktemp)"
sandbox_status=0
serve_results="$(mktemp)"
serve_status=0
if want sandbox || want serve; then
  release=(--package-path "$here/.." --scratch-path "$here/../.build-release")
  swift build -c release "${jobs[@]}" "${release[@]}" --product tapedeck >&2
  release_tapedeck="$(swift build -c release "${release[@]}" --show-bin-path)/tapedeck"
  swift build -c release "${jobs[@]}" --package-path "$here" --product SandboxFloor >&2
  floor_binary="$(swift build -c release --package-path "$here" --show-bin-path)/SandboxFloor"
  if ! command -v wrk >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wrk) >&2
  fi
fi
if want sandbox; then
  if command -v wrk >/dev/null 2>&1; then
    python3 "$here/Peers/sandbox_load.py" "$release_tapedeck" "$floor_binary" "$(command -v wrk)" \
      >"$sandbox_results" || sandbox_status=$?
  else
    echo "bench sandbox skipped: wrk is not installed (apt-get install wrk, as root)" >"$sandbox_results"
  fi
fi
if want serve; then
  if command -v wrk >/dev/null 2>&1; then
    python3 "$here/Peers/serve_load.py" "$release_tapedeck" "$floor_binary" "$(command -v wrk)" \
      >"$serve_results" || serve_status=$?
  else
    echo "bench serve skipped: wrk is not installed (apt-get install wrk, as root)" >"$serve_results"
  fi
fi

server=""
cleanup() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi; }
trap cleanup EXIT
if want peers; then
  venv
  portfile="$(mktemp)"
  "$here/.venv/bin/python" "$here/Peers/loopback_server.py" >"$portfile" &
  server=$!
  for _ in $(seq 1 50); do [ -s "$portfile" ] && break; sleep 0.1; done
  export LOOPBACK_PORT VCRPY_RESULTS
  LOOPBACK_PORT="$(head -n 1 "$portfile")"
  VCRPY_RESULTS="$("$here/.venv/bin/python" "$here/Peers/vcrpy_bench.py" "$LOOPBACK_PORT" 100,300,1000)"
fi

results="$(mktemp)"
# The Swift figures run only when asked for (or when nothing is): `sandbox` and `serve` alone skip them.
swift_selected=()
for argument in "${selected[@]}"; do
  if [ "$argument" != sandbox ] && [ "$argument" != serve ]; then swift_selected+=("$argument"); fi
done
{
  if [ "${#selected[@]}" -eq 0 ] || [ "${#swift_selected[@]}" -gt 0 ]; then "$binary" "${swift_selected[@]}"; fi
  cat "$sandbox_results" "$serve_results"
} | tee "$results"
python3 "$here/Peers/summary.py" "$results"
if [ "$report" = yes ]; then
  venv
  "$here/.venv/bin/python" "$here/Peers/report.py" "$results" "$here/../Documentation"
fi
if [ "$sandbox_status" -ne 0 ]; then
  echo "bench sandbox failed: throughput ratio below 0.7 of the floor, or a request failed (see above)" >&2
fi
if [ "$serve_status" -ne 0 ]; then
  echo "bench serve failed: the floor answered more than 1.3 times serve's requests per second, or a request failed (see above)" >&2
fi
if [ "$sandbox_status" -ne 0 ]; then exit "$sandbox_status"; fi
if [ "$serve_status" -ne 0 ]; then exit "$serve_status"; fi
