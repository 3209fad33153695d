# Shared by the benchmark scripts (source it: `. scripts/lib.sh`). Each function does one thing.

# The binary to measure, in $bin (an absolute path): $COGFLOW_BIN, or target/release/cogflow,
# built first when it is missing (a debug build's figures would say nothing about the app).
cogflow_bin() {
  bin=${COGFLOW_BIN:-target/release/cogflow}
  if [ ! -x "$bin" ]; then
    echo "building $bin …" >&2
    cargo build --release --quiet
  fi
  bin=$(realpath "$bin")
}

# Stops the script with a one-line reason when tmux is missing ($1 names the script).
need_tmux() {
  command -v tmux >/dev/null || { echo "$1: tmux is not installed" >&2; exit 1; }
}

# The median of the numbers given as arguments, with DECIMALS (default 1) for an even count.
# DECIMALS=2 median 1.25 1.5
median() {
  printf '%s\n' "$@" | sort -n | awk -v d="${DECIMALS:-1}" '{ a[NR] = $1 } END {
    if (NR % 2) print a[(NR + 1) / 2]; else printf "%.*f\n", d, (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# Milliseconds from $1 to $2 (two $EPOCHREALTIME readings), with DECIMALS (default 1).
ms_between() {
  awk -v a="$1" -v b="$2" -v d="${DECIMALS:-1}" 'BEGIN { printf "%.*f", d, (b - a) * 1000 }'
}

# The load average now (the machine may be shared: every figure is quoted with it).
load() { cut -d' ' -f1-3 /proc/loadavg; }

# A private tmux server on socket $1 with one idle session "bench" of 120x40; new windows get
# that size too.
bench_tmux() {
  tmux -L "$1" -f /dev/null new-session -d -s bench -x 120 -y 40 "sleep 1000000"
  tmux -L "$1" set-option -g default-size 120x40 >/dev/null
}
