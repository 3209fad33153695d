#!/usr/bin/env bash
# Every speed figure issues 10 and 9.5 ask for, each with its target beside it, from one release
# build, in a few minutes on 2 cores. Run it on a quiet machine: wall-clock figures are only as
# good as the machine is idle (the load is printed first and last).
#
#   1. first screen: launch to the title and to "Step 1/5" drawn, cogflow vs tuitorial 0.16 on
#      the same lesson (scripts/first-frame.sh, tmux 120x40), medians and the ratio;
#   2. `check scenarios/*.toml` and `transcript signin-basic` medians (scripts/cli-timings.sh);
#   3. peak memory of a whole lesson (scripts/peak-memory.sh, signin-basic);
#   4. criterion, short runs: `check` of 10 / 100 / 1,000 / 10,000 crypto-free steps, and the
#      render benchmarks: launch to step 1 drawn (`step_one`) and every mode's redraw of a
#      1,000- and a 10,000-step lesson (`big`), beside the 16.7 ms of one 60 Hz frame; medians printed as a
#      table from criterion's own estimates (target/criterion/*/new/estimates.json).
#
# Usage: scripts/figures.sh
#        RUNS=5 scripts/figures.sh            (fewer launches per figure; default 11 / 9 / 3)
#        BENCH_TIME=1 scripts/figures.sh      (criterion measurement seconds; default 3)
#        SKIP=first-frame,memory scripts/figures.sh
set -euo pipefail
cd "$(dirname "$0")/.."

skip=",${SKIP:-},"
bench_time=${BENCH_TIME:-3}
started=$EPOCHREALTIME
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "== cogflow figures: $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, load $(load), $(date -u '+%Y-%m-%d %H:%M UTC')"

# One build: building the benchmarks builds the binary too (target/release/cogflow, with the
# same dependency features, so `cargo build --release` would build everything a second time).
echo "== building the benchmarks and the release binary (once)"
cargo bench --no-run --quiet --bench check --bench render 2>&1 | grep -v '^ *Executable' || true
export COGFLOW_BIN=target/release/cogflow

if [[ $skip != *,first-frame,* ]]; then
  echo
  echo "== 1. first screen (target: < 20 ms median to \"Step 1/5\"; the layout never moves)"
  RUNS=${RUNS:-11} scripts/first-frame.sh
fi

if [[ $skip != *,cli,* ]]; then
  echo
  echo "== 2. commands (targets: check scenarios/*.toml < 300 ms, transcript < 50 ms)"
  RUNS=${RUNS:-9} scripts/cli-timings.sh
fi

if [[ $skip != *,memory,* ]]; then
  echo
  echo "== 3. peak memory of a whole lesson (target: < 32 MiB)"
  RUNS=${RUNS:-3} LESSONS=signin-basic scripts/peak-memory.sh
fi

if [[ $skip != *,bench,* ]]; then
  echo
  echo "== 4. criterion (warm-up 1 s, measurement ${bench_time} s; full log in target/figures-bench.log)"
  short=(--warm-up-time 1 --measurement-time "$bench_time")
  {
    cargo bench --quiet --bench check -- "${short[@]}"
    cargo bench --quiet --bench render -- "${short[@]}" 'step_one|big'
  } > target/figures-bench.log 2>&1 || { tail -30 target/figures-bench.log; exit 1; }
  # Criterion's median of each benchmark, from its estimates.
  median_ms() {
    python3 -c 'import json,sys; print("%.3f" % (json.load(open(sys.argv[1]))["median"]["point_estimate"] / 1e6))' \
      "target/criterion/$1/new/estimates.json"
  }
  printf '%-34s %12s %14s  %s\n' benchmark "median ms" "per step µs" target
  for steps in 10 100 1000 10000; do
    ms=$(median_ms "check/$steps")
    per=$(awk -v m="$ms" -v n="$steps" 'BEGIN { printf "%.2f", m * 1000 / n }')
    target="linear (flat per step)"
    [ "$steps" = 10000 ] && target="< 500 ms, linear"
    printf '%-34s %12s %14s  %s\n' "check/$steps" "$ms" "$per" "$target"
  done
  for size in 80x24 200x60; do
    printf '%-34s %12s %14s  %s\n' "step_one/$size" "$(median_ms "step_one/$size")" "" "< 20 ms (with the first-screen figure)"
  done
  for dir in target/criterion/big/*/; do
    name=$(basename "$dir")
    [ "$name" = report ] && continue
    small=$(median_ms "big/$name/1000")
    ms=$(median_ms "big/$name/10000")
    verdict=$(awk -v m="$ms" 'BEGIN { if (m < 16.7) printf "under"; else printf "OVER" }')
    growth=$(awk -v a="$small" -v b="$ms" 'BEGIN { printf "%.2f", b / a }')
    printf '%-34s %12s %14s  %s
' "big/$name 10,000 steps" "$ms" "" "< 16.7 ms: $verdict; 1,000 steps $small ms (x$growth at 10x the steps)"
  done
fi

echo
echo "== done in $(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }') s; load now $(load)"
