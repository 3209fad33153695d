#!/usr/bin/env bash
# Launch-to-first-frame of cogflow in a real terminal (tmux), median of RUNS runs (default 20).
#
# Each run starts the binary in a new tmux window at 120x35. The pane's shell notes the time
# just before it execs the binary; tmux's pipe-pane hands the pane's output to a reader that
# notes the time when the lesson title first arrives (the first frame being written to the
# terminal). The difference is launch to first frame: process start, argument parsing, the
# built-in scenario parsed, raw mode and the alternate screen, and the first draw. Nothing is
# polled, so the figure is not limited by how often tmux could be asked.
#
# Usage: scripts/first-frame.sh            (builds target/release/cogflow if needed)
#        RUNS=50 COGFLOW_BIN=target/debug/cogflow scripts/first-frame.sh
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-20}
bin=${COGFLOW_BIN:-target/release/cogflow}
if [ ! -x "$bin" ]; then
  echo "building $bin …" >&2
  cargo build --release --quiet
fi
bin=$(realpath "$bin")
command -v tmux >/dev/null || { echo "first-frame: tmux is not installed" >&2; exit 1; }

sock="cogflow-first-frame-$$"
tmp=$(mktemp -d)
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT

# The reader: notes the time when "Cognito" (the first word of the title) shows up in the
# pane's output, then drains the rest. (Spaces may be skipped by the diffing renderer, so
# only one word is matched.)
cat > "$tmp/reader.sh" <<'READER'
#!/usr/bin/env bash
out=$1
seen=""
while IFS= read -r -d '' -n 64 chunk; do
  seen+=$chunk
  if [[ $seen == *Cognito* ]]; then
    echo "$EPOCHREALTIME" > "$out"
    break
  fi
  seen=${seen: -16}
done
cat > /dev/null
READER
chmod +x "$tmp/reader.sh"

tmux -L "$sock" -f /dev/null new-session -d -s bench -x 120 -y 35 "sleep 1000000"
tmux -L "$sock" set-option -g default-size 120x35 >/dev/null

samples=()
for i in $(seq 1 "$runs"); do
  t0="$tmp/t0.$i"; t1="$tmp/t1.$i"
  # The pane waits for Enter, so pipe-pane is attached before the binary starts.
  tmux -L "$sock" new-window -d -t bench -n "run$i" \
    "bash -c 'read -r _; echo \$EPOCHREALTIME > $t0; exec $bin --seed 1'"
  tmux -L "$sock" pipe-pane -o -t "bench:run$i" "$tmp/reader.sh $t1"
  tmux -L "$sock" send-keys -t "bench:run$i" Enter
  for _ in $(seq 1 500); do [ -s "$t1" ] && [ -s "$t0" ] && break; sleep 0.01; done
  if [ ! -s "$t1" ]; then echo "run $i: no frame seen" >&2; exit 1; fi
  ms=$(awk -v a="$(cat "$t0")" -v b="$(cat "$t1")" 'BEGIN { printf "%.2f", (b - a) * 1000 }')
  samples+=("$ms")
  tmux -L "$sock" send-keys -t "bench:run$i" q
  sleep 0.05
  tmux -L "$sock" kill-window -t "bench:run$i" 2>/dev/null || true
done

sorted=$(printf '%s\n' "${samples[@]}" | sort -n)
median=$(printf '%s\n' "$sorted" | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
min=$(printf '%s\n' "$sorted" | head -1)
max=$(printf '%s\n' "$sorted" | tail -1)
echo "binary: $bin"
echo "runs: $runs (120x35, tmux $(tmux -V | cut -d' ' -f2))"
echo "samples (ms): ${samples[*]}"
echo "launch to first frame: median ${median} ms (min ${min} ms, max ${max} ms)"
