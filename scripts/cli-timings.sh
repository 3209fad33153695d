#!/usr/bin/env bash
# Medians of `cogflow check scenarios/*.toml` and `cogflow transcript signin-basic`, warm key cache
# (the keys of seed 1 kept from a first, unmeasured run), RUNS runs each (default 9).
#
# Usage: scripts/cli-timings.sh            (builds target/release/cogflow if needed)
#        RUNS=21 COGFLOW_BIN=target/debug/cogflow scripts/cli-timings.sh
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-9}
bin=${COGFLOW_BIN:-target/release/cogflow}
if [ ! -x "$bin" ]; then
  echo "building $bin …" >&2
  cargo build --release --quiet
fi
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
export COGFLOW_CACHE="$cache" COGFLOW_HOME="$cache/home"

# One command's wall time in ms (bash's clock, no subshell in the measurement).
time_ms() {
  local t0 t1
  t0=$EPOCHREALTIME
  "$@" >/dev/null 2>&1 || true
  t1=$EPOCHREALTIME
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f\n", (b - a) * 1000 }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.1f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

measure() {
  local label=$1; shift
  "$@" >/dev/null 2>&1 || true   # warms the key cache for this command's seed
  local samples=()
  for _ in $(seq 1 "$runs"); do samples+=("$(time_ms "$@")"); done
  printf '%s: median %s ms (samples: %s)\n' "$label" "$(printf '%s\n' "${samples[@]}" | median)" "${samples[*]}"
}

echo "binary: $bin; cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg); runs: $runs"
measure "check scenarios/*.toml" "$bin" check scenarios/*.toml
measure "transcript signin-basic --seed 1" "$bin" transcript signin-basic --seed 1
