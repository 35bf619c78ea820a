#!/usr/bin/env bash
# tapedeck serve, driven by clients outside Swift through the Azure SDK test proxy's protocol:
#
#   1. a private venv (cached, keyed by the pins and the Python version) with requests from PyPI;
#   2. `tapedeck sandbox` and `tapedeck serve --upstream <sandbox>`; the curl and Python examples of
#      Documentation/RecordReplayServer.md, extracted and run verbatim, record (the Python one pages
#      250 statuses across rewritten @odata.nextLink); Python records 8 cassettes in parallel threads;
#   3. the sandbox and that server stop; a new server replays offline: the same examples, 8 parallel
#      playbacks isolated by recording id, an unmatched request (404 TapedeckUnmatchedRequest) from
#      Python and curl, an escaping x-recording-file refused;
#   4. `tapedeck serve --tls`: curl --cacert and requests (verify=CA) replay over HTTPS, and both
#      refuse the server without the generated authority;
#   5. nothing planted reaches disk: no cassette holds the sandbox's client secret or an access
#      token handed out while recording; `tapedeck audit` passes.
#
#   bash Tests/ServeClients/run.sh
#
# TAPEDECK_BIN names a built tapedeck (default: `swift build --product tapedeck`, then
# `$(swift build --show-bin-path)/tapedeck`); TAPEDECK_CACHE the cache folder (default
# ~/.cache/tapedeck). apt-get runs only when python3's venv module or curl is missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
started=$SECONDS
requests_version=2.32.3
docs="$root/Documentation/RecordReplayServer.md"

missing=()
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if command -v python3 >/dev/null 2>&1; then
  python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

cache="${TAPEDECK_CACHE:-$HOME/.cache/tapedeck}"
want="requests==$requests_version"
key="$(printf '%s %s' "$want" "$(python3 --version 2>&1)" | sha256sum | cut -c1-12)"
venv="$cache/serve-venv-$key"
if ! "$venv/bin/python" -c 'import requests' >/dev/null 2>&1; then
  echo "==> Installing $want into $venv"
  rm -rf "$venv"
  mkdir -p "$cache"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$want"
fi
py="$venv/bin/python"

if [ -n "${TAPEDECK_BIN:-}" ]; then
  bin="$TAPEDECK_BIN"
else
  swift build --product tapedeck >&2
  bin="$(swift build --show-bin-path)/tapedeck"
fi

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
cassettes="$work/cassettes"
export TAPEDECK_SERVE_TOKENS="$work/tokens.txt"
export TAPEDECK_SERVE_STATE="$work/state.json"
export TAPEDECK_REDACTION_KEY="tapedeck-serve-clients-key-FAKE"
: >"$TAPEDECK_SERVE_TOKENS"

# Starts `tapedeck LOG ARGS…` in the background and waits for its "Press Ctrl-C" line.
launch() {
  local log="$1"
  shift
  "$bin" "$@" >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do grep -q "Press Ctrl-C" "$log" && return 0; sleep 0.1; done
  cat "$log" >&2
  echo "tapedeck $1 did not start" >&2
  exit 1
}
# Stops the last process launched with SIGTERM and waits for it (the server saves then).
stop_last() {
  local pid="${pids[-1]}"
  kill -TERM "$pid"
  wait "$pid" || { echo "process $pid exited with $?" >&2; exit 1; }
  unset 'pids[-1]'
}
# Runs a documented example verbatim with bash or the venv's Python.
example() {
  python3 "$here/extract.py" "$docs" "$1" >"$work/$1.example"
  case "$1" in
    python*) "$py" "$work/$1.example" ;;
    *) bash -euo pipefail "$work/$1.example" ;;
  esac
}
expect() { grep -q -- "$2" <<<"$1" || { printf 'expected %s in:\n%s\n' "$2" "$1" >&2; exit 1; }; }

echo "==> Record through tapedeck serve, forwarding to tapedeck sandbox"
launch "$work/sandbox.log" sandbox --port 0
sandbox_pid="${pids[-1]}"
eval "$(grep '^export ' "$work/sandbox.log")"
launch "$work/serve.log" serve --port 0 --upstream "$GRAPH_BASE_URL" --cassettes "$cassettes"
eval "$(grep '^export ' "$work/serve.log")"
recorded_listing="$(example curl-record)"
expect "$recorded_listing" '"value"'
expect "$(TAPEDECK_MODE=record example python)" "record: 250 statuses"
"$py" "$here/serve_client.py" record
stop_last
kill "$sandbox_pid"
wait "$sandbox_pid" 2>/dev/null || true
unset GRAPH_BASE_URL GRAPH_AUTHORITY GRAPH_TENANT_ID GRAPH_CLIENT_ID GRAPH_CLIENT_SECRET

echo "==> Replay offline in a new server (the sandbox is stopped)"
launch "$work/replay.log" serve --port 0 --cassettes "$cassettes"
eval "$(grep '^export ' "$work/replay.log")"
replayed_listing="$(example curl-playback)"
# The same answer, its links on the new server's origin.
[ "$(python3 -c 'import json,sys; print(json.dumps(json.loads(sys.argv[1].splitlines()[0])["value"]))' "$recorded_listing")" = \
  "$(python3 -c 'import json,sys; print(json.dumps(json.loads(sys.argv[1].splitlines()[0])["value"]))' "$replayed_listing")" ] \
  || { echo "curl: the replayed listing differs from the recorded one" >&2; exit 1; }
expect "$(TAPEDECK_MODE=playback example python)" "playback: 250 statuses"
"$py" "$here/serve_client.py" playback
id="$(curl -sS -D - -o /dev/null -X POST "$TAPEDECK_SERVE_URL/Playback/Start" -d '{"x-recording-file": "Curl/listing"}' |
  tr -d '\r' | sed -n 's/^x-recording-id: //Ip')"
unmatched="$(curl -sS -w '\n%{http_code}' "$TAPEDECK_SERVE_URL/v1.0/deviceManagement/deviceCompliancePolicies" -H "x-recording-id: $id")"
expect "$unmatched" '"code":"TapedeckUnmatchedRequest"'
expect "$unmatched" 'Tapedeck: no recorded interaction matches this request.'
[ "$(tail -1 <<<"$unmatched")" = 404 ] || { echo "curl: an unmatched request answered $(tail -1 <<<"$unmatched")" >&2; exit 1; }
escape="$(curl -sS -w '\n%{http_code}' -X POST "$TAPEDECK_SERVE_URL/Record/Start" -d '{"x-recording-file": "/etc/outside"}')"
expect "$escape" "Refused cassette name"
[ "$(tail -1 <<<"$escape")" = 400 ] || { echo "curl: an absolute x-recording-file answered $(tail -1 <<<"$escape")" >&2; exit 1; }
stop_last

echo "==> HTTPS with the certificate generated at start (curl --cacert, requests verify=CA)"
launch "$work/tls.log" serve --port 0 --cassettes "$cassettes" --tls --cert-out "$work/ca.pem"
eval "$(grep '^export ' "$work/tls.log")"
[ "$TAPEDECK_SERVE_CA" = "$work/ca.pem" ] && [[ "$TAPEDECK_SERVE_URL" == https://127.0.0.1:* ]]
id="$(curl -sS --cacert "$TAPEDECK_SERVE_CA" -D - -o /dev/null -X POST "$TAPEDECK_SERVE_URL/Playback/Start" \
  -d '{"x-recording-file": "Curl/listing"}' | tr -d '\r' | sed -n 's/^x-recording-id: //Ip')"
listing="$(curl -sS --cacert "$TAPEDECK_SERVE_CA" -H "x-recording-id: $id" \
  "$TAPEDECK_SERVE_URL/beta/deviceManagement/deviceConfigurations?\$top=2")"
expect "$listing" '"value"'
port="${TAPEDECK_SERVE_URL##*:}"
curl -sS --cacert "$TAPEDECK_SERVE_CA" -o /dev/null "https://localhost:$port/Admin/IsAlive"
if curl -sS -o /dev/null "$TAPEDECK_SERVE_URL/Admin/IsAlive" 2>/dev/null; then
  echo "curl trusted the server without --cacert" >&2
  exit 1
fi
"$py" "$here/serve_client.py" https "$TAPEDECK_SERVE_CA"
stop_last

echo "==> Nothing planted reached disk"
planted=("sandbox-client-secret-FAKE")
while IFS= read -r token; do [ -n "$token" ] && planted+=("$token"); done <"$TAPEDECK_SERVE_TOKENS"
[ "${#planted[@]}" -ge 10 ] || { echo "expected the secret and 9 tokens, found ${#planted[@]} values" >&2; exit 1; }
for value in "${planted[@]}"; do
  if grep -rqF -- "$value" "$cassettes"; then
    echo "a planted value (${value:0:12}…) reached a cassette" >&2
    exit 1
  fi
done
count="$(find "$cassettes" -name '*.json' | wc -l)"
[ "$count" = 11 ] || { echo "expected 11 cassettes, found $count" >&2; exit 1; }
! grep -rq "127.0.0.1" "$cassettes" || { echo "a loopback origin reached a cassette" >&2; exit 1; }
"$bin" audit "$cassettes"

echo "tapedeck serve clients passed: curl and Python (requests $requests_version) record, replay, page, 8 in parallel, unmatched, HTTPS ($((SECONDS - started)) s)"
