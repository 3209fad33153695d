#!/usr/bin/env bash
# Wall and CPU time of a warm `cargo test` (issue 10: "cargo test on 2 cores, warm build").
# Builds the test binaries first (not measured), then runs `cargo test` RUNS times (default 1)
# under /usr/bin/time and prints, per run: wall, user + sys CPU, the test counts, CPU per test,
# and the load average before and after (the machine may be shared: CPU is the steadier figure).
# Extra arguments go to cargo test (e.g. `scripts/test-time.sh -- --test-threads 2`).
#
# Usage: scripts/test-time.sh            RUNS=3 scripts/test-time.sh
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-1}
cargo test --no-run --quiet 2>/dev/null
log=$(mktemp)
times=$(mktemp)
trap 'rm -f "$log" "$times"' EXIT

echo "commit: $(git rev-parse --short HEAD); cores: $(nproc); runs: $runs"
for run in $(seq 1 "$runs"); do
  before=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/time -f '%e %U %S %M' -o "$times" cargo test --quiet "$@" >"$log" 2>&1 || {
    tail -40 "$log"
    echo "cargo test FAILED (run $run)" >&2
    exit 1
  }
  after=$(cut -d' ' -f1-3 /proc/loadavg)
  read -r wall user sys rss <"$times"
  # "test result: ok. 374 passed; 0 failed; 2 ignored; ..." once per test binary (lib, main, it, doc).
  counts=$(grep -o 'test result: ok\. [0-9]* passed' "$log" | grep -o '[0-9]*' | paste -sd+ -)
  total=$(echo "${counts:-0}" | bc)
  awk -v r="$run" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" -v c="$counts" -v t="$total" \
    -v b="$before" -v a="$after" 'BEGIN {
      cpu = u + s
      printf "run %d: wall %.1f s, CPU %.1f s (user %.1f + sys %.1f), max RSS %d MB\n", r, w, cpu, u, s, m / 1024
      printf "       tests %s = %d; CPU per test %.1f ms, wall per test %.1f ms\n", c, t, cpu * 1000 / t, w * 1000 / t
      printf "       load before %s, after %s\n", b, a
    }'
done
