#!/usr/bin/env bash
# Instructions the server executes per RankOffers call, counted by
# valgrind's callgrind (repeatable where wall-clock figures are noisy):
# remitrank_server against the canned and empty baseline servers. Each
# server runs under callgrind; after a warm-up its counters are zeroed,
# the load generator makes exactly N calls, and the counters are dumped.
# All the server's threads are counted (gRPC's pollers and executors
# included), so the figure is the whole cost of a call to the server.
#
#   bench/loadgen/instructions.sh [calls]
set -euo pipefail
cd "$(dirname "$0")/../.."
calls=${1:-2000}
warmup=200
tools/install_deps.sh
bazel build -c opt --noshow_progress //service:remitrank_server \
  //bench/loadgen:loadgen //bench/loadgen:baseline_server >&2
bin=bazel-bin
data=testdata/sample_corridors.textproto
clock=2026-11-15T00:00:00Z
out=$(mktemp -d)
server=
trap '[[ -n $server ]] && kill -TERM "$server" 2>/dev/null; rm -rf "$out"' EXIT

load() {  # load PORT CALLS [EXPECT]
  taskset -c 1 $bin/bench/loadgen/loadgen --target=127.0.0.1:$1 --max_calls=$2 \
    --duration=600s --concurrency=16 ${3:+--expect_first=$3}
}

# Prints the instructions per call of one server, started by "$@".
measure() {  # measure PORT EXPECT COMMAND...
  local port=$1 expect=$2
  shift 2
  taskset -c 0 valgrind --tool=callgrind --callgrind-out-file="$out/cg.%p" \
    "$@" >/dev/null 2>"$out/valgrind.log" &
  server=$!
  for _ in $(seq 600); do
    load "$port" 1 >/dev/null 2>&1 && break
    sleep 0.5
  done
  load "$port" $warmup "$expect" >/dev/null
  callgrind_control -z "$server" >/dev/null 2>&1
  local line
  line=$(load "$port" "$calls" "$expect")
  grep -q " failed=0" <<<"$line" || { echo "failed calls: $line" >&2; exit 1; }
  callgrind_control -d "$server" >/dev/null 2>&1
  kill -TERM "$server"
  wait "$server" || true
  server=
  # The dump made after zeroing is the one with the highest number.
  local dump
  dump=$(ls "$out"/cg.*.* | sort -t. -k3 -n | tail -1)
  awk -v n="$calls" '/^summary:|^totals:/ {print int($2 / n); exit}' "$dump"
  rm -f "$out"/cg.*
}

expect=us-mx-swiftsend-promo
real=$(measure 50095 $expect $bin/service/remitrank_server \
  --data=$data --listen=127.0.0.1:50095 --clock_time=$clock)
canned=$(measure 50096 $expect $bin/bench/loadgen/baseline_server --mode=canned --data=$data \
  --clock_time=$clock --listen=127.0.0.1:50096)
empty=$(measure 50097 "" $bin/bench/loadgen/baseline_server \
  --mode=empty --listen=127.0.0.1:50097)
echo "instructions per call ($calls calls): real=$real canned=$canned empty=$empty"
awk -v r="$real" -v c="$canned" -v e="$empty" \
  'BEGIN {printf "instructions: real/canned=%.3f real/empty=%.2f\n", r/c, r/e}'
