#!/usr/bin/env bash
# cogflow serve against moto's server mode, in one run: the same GetUser and InitiateAuth load
# (keep-alive connections on 127.0.0.1, a fixed time each) against both, printing requests per
# second, p50 and p99 for each and the ratio; then cogflow's peak memory with 1,000 users.
#   scripts/bench-serve.sh [SECONDS] [CONNECTIONS]      (defaults: 5 s, 4 connections)
# COGFLOW_BENCH_BUILD=debug measures the debug build instead (no release build to wait for on a
# busy machine; argon2, RSA and SHA-2 are optimised in it too, see Cargo.toml): the figures
# README quotes are release ones.
# Everything runs on this machine and stops by itself; both servers are stopped on every exit.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-5}
connections=${2:-4}
users=1000

venv=.cache/bench-venv
wanted=$(sha256sum clients/bench/requirements.txt | cut -d' ' -f1)
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
if [ "$(cat "$venv/.installed" 2>/dev/null)" != "$wanted" ]; then
  echo "bench: installing moto[server] into $venv"
  "$venv/bin/pip" install --disable-pip-version-check --no-input -q -r clients/bench/requirements.txt
  echo "$wanted" > "$venv/.installed"
fi
build=${COGFLOW_BENCH_BUILD:-release}
case $build in
  release) cargo_profile=(--release) ;;
  debug) cargo_profile=() ;;
  *) echo "bench: COGFLOW_BENCH_BUILD is release or debug, not $build"; exit 2 ;;
esac
echo "bench: building cogflow and the load generator ($build)"
cargo build "${cargo_profile[@]}" --quiet --bin cogflow --example serve_load
load=target/$build/examples/serve_load

work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

free_port() { "$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The served pool: the bench user and 999 more (each hashed with argon2id, OWASP cost).
{
  cat <<TOML
format_version = 1
[scenario]
id = "serve-bench"
title = "cogflow serve benchmark pool"
[pool]
auth_flows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
[[pool.users]]
username = "bench"
password = "Bench-Pass-1"
email = "bench@example.com"
TOML
  for i in $(seq 2 "$users"); do
    printf '[[pool.users]]\nusername = "user%04d"\npassword = "Bench-Pass-%d"\nemail = "user%d@example.com"\n' "$i" "$i" "$i"
  done
  printf '[[steps]]\naction = "narrate"\nlabel = "served"\n'
} > "$work/bench.toml"

echo "bench: starting moto_server and cogflow serve ($users users: hashing them takes a while)"
moto_port=$(free_port)
"$venv/bin/moto_server" -H 127.0.0.1 -p "$moto_port" > "$work/moto.log" 2>&1 &
pids+=($!)
target/$build/cogflow serve "$work/bench.toml" --port 0 --plain --seed 1 > "$work/cogflow.log" 2>&1 &
cogflow_pid=$!
pids+=($cogflow_pid)
started=$(date +%s)
for _ in $(seq 1 3000); do   # at most 5 minutes: each user costs an argon2id hash and an SRP verifier
  grep -q '^export AWS_DEFAULT_REGION' "$work/cogflow.log" 2>/dev/null && break
  sleep 0.1
done
endpoint=$(sed -n 's/^endpoint=//p' "$work/cogflow.log")
client_id=$(sed -n 's/^client_id=//p' "$work/cogflow.log")
[ -n "$endpoint" ] || { echo "bench: cogflow serve did not start"; cat "$work/cogflow.log"; exit 1; }
echo "bench: cogflow serve ready after $(( $(date +%s) - started )) s"
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$moto_port/moto-api/" && break
  sleep 0.1
done

mkdir -p "$work/moto" "$work/cogflow"
"$venv/bin/python" clients/bench/setup_pool.py "http://127.0.0.1:$moto_port" "$work/moto" --create
COGFLOW_CLIENT_ID=$client_id "$venv/bin/python" clients/bench/setup_pool.py "$endpoint" "$work/cogflow"

run() { "$load" "$1" "$2" "$3" --connections "$connections" --seconds "$seconds"; }
field() { "$venv/bin/python" -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }

echo
printf '%-13s %-8s %9s %8s %9s %9s %7s\n' operation server requests errors "req/s" "p50 ms" "p99 ms"
for op in GetUser InitiateAuth; do
  # A fresh plain log would grow by 3 lines a call; send it nowhere during the load.
  m=$(run "127.0.0.1:$moto_port" "$op" "$work/moto/$op.json")
  c=$(run "${endpoint#http://}" "$op" "$work/cogflow/$op.json")
  for pair in "moto:$m" "cogflow:$c"; do
    name=${pair%%:*}; json=${pair#*:}
    printf '%-13s %-8s %9s %8s %9s %9s %7s\n' "$op" "$name" "$(field "$json" requests)" "$(field "$json" errors)" \
      "$(field "$json" rps)" "$(field "$json" p50_ms)" "$(field "$json" p99_ms)"
  done
  ratio=$("$venv/bin/python" -c "import json,sys; a=json.loads(sys.argv[1]); b=json.loads(sys.argv[2]); print(f'{b[\"rps\"]/max(a[\"rps\"],1):.1f}')" "$m" "$c")
  echo "  $op: cogflow serve / moto = ${ratio}x requests per second"
  [ "$op" = InitiateAuth ] && initiate_rps=$(field "$c" rps)
done
echo
# InitiateAuth is bounded by argon2id, on purpose: moto keeps passwords in plain text, cogflow
# verifies an argon2id hash (OWASP cost) on every sign-in, each computed (a served pool reuses
# no earlier result) with the pool unlocked, so sign-ins verify side by side: at most one per
# core at a time, and each core does 1000/mean of them a second.
cores=$(nproc)
grep -o 'argon2id verify m=19456 KiB, t=2, p=1 [0-9.]* ms' "$work/cogflow.log" | awk -v cores="$cores" -v rps="$initiate_rps" '
  { s += $(NF-1); n++ }
  END { if (n) printf "argon2id verify in cogflow: mean %.1f ms over %d sign-ins, so at most %.0f sign-ins/s on %d cores (measured %s: %.0f%% of that)\n",
          s/n, n, cores*1000*n/s, cores, rps, 100*rps/(cores*1000*n/s) }'
echo "load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (other work on the machine skews every figure); $build build"
peak=$(sed -n 's/^VmHWM:\s*//p' "/proc/$cogflow_pid/status")
echo "cogflow serve peak memory (VmHWM) with $users users, after the load: $peak"
