#!/usr/bin/env bash
# Builds the benchmarks in release and runs them. Arguments choose figures: replay, load
# (none = all). Prints one `bench …` line per figure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
swift build -c release --package-path "$here" --product TapedeckBenchmarks >&2
"$(swift build -c release --package-path "$here" --show-bin-path)/TapedeckBenchmarks" "$@"
