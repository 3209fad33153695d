#!/usr/bin/env bash
# A cold start (empty key cache, a seed no run has made keys for): how soon step 1 is drawn
# ("Step 1/5", tmux 120x40), how soon the pool's RSA keys are ready (their file appears in the
# cache: they are kept the moment they are made), and the soonest a learner could reach the
# step that signs with them, signin-basic's step 4: 5 key presses after step 1 (→, → opens
# the prediction for step 3, a key answers or skips it, → opens step 4's, a key). At a fast
# tap of one press every PRESS_MS (default 100 ms: 10 a second, faster than key repeat's
# first delay), the fifth lands 4 × PRESS_MS after step 1 is drawn, the first at once.
# Medians of RUNS runs (default 11), each with a new empty cache.
#
# Usage: scripts/cold-start.sh            (builds target/release/cogflow if needed)
#        RUNS=21 PRESS_MS=80 COGFLOW_BIN=target/debug/cogflow scripts/cold-start.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

runs=${RUNS:-11}
press_ms=${PRESS_MS:-100}
cogflow_bin
need_tmux cold-start

sock="cogflow-cold-start-$$"
tmp=$(mktemp -d)
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; [ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT

# Writes the time "1/5" is first drawn to $1.
cat > "$tmp/reader.sh" <<'READER'
#!/usr/bin/env bash
seen=""
while IFS= read -r -d '' -n 64 chunk; do
  seen+=$chunk
  if [[ $seen == *1/5* ]]; then echo "$EPOCHREALTIME" > "$1"; break; fi
  seen=${seen: -16}
done
cat > /dev/null
READER
chmod +x "$tmp/reader.sh"

bench_tmux "$sock"

echo "machine: $(nproc) cores, load average $(load) at start"
echo "binary: $bin; lesson signin-basic; runs: $runs, each with an empty cache; a press every $press_ms ms"
mkfifo "$tmp/never"
exec 9<>"$tmp/never"
step_ms=() keys_ms=() margin_ms=() early=0
for i in $(seq 1 "$runs"); do
  cache="$tmp/cache-$i" t0="$tmp/t0.$i" t1="$tmp/t1.$i" t2="$tmp/t2.$i"
  seed=$((1000 + i))
  key="$cache/keys-v1/seed-$seed.pem"
  tmux -L "$sock" new-window -d -t bench -n "c$i" \
    "bash -c 'read -r _; echo \$EPOCHREALTIME > $t0; COGFLOW_CACHE=$cache COGFLOW_HOME=$tmp/home exec $bin --seed $seed --no-save'"
  tmux -L "$sock" pipe-pane -o -t "bench:c$i" "$tmp/reader.sh $t1"
  tmux -L "$sock" send-keys -t "bench:c$i" Enter
  # Polls for the key file every millisecond (read -t on an fd that never has data: no
  # process per poll).
  for _ in $(seq 1 30000); do
    if [ ! -s "$t2" ] && [ -e "$key" ]; then echo "$EPOCHREALTIME" > "$t2"; fi
    [ -s "$t1" ] && [ -s "$t2" ] && break
    read -r -t 0.001 -u 9 _ || true
  done
  if [ ! -s "$t1" ] || [ ! -s "$t2" ]; then echo "run $i: no step 1 or no keys in 30 s" >&2; exit 1; fi
  s=$(ms_between "$(cat "$t0")" "$(cat "$t1")") k=$(ms_between "$(cat "$t0")" "$(cat "$t2")")
  budget=$(awk -v s="$s" -v p="$press_ms" 'BEGIN { printf "%.1f", s + 4 * p }')
  margin=$(awk -v b="$budget" -v k="$k" 'BEGIN { printf "%.1f", b - k }')
  step_ms+=("$s") keys_ms+=("$k") margin_ms+=("$margin")
  awk -v m="$margin" 'BEGIN { exit !(m < 0) }' && early=$((early + 1))
  tmux -L "$sock" send-keys -t "bench:c$i" q
  sleep 0.1
  tmux -L "$sock" kill-window -t "bench:c$i" 2>/dev/null || true
done
echo "to \"Step 1/5\" drawn:       median $(median "${step_ms[@]}") ms   samples ${step_ms[*]}"
echo "to the keys ready:         median $(median "${keys_ms[@]}") ms   samples ${keys_ms[*]}"
echo "5th press (step 4, signs): step 1 + 4 x $press_ms ms; keys ready before it by median $(median "${margin_ms[@]}") ms"
echo "runs where the 5th press could come before the keys: $early of $runs"
echo "load average $(load) at end"
