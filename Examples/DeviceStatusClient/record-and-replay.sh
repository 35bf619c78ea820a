#!/usr/bin/env bash
# The user's journey, end to end: record this package's tests against `tapedeck sandbox` on a
# random port into a fresh cassettes folder, then replay them in a new process with CI=1, the
# client pointed at another port, no redaction key and (where unshare works) no network; check
# that the tests saw the same thing in both runs (and no live personal value while recording);
# then audit, verify and format-check what was recorded. Along the way: no breaking drift against
# the sandbox it was recorded from, every recorded interaction played on replay (unused ones
# fail), and the usage log shows every cassette opened.
#
#   bash Examples/DeviceStatusClient/record-and-replay.sh [CASSETTES_DIR]
#
# With CASSETTES_DIR the recordings are kept there (pass Examples/DeviceStatusClient/cassettes to
# refresh the committed ones); by default they go to a temporary folder that is removed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
swift build --product tapedeck >&2
bin="$(swift build --show-bin-path)/tapedeck"

if [ $# -ge 1 ]; then
  cassettes="$(mkdir -p "$1" && cd "$1" && pwd)"
  find "$cassettes" -name '*.json' -delete
  keep=1
else
  cassettes="$(mktemp -d)"
  keep=0
fi
log="$(mktemp)"
observations="$(mktemp -d)"
mkdir -p "$observations/recording" "$observations/replaying"
"$bin" sandbox --port 0 --no-throttling >"$log" 2>&1 &
sandbox=$!
cleanup() {
  kill "$sandbox" 2>/dev/null || true
  rm -f "$log"
  rm -rf "$observations"
  [ "$keep" = 1 ] || rm -rf "$cassettes"
}
trap cleanup EXIT
for _ in $(seq 1 100); do grep -q "Press Ctrl-C" "$log" && break; sleep 0.1; done
grep -q "Press Ctrl-C" "$log" || { cat "$log" >&2; exit 1; }
exports="$(grep '^export ' "$log")"
port="$(sed -n 's|^export GRAPH_BASE_URL=http://127.0.0.1:\([0-9]*\)$|\1|p' "$log")"
echo "==> Recording against the sandbox on port $port into $cassettes"
(
  cd "$here"
  eval "$exports"
  # Fake data, fake key: only keeps pseudonyms stable between re-recordings.
  export TAPEDECK_REDACTION_KEY=device-status-client-example-not-a-secret
  export TAPEDECK_CASSETTES="$cassettes" TAPEDECK_RECORD=once OBSERVATIONS_DIR="$observations/recording"
  unset CI
  swift test
)
echo "==> Drift: the fresh recordings against the same sandbox show no breaking drift"
(
  eval "$exports"
  export TAPEDECK_REDACTION_KEY=device-status-client-example-not-a-secret TAPEDECK_ALLOW_WRITES=
  "$bin" drift "$cassettes" | tail -1
)
kill "$sandbox" 2>/dev/null || true
wait "$sandbox" 2>/dev/null || true

other=$((port == 65000 ? 64999 : 65000))
usage="$observations/usage.log"
echo "==> Replaying in a new process: CI=1, no key, client on port $other, no network, every interaction played"
offline=()
if unshare -rn true 2>/dev/null; then
  offline=(unshare -rn)
elif unshare -n true 2>/dev/null; then
  offline=(unshare -n)
else
  echo "(unshare is not permitted here: replaying with the network present, nothing listening on port $other)"
fi
(
  cd "$here"
  eval "$exports"
  export GRAPH_BASE_URL="http://127.0.0.1:$other" GRAPH_AUTHORITY="http://127.0.0.1:$other"
  unset TAPEDECK_REDACTION_KEY TAPEDECK_RECORD
  export CI=1 TAPEDECK_CASSETTES="$cassettes" OBSERVATIONS_DIR="$observations/replaying"
  export TAPEDECK_UNUSED_INTERACTIONS=fail TAPEDECK_USAGE_LOG="$usage"
  "${offline[@]}" swift test --skip-build
)

echo "==> The tests saw the same thing recording and replaying"
count="$(find "$observations/recording" -name '*.json' | wc -l)"
[ "$count" -ge 3 ] || { echo "expected observations from at least 3 tests, found $count" >&2; exit 1; }
diff -r "$observations/recording" "$observations/replaying"
# The sandbox's people live under contoso.example and its devices are named DESKTOP-…: while
# recording the tests saw pseudonyms, exactly as on replay.
if grep -rlE 'contoso\.example|DESKTOP-' "$observations/recording"; then
  echo "a test saw a live personal value while recording" >&2
  exit 1
fi
echo "$count observations identical in both runs"

echo "==> audit, verify and format --check on the recordings"
"$bin" audit "$cassettes"
"$bin" verify "$cassettes" --usage "$usage" --max-age 1d | tee "$observations/verify.txt"
grep -q "every cassette was opened and every interaction played" "$observations/verify.txt"
"$bin" format --check "$cassettes"
echo "Recorded $(find "$cassettes" -name '*.json' | wc -l) cassettes; replayed offline; audit, verify and format clean."
