#!/usr/bin/env bash
# HAR from an independent producer, through Tapedeck and back:
#
#   1. a private venv (reused between runs) with mitmproxy and jsonschema from PyPI, pinned;
#   2. `tapedeck sandbox --port 0`, and curl sending real requests through `mitmdump` as a proxy
#      (token POST with a client secret and a session cookie, GET a configuration's deviceStatuses,
#      PATCH the first status, GET it, and one request outside /v1.0 and /beta); mitmproxy's savehar
#      addon (`--set hardump=FILE`) writes the HAR;
#   3. the producer's HAR is checked against HAR 1.2 (check_har.py: a JSON Schema written from
#      the spec, and mitmproxy's own HAR reader);
#   4. `tapedeck har import` turns it into a cassette; nothing planted (secret, token, cookie,
#      personal value, the app's ids) is in the file; `tapedeck audit` and `tapedeck verify` pass;
#   5. `tapedeck har export` writes it back; the export passes the same HAR 1.2 checks, and
#      importing the export gives the same cassette.
#
#   bash Tests/HARProducers/produce.sh
#
# TAPEDECK_BIN names a built tapedeck (default: `swift build --product tapedeck`);
# TAPEDECK_PIP_CACHE the cache folder (default ~/.cache/tapedeck). apt-get runs only when
# python3's venv module or curl is missing; pip installs only into the private venv.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
started=$SECONDS

mitmproxy_version=11.0.2 # the newest for Python 3.11; savehar (hardump) is there since 10.1
jsonschema_version=4.26.0

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

cache="${TAPEDECK_PIP_CACHE:-$HOME/.cache/tapedeck}"
venv="$cache/har-venv"
want="mitmproxy==$mitmproxy_version jsonschema==$jsonschema_version"
if [ "$(cat "$venv/.tapedeck-pins" 2>/dev/null)" != "$want" ]; then
  echo "==> Installing $want into $venv"
  rm -rf "$venv"
  mkdir -p "$cache"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check $want
  echo "$want" >"$venv/.tapedeck-pins"
fi
py="$venv/bin/python"

if [ -n "${TAPEDECK_BIN:-}" ]; then
  bin="$TAPEDECK_BIN"
else
  swift build --product tapedeck >&2
  bin="$(swift build --show-bin-path)/tapedeck"
fi

work="$(mktemp -d)"
sandbox=""
proxy=""
cleanup() {
  [ -n "$proxy" ] && kill "$proxy" 2>/dev/null || true
  [ -n "$sandbox" ] && kill "$sandbox" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" sandbox --port 0 --no-throttling >"$work/sandbox.log" 2>&1 &
sandbox=$!
for _ in $(seq 1 100); do grep -q "Press Ctrl-C" "$work/sandbox.log" && break; sleep 0.1; done
grep -q "Press Ctrl-C" "$work/sandbox.log" || { cat "$work/sandbox.log" >&2; exit 1; }
eval "$(grep '^export ' "$work/sandbox.log")"
configuration="$(sed -n 's|^  /beta/deviceManagement/deviceConfigurations/\([0-9a-f-]*\)/deviceStatuses/.*|\1|p' "$work/sandbox.log" | head -1)"
[ -n "$configuration" ] || { echo "no sample configuration in the sandbox's output" >&2; exit 1; }

port="$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
har="$work/mitmproxy.har"
"$venv/bin/mitmdump" --quiet --listen-host 127.0.0.1 --listen-port "$port" \
  --set confdir="$work/mitmproxy" --set hardump="$har" >"$work/mitmdump.log" 2>&1 &
proxy=$!
for _ in $(seq 1 150); do
  "$py" -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
  sleep 0.1
done
echo "==> mitmdump $mitmproxy_version on port $port in front of the sandbox at $GRAPH_BASE_URL"

# What a browser capture holds and a cassette must not: a session cookie carrying a JWT-shaped
# value, the client secret, the live token, and the sandbox's people and devices. The cookie is a
# fake, unsigned JWT: {"alg":"none"}.{"session":"FAKE-mock-0000"}.FAKE-0000.
cookie_jwt="eyJhbGciOiJub25lIn0.eyJzZXNzaW9uIjoiRkFLRS1tb2NrLTAwMDAifQ.RkFLRS0wMDAw"
through() { curl --silent --show-error --fail-with-body --proxy "http://127.0.0.1:$port" "$@"; }
token_json="$(through -X POST "$GRAPH_AUTHORITY/$GRAPH_TENANT_ID/oauth2/v2.0/token" \
  -H "Cookie: ESTSAUTH=$cookie_jwt; fpc=FAKE-fpc-0000" \
  --data-urlencode "client_id=$GRAPH_CLIENT_ID" --data-urlencode "client_secret=$GRAPH_CLIENT_SECRET" \
  --data-urlencode "scope=https://graph.microsoft.com/.default" --data-urlencode "grant_type=client_credentials")"
token="$("$py" -c 'import json, sys; print(json.load(sys.stdin)["access_token"])' <<<"$token_json")"
statuses="$GRAPH_BASE_URL/beta/deviceManagement/deviceConfigurations/$configuration/deviceStatuses"
listing="$(through "$statuses" -H "Authorization: Bearer $token" -H "Accept: application/json" \
  -H "Cookie: session=$cookie_jwt")"
status="$("$py" -c 'import json, sys; print(json.load(sys.stdin)["value"][0]["id"])' <<<"$listing")"
through -X PATCH "$statuses/$status" -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
  --data '{"status":"compliant"}' >/dev/null
through "$statuses/$status" -H "Authorization: Bearer $token" -H "Accept: application/json" >/dev/null
through "$GRAPH_BASE_URL/robots.txt" >/dev/null 2>&1 || true
kill -INT "$proxy"
wait "$proxy" || true
proxy=""
[ -s "$har" ] || { echo "mitmdump wrote no HAR" >&2; cat "$work/mitmdump.log" >&2; exit 1; }
echo "==> The producer's HAR against HAR 1.2"
"$py" "$here/check_har.py" "$here/har-1.2.schema.json" "$har"

echo "==> tapedeck har import"
export TAPEDECK_CASSETTES="$work/cassettes" TAPEDECK_REDACTION_KEY="har-producers-FAKE-key-0000"
"$bin" har import "$har" --cassette har/mitmproxy
cassette="$TAPEDECK_CASSETTES/har/mitmproxy.json"
planted=("$cookie_jwt" "FAKE-fpc-0000" "$GRAPH_CLIENT_SECRET" "$token" "$GRAPH_TENANT_ID" "$GRAPH_CLIENT_ID"
  "contoso.example" "DESKTOP-" "127.0.0.1" "eyJ" "ESTSAUTH")
for value in "${planted[@]}"; do
  if grep -qiF -- "$value" "$cassette"; then
    echo "a planted value reached the cassette (${value:0:12}…)" >&2
    exit 1
  fi
done
if grep -qi 'cookie' "$cassette"; then echo "a cookie reached the cassette" >&2; exit 1; fi
count="$("$py" -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["interactions"]))' "$cassette")"
[ "$count" = 4 ] || { echo "expected 4 interactions (token, GET, PATCH, GET), found $count" >&2; exit 1; }
echo "no planted value in the cassette ($count interactions)"
"$bin" audit "$TAPEDECK_CASSETTES"
"$bin" verify "$TAPEDECK_CASSETTES"

echo "==> tapedeck har export, checked against HAR 1.2, imported back"
"$bin" har export har/mitmproxy --output "$work/exported.har"
"$py" "$here/check_har.py" "$here/har-1.2.schema.json" "$work/exported.har" --tapedeck
"$bin" har import "$work/exported.har" --cassette har/mitmproxy-again >/dev/null
diff <(sed '/"name": "har\/mitmproxy/d' "$cassette") \
  <(sed '/"name": "har\/mitmproxy/d' "$TAPEDECK_CASSETTES/har/mitmproxy-again.json")
echo "export then import gives the same cassette"
echo "HAR producers: mitmproxy $mitmproxy_version in, tapedeck out, in $((SECONDS - started)) s"
