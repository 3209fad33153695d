#!/usr/bin/env bash
# Peak memory (max RSS, as `/usr/bin/time` reports it) of a whole lesson, median of RUNS runs
# (default 5), for DESIGN.md's bar: under 32 MB, argon2id's 19 MiB working memory included.
# For each lesson (default: every built-in one, as `cogflow list` names them):
#
#   (a) transcript  `cogflow transcript LESSON --seed 1`: the main path, printed.
#   (b) plain       `cogflow LESSON --plain --seed 1 --no-save` with piped input: every step of
#                   the main path, then `v` and every step of each variant, quit.
#   (c) tui         the terminal UI in tmux (120x35, `--no-save`): → to the last step, `v`
#                   through every variant (→ to the last step of each) back to the main path,
#                   then a try-it (9, e, user123 Tab pass123 Enter), → to its last step, q.
#
# `--no-save`: a run that saved its place would make the next one resume there (and would
# write into the learner's own progress).
#
# The TUI driver waits for what it asked for to be on screen before the next key, so every
# run does the same work: both RSA keys, each path's argon2id hashes and verifies, the tokens.
#
# Usage: scripts/peak-memory.sh               (builds target/release/cogflow first)
#        RUNS=9 LESSONS="signin-basic totp-mfa" scripts/peak-memory.sh
#        COGFLOW_BIN=/path/to/cogflow scripts/peak-memory.sh   (no build)
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-5}
if [ -n "${COGFLOW_BIN:-}" ]; then
  bin=$COGFLOW_BIN
else
  cargo build --release --quiet
  bin=target/release/cogflow
fi
bin=$(realpath "$bin")
[ -x /usr/bin/time ] || { echo "peak-memory: /usr/bin/time is not installed" >&2; exit 1; }
command -v tmux >/dev/null || { echo "peak-memory: tmux is not installed" >&2; exit 1; }

tmp=$(mktemp -d)
sock="cogflow-peak-memory-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT

# KiB samples on stdin → "median X.X MiB (min A.A, max B.B)  KiB: …"
summary() {
  sort -n | awk '
    { a[NR] = $1; all = all (NR > 1 ? " " : "") $1 }
    END {
      med = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
      printf "median %5.1f MiB (min %.1f, max %.1f)  KiB: %s\n", med / 1024, a[1] / 1024, a[NR] / 1024, all
    }'
}

# (a) transcript
transcript_kib() {
  /usr/bin/time -f %M -o "$tmp/a" "$bin" transcript "$1" --seed 1 > /dev/null
  cat "$tmp/a"
}

# (b) plain mode through a pipe: each branch from step 1 to its end, `v` to the next branch,
# until every branch was shown. An empty line is "next" at the step prompt and "skip" at a
# prediction's (where `n` is no answer and is asked again); past the end it only repeats "That
# was the last step".
plain_kib() {
  local lesson=$1 file branches
  # The lesson's file (a built-in's source is scenarios/<id>.toml), to count its variants.
  if [ -f "$lesson" ]; then file=$lesson; else file=scenarios/$lesson.toml; fi
  [ -f "$file" ] || { echo "plain: no file for lesson $lesson" >&2; exit 1; }
  branches=$(( $(grep -c '^\[\[variants\]\]' "$file" || true) + 1 ))
  # 30 empty lines a branch (written out: `$(…)` would strip them), `v` and `1` between.
  input() {
    local b
    for b in $(seq 1 "$branches"); do
      [ "$b" -eq 1 ] || printf 'v\n1\n'
      printf '\n%.0s' $(seq 1 30)
    done
    printf 'q\n'
  }
  input | /usr/bin/time -f %M -o "$tmp/b" "$bin" "$lesson" --plain --seed 1 --no-save \
    > "$tmp/b.out"
  local shown
  shown=$(grep -c '^Branch: ' "$tmp/b.out" || true)
  [ "$shown" -eq "$branches" ] || {
    echo "plain $lesson: $shown of $branches branches shown" >&2; exit 1; }
  cat "$tmp/b"
}

# (c) the TUI in tmux
pane() { tmux -L "$sock" capture-pane -p -t "mem:$1"; }
key() { tmux -L "$sock" send-keys -t "mem:$1" "${@:2}"; }
# Waits (up to 20 s) until the pane shows $2.
wait_for() {
  for _ in $(seq 1 400); do
    pane "$1" | grep -qF -- "$2" && return 0
    sleep 0.05
  done
  echo "tui: \"$2\" never showed; the pane was:" >&2
  pane "$1" >&2
  exit 1
}
# The status lines: above the footer, up to 3 rows (a long status wraps whole).
status() { pane "$1" | tail -4; }
# Waits (up to 20 s) until a status line starts with $2.
wait_status() {
  for _ in $(seq 1 400); do
    status "$1" | grep -q "^ *$2" && return 0
    sleep 0.05
  done
  echo "tui: the status line never said \"$2\"; the pane was:" >&2
  pane "$1" >&2
  exit 1
}
# → until the status line says the path's last step is on screen (its run is complete).
to_last_step() {
  for _ in $(seq 1 200); do
    key "$1" Right
    sleep 0.05
    pane "$1" | grep -qF 'That was the last step' && return 0
  done
  echo "tui: never reached the last step" >&2
  pane "$1" >&2
  exit 1
}
tui_kib() {
  local w="run$2" out="$tmp/c.$2"
  tmux -L "$sock" new-window -d -t mem -n "$w" \
    "/usr/bin/time -f %M -o $out $bin $1 --seed 1 --no-save; sleep 100"
  wait_for "$w" 'Step 1/'
  to_last_step "$w"
  # Every variant, each to its last step, until `v` comes back to the main path.
  for _ in $(seq 1 20); do
    key "$w" v
    wait_status "$w" 'Branch '
    status "$w" | grep -qE 'Branch (1 of [0-9]+|): Main path' && break
    to_last_step "$w"
  done
  key "$w" 9
  key "$w" e
  wait_status "$w" 'Enter run'
  key "$w" -l user123
  key "$w" Tab
  key "$w" -l pass123
  key "$w" Enter
  wait_status "$w" 'Your try as user123'
  to_last_step "$w"
  key "$w" q
  for _ in $(seq 1 200); do [ -s "$out" ] && break; sleep 0.05; done
  [ -s "$out" ] || { echo "tui: cogflow did not exit" >&2; exit 1; }
  tmux -L "$sock" kill-window -t "mem:$w"
  cat "$out"
}

tmux -L "$sock" -f /dev/null new-session -d -s mem -x 120 -y 35 "sleep 1000000"
tmux -L "$sock" set-option -g default-size 120x35 > /dev/null

lessons=${LESSONS:-$("$bin" list | awk '$NF == "built-in" { print $1 }')}
[ -n "$lessons" ] || { echo "peak-memory: no lessons to measure" >&2; exit 1; }

echo "binary: $bin"
echo "runs: $runs each; peak RSS = max resident set size from /usr/bin/time; bar: under 32 MB (= 30.5 MiB)"
n=0
for lesson in $lessons; do
  a=(); b=(); c=()
  for _ in $(seq 1 "$runs"); do
    n=$((n + 1))
    a+=("$(transcript_kib "$lesson")")
    b+=("$(plain_kib "$lesson")")
    c+=("$(tui_kib "$lesson" "$n")")
  done
  echo "$lesson"
  printf '  (a) transcript                 %s' "$(printf '%s\n' "${a[@]}" | summary)"; echo
  printf '  (b) plain: every branch        %s' "$(printf '%s\n' "${b[@]}" | summary)"; echo
  printf '  (c) tui: branches + try-it     %s' "$(printf '%s\n' "${c[@]}" | summary)"; echo
done
