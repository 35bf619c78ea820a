#!/usr/bin/env bash
# Runs each fuzz target for a bounded time (libFuzzer with AddressSanitizer) and prints one
# line per target:
#
#   fuzz <target> execs=<n> crashes=<n>
#
# Usage: bash Fuzz/run.sh [SECONDS] [TARGET...]     (default: 60 seconds, every target)
#
# The targets are built in release mode with -sanitize=fuzzer,address applied to every Swift
# module (Tapedeck's own libraries included, so libFuzzer sees their coverage). New inputs that
# grow coverage go to Fuzz/.build/corpus/<target>; the committed seeds in Fuzz/Corpus/<target>
# are read, never written. A crashing input is saved under Fuzz/artifacts/<target>/; copy it to
# Fuzz/Regressions/<target>/ and add a regression test (see Documentation/Reliability.md).
# Every input in Fuzz/Regressions/<target>/ is replayed before fuzzing starts.
set -uo pipefail
# Swift's own crash backtracer fights AddressSanitizer over a crashing input; libFuzzer reports it.
export SWIFT_BACKTRACE=enable=no
cd "$(dirname "$0")"

seconds="${1:-60}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
  echo "run.sh: SECONDS must be a positive whole number, not '$seconds'" >&2
  exit 2
fi
shift || true
all=(FuzzCassetteDecoding FuzzCSDLLoading FuzzContractValidation FuzzJUnitWriter FuzzEndpointMatching FuzzRedaction
  FuzzWriteGuard)
targets=("$@")
[ "${#targets[@]}" -eq 0 ] && targets=("${all[@]}")
for target in "${targets[@]}"; do
  if ! printf '%s\n' "${all[@]}" | grep -qx "$target"; then
    echo "run.sh: unknown target '$target' (one of: ${all[*]})" >&2
    exit 2
  fi
done

echo "==> Building the fuzz targets (release, -sanitize=fuzzer,address)"
if ! swift build -c release --scratch-path .build -Xswiftc -sanitize=fuzzer,address; then
  echo "run.sh: the fuzz targets did not build" >&2
  exit 2
fi
binaries="$(swift build -c release --scratch-path .build --show-bin-path)"

status=0
summary=()
for target in "${targets[@]}"; do
  work=".build/corpus/$target"
  artifacts="artifacts/$target"
  mkdir -p "$work" "$artifacts"
  log=".build/$target.log"
  options=(-print_final_stats=1 -timeout=10 -rss_limit_mb=3072 -artifact_prefix="$artifacts/")
  [ -f "Dictionaries/$target.dict" ] && options+=(-dict="Dictionaries/$target.dict")
  before=$(find "$artifacts" -type f | wc -l)

  if [ -d "Regressions/$target" ] && [ -n "$(ls -A "Regressions/$target")" ]; then
    echo "==> $target: replaying Fuzz/Regressions/$target"
    if ! "$binaries/$target" "${options[@]}" Regressions/"$target"/* >"$log.regressions" 2>&1; then
      echo "run.sh: a regression input crashes $target again; see Fuzz/$log.regressions" >&2
      status=1
    fi
  fi

  echo "==> $target: fuzzing for ${seconds}s"
  "$binaries/$target" "${options[@]}" -max_total_time="$seconds" "$work" "Corpus/$target" >"$log" 2>&1
  code=$?
  execs=$(grep -ao 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  [ -z "$execs" ] && execs=$(grep -ao '^#[0-9]*' "$log" | tail -1 | tr -d '#')
  crashes=$(($(find "$artifacts" -type f | wc -l) - before))
  if [ "$code" -ne 0 ] && [ "$crashes" -eq 0 ]; then
    echo "run.sh: $target exited with $code without saving an input; see Fuzz/$log" >&2
    crashes=1
  fi
  if [ "$crashes" -gt 0 ]; then
    status=1
    grep -aE 'ERROR|fuzz check failed|Fatal error|SUMMARY' "$log" | head -5 >&2
  fi
  line="fuzz $target execs=${execs:-0} crashes=$crashes"
  echo "$line"
  summary+=("$line")
done

echo
printf '%s\n' "${summary[@]}"
exit "$status"
