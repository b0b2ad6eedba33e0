#!/usr/bin/env bash
# remitrank_server on a workbook of the published RPW file's size (253,960
# rows, made by //bench:make_rpw_workbook): start-up time and memory, then
# RankOffers (US -> MX, USD 200) under load, steady and while the data is
# reloaded (SIGHUP every 200 ms, as compare.sh does; a reload of this file
# takes seconds, so the signals coalesce into back-to-back reloads),
# interleaved. Server on core 0, load generator on core 1, loopback only.
# Prints each run, the medians and the ratios. The server's clock is set
# just after the file's latest quarter (2025_3Q), as on the day such a file
# is published: its quotes are then not stale.
#
#   bench/loadgen/rpw_server_check.sh [rounds] [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
seconds=${2:-20}
port=50098
tools/install_deps.sh
bazel build -c opt --jobs=2 --noshow_progress //service:remitrank_server \
  //bench/loadgen:loadgen //bench:make_rpw_workbook >&2
bin=bazel-bin
out=$(mktemp -d)
server=
cleanup() {
  [[ -n $server ]] && kill -TERM "$server" 2>/dev/null && wait "$server" || true
  rm -rf "$out"
}
trap cleanup EXIT
$bin/bench/make_rpw_workbook --out="$out/rpw.xlsx" >&2
data="$out/rpw.xlsx"
load() {  # load SECONDS [extra loadgen flags]
  taskset -c 1 $bin/bench/loadgen/loadgen --target=127.0.0.1:$port \
    --duration="$1"s --concurrency=16 "${@:2}" || true
}
status_kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$server/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
# Waits until the server has used less than 5 % of a core for a second:
# no reload running.
wait_idle() {
  local before after
  while true; do
    before=$(cpu_ticks); sleep 1; after=$(cpu_ticks)
    (( after - before <= 5 )) && return
  done
}

start=$(date +%s.%N)
taskset -c 0 $bin/service/remitrank_server --data="$data" \
  --listen=127.0.0.1:$port --clock_time=2025-10-15T00:00:00Z \
  >"$out/server.out" 2>"$out/server.err" &
server=$!
until $bin/bench/loadgen/loadgen --target=127.0.0.1:$port --max_calls=1 \
    --concurrency=1 >/dev/null 2>&1; do
  sleep 0.05
  kill -0 "$server"
done
ready=$(date +%s.%N)
echo "start-up: $(awk -v a="$start" -v b="$ready" 'BEGIN {printf "%.2f", b - a}') s" \
  "to the first answer; RSS $(( $(status_kb VmRSS) / 1024 )) MB," \
  "peak $(( $(status_kb VmHWM) / 1024 )) MB"
grep -m1 -i "loaded\|serving" "$out/server.err" || true
answer=$($bin/bench/loadgen/loadgen --target=127.0.0.1:$port \
  --print_first_offer)
first=$(echo "$answer" | grep -o "first_offer=[^ ]*" | cut -d= -f2)
echo "RankOffers US->MX USD 200: $answer"

for round in $(seq "$rounds"); do
  line=$(load "$seconds" --expect_first="$first")
  echo "round $round steady: $line"
  echo "$line" >>"$out/steady"
  reloads_before=$(grep -c "reloaded\|reload refused" "$out/server.err" || true)
  ( end=$((SECONDS + seconds)); while ((SECONDS < end)); do
      kill -HUP "$server"; sleep 0.2; done ) &
  reloader=$!
  line=$(load "$seconds" --expect_first="$first")
  wait "$reloader"
  wait_idle
  reloads=$(( $(grep -c "reloaded\|reload refused" "$out/server.err" || true) - reloads_before ))
  echo "round $round reloading: $line reloads=$reloads"
  echo "$line reloads=$reloads" >>"$out/reloading"
done
grep "reloaded" "$out/server.err" | tail -1
grep -c "reload refused" "$out/server.err" | sed 's/^/reloads refused: /' || true
echo "after the reloads: RSS $(( $(status_kb VmRSS) / 1024 )) MB, peak $(( $(status_kb VmHWM) / 1024 )) MB"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
field() { grep -o "$1=[0-9.]*" "$out/$2" | cut -d= -f2 | median; }
for name in steady reloading; do
  echo "median $name: calls_per_s=$(field calls_per_s $name) p99_us=$(field p99_us $name) failed=$(field failed $name) wrong=$(field wrong $name)"
done
awk -v s="$(field calls_per_s steady)" -v r="$(field calls_per_s reloading)" \
    -v sp="$(field p99_us steady)" -v rp="$(field p99_us reloading)" \
  'BEGIN {printf "during reloads: throughput x%.2f, p99 x%.2f\n", r/s, rp/sp}'
# Each round's own ratio (its runs back to back), median over rounds.
paste -d' ' <(grep -o "calls_per_s=[0-9.]*" "$out/reloading" | cut -d= -f2) \
  <(grep -o "calls_per_s=[0-9.]*" "$out/steady" | cut -d= -f2) |
  awk '{printf "%.4f\n", $1 / $2}' | median | sed 's/^/paired: reloading\/steady throughput x/'
echo "failed calls, all runs: steady $(grep -o 'failed=[0-9]*' "$out/steady" | cut -d= -f2 | paste -sd+ | bc)," \
  "reloading $(grep -o 'failed=[0-9]*' "$out/reloading" | cut -d= -f2 | paste -sd+ | bc)"
