#!/usr/bin/env bash
# Re-records the shipped cassettes against the local Graph sandbox (seed 1, port 48080), from
# the scenarios in Examples/scenarios, then verifies them. The same seed and key give the same
# files, so a re-recording with no real change makes no diff.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product tapedeck >&2
bin="$(swift build --show-bin-path)/tapedeck"
log="$(mktemp)"
"$bin" sandbox --seed 1 --port 48080 --no-throttling >"$log" 2>&1 &
sandbox=$!
trap 'kill "$sandbox" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do grep -q "Press Ctrl-C" "$log" && break; sleep 0.1; done
grep -q "Press Ctrl-C" "$log" || { cat "$log" >&2; exit 1; }
eval "$(grep '^export ' "$log")"
# The sandbox's data is fake; this key only keeps the pseudonyms stable between re-recordings.
export TAPEDECK_REDACTION_KEY=tapedeck-sandbox-cassettes-not-a-secret
export TAPEDECK_CASSETTES=cassettes
for scenario in Examples/scenarios/*/*.json; do
  name="sandbox/${scenario#Examples/scenarios/}"
  "$bin" record --scenario "$scenario" --cassette "${name%.json}"
done
"$bin" verify cassettes
