#!/usr/bin/env bash
# Launch to first screen in a real terminal (tmux, 120x40), cogflow beside a Python/Textual
# tutorial tool (tuitorial 0.16) showing the same five-step lesson, medians of RUNS runs each.
#
# Each run starts the program in a new tmux window. The pane's shell notes the time just before
# it execs the program; tmux's pipe-pane hands the pane's output to a reader that notes when the
# lesson title first arrives ("Cognito", the title's first word) and when the step count does
# ("1/5": step 1 drawn with its count, which is what a learner needs to start). Nothing is
# polled, so the figures are not limited by how often tmux could be asked. Both tools run the
# same lesson: scenarios/signin-basic.toml, and clients/first-frame/signin-basic.yaml (its five
# steps, labels and code as a tuitorial file).
#
# Prints both medians and the ratio from the same run, with the machine's core count and load,
# and the floor: a shell printing the same words, what the terminal itself takes on this machine.
# tuitorial is installed from clients/first-frame/requirements.txt into .cache/first-frame-venv
# (once; NO_PEER=1 skips it).
#
# Usage: scripts/first-frame.sh            (builds target/release/cogflow if needed)
#        RUNS=21 COGFLOW_BIN=target/debug/cogflow scripts/first-frame.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

runs=${RUNS:-11}
cogflow_bin
need_tmux first-frame
export DECIMALS=2

venv=.cache/first-frame-venv
peer=""
if [ -z "${NO_PEER:-}" ]; then
  wanted=$(sha256sum clients/first-frame/requirements.txt | cut -d' ' -f1)
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  if [ "$(cat "$venv/.installed" 2>/dev/null)" != "$wanted" ]; then
    echo "first-frame: installing tuitorial into $venv" >&2
    "$venv/bin/pip" install --disable-pip-version-check --no-input -q -r clients/first-frame/requirements.txt
    echo "$wanted" > "$venv/.installed"
  fi
  peer="$(realpath "$venv/bin/tuitorial") $(realpath clients/first-frame/signin-basic.yaml)"
fi

sock="cogflow-first-frame-$$"
tmp=$(mktemp -d)
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT
# Keys are kept as a real pool's (a warm cache, as on every launch after the first).
export COGFLOW_CACHE="$tmp/key-cache" COGFLOW_HOME="$tmp/home"
"$bin" transcript signin-basic --seed 1 > /dev/null

# The reader: notes the time when the title's first word shows up in the pane's output, and
# when "1/5" does, then drains the rest. (Spaces may be skipped by a diffing renderer, so
# only short runs of text are matched.)
cat > "$tmp/reader.sh" <<'READER'
#!/usr/bin/env bash
title=$1 step=$2
seen=""
while IFS= read -r -d '' -n 64 chunk; do
  seen+=$chunk
  if [ ! -s "$title" ] && [[ $seen == *Cognito* ]]; then echo "$EPOCHREALTIME" > "$title"; fi
  if [[ $seen == *1/5* ]]; then
    [ -s "$title" ] || echo "$EPOCHREALTIME" > "$title"
    echo "$EPOCHREALTIME" > "$step"
    break
  fi
  seen=${seen: -16}
done
cat > /dev/null
READER
chmod +x "$tmp/reader.sh"

bench_tmux "$sock"

# measure NAME COMMAND: sets title_ms and step_ms (arrays of samples, ms).
measure() {
  local name=$1 cmd=$2 i t0 t1 t2
  title_ms=() step_ms=()
  for i in $(seq 1 "$runs"); do
    t0="$tmp/$name.t0.$i" t1="$tmp/$name.t1.$i" t2="$tmp/$name.t2.$i"
    # The pane waits for Enter, so pipe-pane is attached before the program starts.
    tmux -L "$sock" new-window -d -t bench -n "$name$i" \
      "bash -c 'read -r _; echo \$EPOCHREALTIME > $t0; exec $cmd'"
    tmux -L "$sock" pipe-pane -o -t "bench:$name$i" "$tmp/reader.sh $t1 $t2"
    tmux -L "$sock" send-keys -t "bench:$name$i" Enter
    for _ in $(seq 1 3000); do [ -s "$t2" ] && [ -s "$t0" ] && break; sleep 0.01; done
    if [ ! -s "$t2" ]; then echo "$name run $i: no \"1/5\" seen in 30 s" >&2; exit 1; fi
    title_ms+=("$(ms_between "$(cat "$t0")" "$(cat "$t1")")")
    step_ms+=("$(ms_between "$(cat "$t0")" "$(cat "$t2")")")
    tmux -L "$sock" send-keys -t "bench:$name$i" q
    sleep 0.1
    tmux -L "$sock" kill-window -t "bench:$name$i" 2>/dev/null || true
  done
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo "terminal: tmux $(tmux -V | cut -d' ' -f2), 120x40; runs: $runs each"
measure cogflow "$bin --seed 1 --no-save"
cog_title=$(median "${title_ms[@]}") cog_step=$(median "${step_ms[@]}")
echo "cogflow ($bin)"
echo "  to the title:        median $cog_title ms   samples ${title_ms[*]}"
echo "  to \"Step 1/5\" drawn: median $cog_step ms   samples ${step_ms[*]}"
# The floor: the smallest program that writes the same two words (dash's printf, then it
# waits for q like the others): what this terminal and machine take to show anything at all.
# A rule follows them, as a screen would: the reader takes its input 64 bytes at a time.
printf '%s\n' "printf 'Cognito 1/5\\n%0128d\\n' 0" 'read -r _' > "$tmp/floor.sh"
measure floor "sh $tmp/floor.sh"
floor_step=$(median "${step_ms[@]}")
echo "floor (sh printing \"Cognito 1/5\")"
echo "  to \"1/5\" shown:      median $floor_step ms   samples ${step_ms[*]}"
echo "  cogflow above the floor: $(awk -v a="$cog_step" -v b="$floor_step" 'BEGIN { printf "%.1f", a - b }') ms"
if [ -n "$peer" ]; then
  measure peer "$peer"
  peer_title=$(median "${title_ms[@]}") peer_step=$(median "${step_ms[@]}")
  echo "tuitorial $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("tuitorial"))') (Python $("$venv/bin/python" -c 'import platform; print(platform.python_version())'), Textual $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("textual"))'))"
  echo "  to the title:        median $peer_title ms   samples ${title_ms[*]}"
  echo "  to \"Step 1/5\" drawn: median $peer_step ms   samples ${step_ms[*]}"
  echo "ratio to \"Step 1/5\": tuitorial / cogflow = $(awk -v a="$peer_step" -v b="$cog_step" 'BEGIN { printf "%.1f", a / b }')"
fi
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at end"
