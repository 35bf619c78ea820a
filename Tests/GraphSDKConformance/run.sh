#!/usr/bin/env bash
# `tapedeck sandbox` driven by Microsoft's Python Graph SDKs (msgraph-beta-sdk, msgraph-sdk):
#
#   1. a private venv with requirements.txt's exact pins, cached between runs in
#      ${TAPEDECK_CACHE:-~/.cache/tapedeck}/graph-sdk-venv-<hash of requirements.txt and python3's version>
#      (pip runs only when that venv is missing or was left half-installed);
#   2. `tapedeck sandbox --port 0` on a free port, its URL and export lines read from its output;
#   3. conformance.py: token errors, typed discovery, GET/PATCH on every documented device-status
#      path, query options, PageIterator paging, RetryHandler against injected faults, $batch, errors;
#   4. the first ```python block of Documentation/PythonClients.md, run verbatim.
#
#   bash Tests/GraphSDKConformance/run.sh
#
# TAPEDECK_BIN names a built tapedeck (default: `$(swift build --show-bin-path)/tapedeck`; this script
# never builds). Exit status: 0 when every check and the doc snippet pass.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
started=$SECONDS

command -v python3 >/dev/null 2>&1 || { echo "python3 is required" >&2; exit 1; }
python3 -c 'import ensurepip, venv' 2>/dev/null || { echo "python3's venv module is required (apt-get install python3-venv)" >&2; exit 1; }

# 1. The venv, named after what decides its contents.
key="$( (cat "$here/requirements.txt"; python3 -c 'import sys; print(sys.version_info[:2])') | sha256sum | cut -c1-16)"
cache="${TAPEDECK_CACHE:-$HOME/.cache/tapedeck}"
venv="$cache/graph-sdk-venv-$key"
if [ ! -f "$venv/.tapedeck-complete" ]; then
  echo "==> Installing the Graph SDKs into $venv"
  install_started=$SECONDS
  rm -rf "$venv"
  mkdir -p "$cache"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  touch "$venv/.tapedeck-complete"
  echo "    installed in $((SECONDS - install_started)) s"
else
  echo "==> Reusing $venv"
fi
py="$venv/bin/python"

# 2. The sandbox.
if [ -n "${TAPEDECK_BIN:-}" ]; then
  bin="$TAPEDECK_BIN"
else
  bin="$(swift build --show-bin-path)/tapedeck"
fi
for _ in $(seq 1 60); do [ -x "$bin" ] && break; sleep 2; done # a binary being relinked reappears
[ -x "$bin" ] || { echo "no tapedeck binary at $bin (build it, or set TAPEDECK_BIN)" >&2; exit 1; }

work="$(mktemp -d)"
sandbox=""
cleanup() {
  if [ -n "$sandbox" ]; then
    kill "$sandbox" 2>/dev/null || true
    wait "$sandbox" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

: >"$work/sandbox.log" # exists before the background shell opens it, for the polling below
"$bin" sandbox --port 0 >"$work/sandbox.log" 2>&1 &
sandbox=$!
url=""
for _ in $(seq 1 150); do
  url="$(sed -n 's|^Graph sandbox listening on \(http://[^ ]*\).*|\1|p' "$work/sandbox.log" | head -1)"
  [ -n "$url" ] && grep -q '^export GRAPH_CLIENT_SECRET=' "$work/sandbox.log" && break
  kill -0 "$sandbox" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$url" ] || ! grep -q '^export GRAPH_CLIENT_SECRET=' "$work/sandbox.log"; then
  echo "the sandbox did not start:" >&2
  cat "$work/sandbox.log" >&2
  exit 1
fi
eval "$(grep '^export GRAPH_[A-Z_]*=' "$work/sandbox.log")"
[ "$GRAPH_BASE_URL" = "$url" ] || { echo "GRAPH_BASE_URL $GRAPH_BASE_URL is not the URL printed, $url" >&2; exit 1; }
echo "==> tapedeck sandbox at $url ($("$py" -c 'import importlib.metadata as m; print("msgraph-beta-sdk", m.version("msgraph-beta-sdk"), "msgraph-sdk", m.version("msgraph-sdk"))'))"

# 3 and 4. Both run even when the first fails; either failing fails the script.
status=0
echo "==> conformance.py"
"$py" "$here/conformance.py" || status=1

echo "==> Documentation/PythonClients.md, its first python block"
"$py" - "$root/Documentation/PythonClients.md" "$work/snippet.py" <<'EOF'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
block = re.search(r"^```python\n(.*?)^```$", text, re.S | re.M)
if not block:
    sys.exit("no ```python block in " + sys.argv[1])
open(sys.argv[2], "w", encoding="utf-8").write(block.group(1))
EOF
if "$py" "$work/snippet.py"; then
  echo "ok   the doc's snippet ran"
else
  echo "FAIL the doc's snippet (Documentation/PythonClients.md, first python block)"
  status=1
fi

echo "Graph SDK conformance: $([ "$status" = 0 ] && echo passed || echo FAILED) in $((SECONDS - started)) s"
exit "$status"
