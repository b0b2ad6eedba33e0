#!/usr/bin/env bash
# Compares remitrank_server with the baseline servers (empty handler; a
# canned top-10 answer) under the same load, interleaved, several rounds:
# server on one core, load generator on the other. Then the real server
# steady against the same while its data reloads every 200 ms. Prints each
# run and the medians and ratios of calls/s and p99.
#
#   bench/loadgen/compare.sh [rounds] [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
seconds=${2:-5}
tools/install_deps.sh
bazel build -c opt --noshow_progress //service:remitrank_server \
  //bench/loadgen:loadgen //bench/loadgen:baseline_server >&2
bin=bazel-bin
data=testdata/sample_corridors.textproto
clock=2026-11-15T00:00:00Z
out=$(mktemp -d)
trap 'pkill -TERM -f "listen=127.0.0.1:5009[567]" || true; rm -rf "$out"' EXIT

taskset -c 0 $bin/service/remitrank_server --data=$data \
  --listen=127.0.0.1:50095 --clock_time=$clock >/dev/null 2>&1 &
taskset -c 0 $bin/bench/loadgen/baseline_server --mode=canned --data=$data \
  --clock_time=$clock --listen=127.0.0.1:50096 >/dev/null 2>&1 &
taskset -c 0 $bin/bench/loadgen/baseline_server --mode=empty \
  --listen=127.0.0.1:50097 >/dev/null 2>&1 &
# Each server is ready when its first call succeeds.
for port in 50095 50096 50097; do
  for _ in $(seq 100); do
    $bin/bench/loadgen/loadgen --target=127.0.0.1:$port --max_calls=1 \
      --concurrency=1 >/dev/null 2>&1 && break
  done
done

for round in $(seq "$rounds"); do
  for name in real:50095 canned:50096 empty:50097; do
    port=${name#*:}
    expect=--expect_first=us-mx-swiftsend-promo
    [[ ${name%%:*} == empty ]] && expect=
    line=$(taskset -c 1 $bin/bench/loadgen/loadgen --target=127.0.0.1:$port \
      --duration=${seconds}s --concurrency=16 $expect)
    echo "round $round ${name%%:*}: $line"
    echo "$line" >>"$out/${name%%:*}"
  done
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
field() { grep -o "$1=[0-9.]*" "$out/$2" | cut -d= -f2 | median; }
for name in real canned empty; do
  echo "median $name: calls_per_s=$(field calls_per_s $name) p99_us=$(field p99_us $name)"
done
real=$(field calls_per_s real)
awk -v r="$real" -v c="$(field calls_per_s canned)" -v e="$(field calls_per_s empty)" \
  'BEGIN {printf "throughput: real/canned=%.2f real/empty=%.2f\n", r/c, r/e}'
# The same from each round's own runs (run back to back, so slow drifts of
# a shared machine cancel), median over the rounds.
paired() {  # paired NAME: median over rounds of real / NAME calls per second
  paste -d' ' <(grep -o "calls_per_s=[0-9.]*" "$out/real" | cut -d= -f2) \
    <(grep -o "calls_per_s=[0-9.]*" "$out/$1" | cut -d= -f2) |
    awk '{printf "%.4f\n", $1 / $2}' | median
}
awk -v c="$(paired canned)" -v e="$(paired empty)" \
  'BEGIN {printf "paired: real/canned=%.2f real/empty=%.2f\n", c, e}'

# The real server again, steady and while its data is reloaded every
# 200 ms (SIGHUP, as an operator would), interleaved.
server=$(pgrep -f "remitrank_server.*listen=127.0.0.1:50095")
for round in $(seq "$rounds"); do
  line=$(taskset -c 1 $bin/bench/loadgen/loadgen --target=127.0.0.1:50095 \
    --duration=${seconds}s --concurrency=16 \
    --expect_first=us-mx-swiftsend-promo)
  echo "round $round steady: $line"
  echo "$line" >>"$out/steady"
  ( end=$((SECONDS + seconds)); while ((SECONDS < end)); do
      kill -HUP "$server"; sleep 0.2; done ) &
  reloader=$!
  line=$(taskset -c 1 $bin/bench/loadgen/loadgen --target=127.0.0.1:50095 \
    --duration=${seconds}s --concurrency=16 \
    --expect_first=us-mx-swiftsend-promo)
  wait "$reloader"
  echo "round $round reloading: $line"
  echo "$line" >>"$out/reloading"
done
for name in steady reloading; do
  echo "median $name: calls_per_s=$(field calls_per_s $name) p99_us=$(field p99_us $name) failed=$(field failed $name)"
done
awk -v s="$(field calls_per_s steady)" -v r="$(field calls_per_s reloading)" \
    -v sp="$(field p99_us steady)" -v rp="$(field p99_us reloading)" \
  'BEGIN {printf "during reloads: throughput x%.2f, p99 x%.2f\n", r/s, rp/sp}'
