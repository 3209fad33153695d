#!/usr/bin/env bash
# Medians of `cogflow check scenarios/*.toml`, of `check` of the 6 built-ins issue 10 counted,
# and of `cogflow transcript signin-basic`, warm key cache (the keys of seed 1 kept from a
# first, unmeasured run), RUNS runs each (default 9); then `check` of generated lessons of 10,
# 100, 1,000 and 10,000 steps without crypto steps (benches/lessons/generated.rs's
# `crypto_free`, written here as a file), with the time per step (issue 10: 10,000 steps
# under 0.5 s, linear).
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
# The built-ins there were when issue 10 set "< 0.3 s" for `check` (its "6 built-ins").
six=(scenarios/{first-sign-in,lockout-and-user-existence,sign-up-and-confirm,signin-basic,tokens-and-sign-out,totp-mfa}.toml)
measure "check of issue 10's 6 built-ins" "$bin" check "${six[@]}"
measure "transcript signin-basic --seed 1" "$bin" transcript signin-basic --seed 1

# A crypto-free lesson of $1 steps, as benches/lessons/generated.rs's crypto_free writes it.
crypto_free() {
  printf '%s\n' 'format_version = 1' '' '[scenario]' 'id = "bench"' 'title = "Generated"' \
    'track = ["username", "clock"]' '' '[[pool.users]]' 'username = "ana"' \
    'password = "Correct-Horse-42"' '' '[diagram]' '' '[[diagram.nodes]]' 'id = "n0"' \
    'label = "Node"' '' '[sample]' 'lines = ["1"]'
  awk -v n="$1" 'BEGIN {
    for (i = 0; i < n; i++) {
      step = (i % 2 == 0) ? "action = \"enter_credentials\"" : "action = \"advance_clock\"\nduration = \"1m\""
      printf "\n[[steps]]\nid = \"s%d\"\n%s\nnode = \"n0\"\nexplain = \"S%d\"\n", i, step, i
    }
  }'
  printf '\n%s\n' '[[variants]]' 'id = "other"' 'title = "Other user"' 'set = { username = "bo" }'
}
for steps in 10 100 1000 10000; do
  file="$cache/steps-$steps.toml"
  crypto_free "$steps" > "$file"
  "$bin" check "$file" >/dev/null 2>&1 || { echo "the generated $steps-step lesson does not check clean:" >&2; "$bin" check "$file" >&2; exit 1; }
  samples=()
  for _ in $(seq 1 "$runs"); do samples+=("$(time_ms "$bin" check "$file")"); done
  m=$(median "${samples[@]}")
  printf 'check of %s crypto-free steps: median %s ms, %s µs a step (samples: %s)\n' "$steps" "$m" \
    "$(awk -v m="$m" -v n="$steps" 'BEGIN { printf "%.1f", m * 1000 / n }')" "${samples[*]}"
done
