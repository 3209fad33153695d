#!/usr/bin/env bash
# Save-to-screen latency of `cogflow run --watch` for a contradiction only the run shows (a
# quiz answer key the simulated run contradicts), in a real terminal (tmux, 120x40): median of
# RUNS saves (default 7).
#
# Each run writes the built-in lesson with question 1's answer changed, notes the time, then
# reads the pane every 10 ms until "the run contradicts" is on screen; between runs it writes the
# good lesson back and waits until the message is gone. The figure includes the file watch's
# poll interval (300 ms), the check of every branch (argon2id, RS256) and the redraw.
#
# Usage: scripts/watch-latency.sh            (builds target/release/cogflow if needed)
#        RUNS=15 COGFLOW_BIN=target/debug/cogflow scripts/watch-latency.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

runs=${RUNS:-7}
cogflow_bin
need_tmux watch-latency

sock="cogflow-watch-latency-$$"
tmp=$(mktemp -d)
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT
good="$tmp/lesson.toml"
cp scenarios/signin-basic.toml "$good"
cp "$good" "$tmp/good.toml"
# Question 1's answer A ("Valid") becomes B ("JWT token"): the run says step 3 is "Valid".
awk 'done || !/^answer = "A"$/ {print; next} {print "answer = \"B\""; done=1}' "$good" > "$tmp/stale.toml"

tmux -L "$sock" new-session -d -s w -x 120 -y 40 \
  "COGFLOW_HOME=$tmp/home $bin run $good --watch --seed 1 --no-save"
screen() { tmux -L "$sock" capture-pane -p -t w; }
until screen | grep -q "watching"; do sleep 0.05; done
sleep "${WARM:-5}" # the first runs and the start-up check finish (cold, it makes the RSA keys)

times=()
for _ in $(seq "$runs"); do
  cp "$tmp/stale.toml" "$good"
  start=$EPOCHREALTIME
  until screen | grep -q "the run contradicts"; do sleep 0.01; done
  end=$EPOCHREALTIME
  times+=("$(echo "($end - $start) * 1000" | bc -l)")
  cp "$tmp/good.toml" "$good"
  until ! screen | grep -q "the run contradicts"; do sleep 0.05; done
  sleep 0.4
done
echo "in order (ms): ${times[*]}" >&2
printf "%s\n" "${times[@]}" | sort -n | awk -v n="$runs" -v cores="$(nproc)" '
  { t[NR] = $1 }
  END { printf "watch: save to run-level contradiction on screen, median of %d: %.0f ms (min %.0f, max %.0f); %d cores\n",
        n, t[int((n + 1) / 2)], t[1], t[n], cores }'
