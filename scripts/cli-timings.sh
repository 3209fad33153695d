#!/usr/bin/env bash
# Medians of `cogflow check scenarios/*.toml` and `cogflow transcript signin-basic`, warm key cache
# (the keys of seed 1 kept from a first, unmeasured run), RUNS runs each (default 9).
#
# Usage: scripts/cli-timings.sh            (builds target/release/cogflow if needed)
#        RUNS=21 COGFLOW_BIN=target/debug/cogflow scripts/cli-timings.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

runs=${RUNS:-9}
cogflow_bin
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
export COGFLOW_CACHE="$cache" COGFLOW_HOME="$cache/home"

# One command's wall time in ms (bash's clock, no subshell in the measurement).
time_ms() {
  local t0 t1
  t0=$EPOCHREALTIME
  "$@" >/dev/null 2>&1 || true
  t1=$EPOCHREALTIME
  ms_between "$t0" "$t1"
  echo
}

measure() {
  local label=$1; shift
  "$@" >/dev/null 2>&1 || true   # warms the key cache for this command's seed
  local samples=()
  for _ in $(seq 1 "$runs"); do samples+=("$(time_ms "$@")"); done
  printf '%s: median %s ms (samples: %s)\n' "$label" "$(median "${samples[@]}")" "${samples[*]}"
}

echo "binary: $bin; cores: $(nproc); load: $(load); runs: $runs"
measure "check scenarios/*.toml" "$bin" check scenarios/*.toml
measure "transcript signin-basic --seed 1" "$bin" transcript signin-basic --seed 1
