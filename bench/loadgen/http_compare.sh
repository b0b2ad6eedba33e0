#!/usr/bin/env bash
# RankOffers (US -> MX, USD 200, 10 offers, on the sample data) over
# HTTP/JSON against the same call over gRPC, on the same remitrank_server,
# in paired rounds; and two references for the HTTP side, run in the same
# rounds: the same HTTP stack (service/http's HttpServer) answering the
# real answer's bytes as a canned response (http_canned_server), and nginx
# serving those bytes as a static file (one worker process, no master).
#
# Every server runs on core 0, every load generator on core 1, 16
# connections/calls in flight, keep-alive: the existing gRPC loadgen for
# gRPC, wrk (Debian's) for HTTP. Before the rounds each HTTP server's answer
# is checked (200, the same bytes as the real answer, whose first offer is
# the expected one); during them wrk's non-2xx count and the loadgen's
# failed/wrong counts must be 0.
#
# Prints each run (calls/s, p50, p99, calls per server CPU-second from
# /proc/PID/stat utime+stime before and after), each round's ratios, and
# the medians over rounds.
#
#   bench/loadgen/http_compare.sh [rounds] [seconds]
#
# REMIT_SERVER=path runs that remitrank_server binary instead of the one
# built here (e.g. one built from an earlier commit, to compare versions:
# each run's ratios are against its own gRPC and canned figures).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
seconds=${2:-10}
concurrency=16
first=us-mx-swiftsend-promo
path=/v1/corridors/US/MX/offers
query="sendAmount.currencyCode=USD&sendAmount.units=200&pageSize=10"
tools/install_deps.sh
bazel build -c opt --jobs=2 --noshow_progress //service:remitrank_server \
  //bench/loadgen:loadgen //bench/loadgen:http_canned_server >&2
bin=bazel-bin
server_bin=${REMIT_SERVER:-$bin/service/remitrank_server}
data=testdata/sample_corridors.textproto
clock=2026-11-15T00:00:00Z
out=$(mktemp -d)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  done
  rm -rf "$out"
}
trap cleanup EXIT

# wait_for FILE PID: until the server PID has written its port to FILE.
wait_for() {
  until [[ -s $1 ]]; do
    kill -0 "$2" || { echo "http_compare: server $2 exited" >&2; exit 1; }
    sleep 0.05
  done
}

taskset -c 0 "$server_bin" --data=$data --clock_time=$clock \
  --listen=127.0.0.1:0 --port_file="$out/grpc_port" \
  --http_listen=127.0.0.1:0 --http_port_file="$out/http_port" \
  >"$out/server.out" 2>"$out/server.err" &
server=$!
pids+=("$server")
wait_for "$out/grpc_port" "$server"
wait_for "$out/http_port" "$server"
grpc_port=$(<"$out/grpc_port")
http_port=$(<"$out/http_port")
until $bin/bench/loadgen/loadgen --target=127.0.0.1:$grpc_port \
    --max_calls=1 --concurrency=1 >/dev/null 2>&1; do
  sleep 0.05
done

# The real answer, its bytes and headers: the canned server's and nginx's.
url="http://127.0.0.1:$http_port$path?$query"
code=$(curl -sS -D "$out/answer.headers" -o "$out/answer.json" \
  -w '%{http_code}' "$url")
[[ $code == 200 ]] || { echo "http_compare: $url answered $code" >&2; exit 1; }
got=$(grep -o '"quoteId": *"[^"]*"' "$out/answer.json" | head -1 |
  sed 's/.*"\([^"]*\)"$/\1/')
[[ $got == "$first" ]] || {
  echo "http_compare: first offer over HTTP is '$got', expected $first" >&2
  exit 1
}
bytes=$(stat -c %s "$out/answer.json")

taskset -c 0 $bin/bench/loadgen/http_canned_server --listen=127.0.0.1:0 \
  --port_file="$out/canned_port" --path="$path?$query" \
  --body_file="$out/answer.json" --headers_file="$out/answer.headers" \
  >/dev/null 2>"$out/canned.err" &
canned=$!
pids+=("$canned")
wait_for "$out/canned_port" "$canned"
canned_port=$(<"$out/canned_port")

# nginx cannot listen on port 0: ask the kernel for a free port, then give
# it to nginx (it fails loudly if another process took it meanwhile).
nginx_port=$(python3 -c 'import socket; s = socket.socket(); \
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$out/nginx/www"
cp "$out/answer.json" "$out/nginx/www/answer.json"
cat >"$out/nginx/nginx.conf" <<EOF
daemon off;
master_process off;
worker_processes 1;
error_log $out/nginx/error.log warn;
pid $out/nginx/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 100000000;
  keepalive_timeout 60s;
  client_body_temp_path $out/nginx/tmp;
  root $out/nginx/www;
  server {
    listen 127.0.0.1:$nginx_port;
    location = $path {
      default_type application/json;
      try_files /answer.json =404;
    }
  }
}
EOF
taskset -c 0 nginx -e "$out/nginx/error.log" -p "$out/nginx" -c "$out/nginx/nginx.conf" \
  2>"$out/nginx.err" &
nginx=$!
pids+=("$nginx")
until curl -sf -o /dev/null "http://127.0.0.1:$nginx_port$path?$query"; do
  kill -0 "$nginx" || { cat "$out/nginx.err" >&2; exit 1; }
  sleep 0.05
done

# Every HTTP server answers 200 with the real answer's bytes.
for name in http:$http_port canned:$canned_port nginx:$nginx_port; do
  code=$(curl -sS -o "$out/check.json" -w '%{http_code}' \
    "http://127.0.0.1:${name#*:}$path?$query")
  if [[ $code != 200 ]] || ! cmp -s "$out/check.json" "$out/answer.json"; then
    echo "http_compare: ${name%%:*} answered $code, not the real answer" >&2
    exit 1
  fi
done
echo "answer: HTTP 200, $bytes bytes of JSON, first offer $first"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
# to_us VALUE: wrk's "1.23ms" / "850.00us" / "1.01s" in microseconds.
to_us() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) u = n; else if (v ~ /ms$/) u = n * 1000;
    else if (v ~ /s$/) u = n * 1000000; else u = n
    printf "%.0f", u }'
}
# per_cpu CALLS TICKS: calls per server CPU-second.
per_cpu() {
  awk -v c="$1" -v t="$2" -v hz="$hz" \
    'BEGIN {if (t > 0) printf "%.0f", c / (t / hz); else print 0}'
}

# grpc: the loadgen's line plus the server's CPU.
run_grpc() {
  local before after line calls
  before=$(cpu_ticks "$server")
  line=$(taskset -c 1 $bin/bench/loadgen/loadgen \
    --target=127.0.0.1:$grpc_port --duration="${seconds}s" \
    --concurrency=$concurrency --expect_first=$first) || {
    echo "http_compare: gRPC run failed: $line" >&2; exit 1; }
  after=$(cpu_ticks "$server")
  calls=$(echo "$line" | grep -o 'calls=[0-9]*' | cut -d= -f2)
  echo "calls_per_s=$(echo "$line" | grep -o 'calls_per_s=[0-9.]*' |
    cut -d= -f2) p50_us=$(echo "$line" | grep -o 'p50_us=[0-9]*' |
    cut -d= -f2) p99_us=$(echo "$line" | grep -o 'p99_us=[0-9]*' |
    cut -d= -f2) calls_per_cpu_s=$(per_cpu "$calls" $((after - before)))"
}
# run_wrk PORT PID: wrk on one thread, keep-alive, the same concurrency.
run_wrk() {
  local before after text calls secs non2xx
  before=$(cpu_ticks "$2")
  text=$(taskset -c 1 wrk -t1 -c$concurrency -d"${seconds}s" --latency \
    "http://127.0.0.1:$1$path?$query")
  after=$(cpu_ticks "$2")
  calls=$(echo "$text" | awk '/requests in/ {print $1}')
  secs=$(echo "$text" | awk '/requests in/ {sub(/,$/, "", $4); print $4}')
  non2xx=$(echo "$text" | awk '/Non-2xx/ {print $NF}')
  if [[ -n $non2xx && $non2xx != 0 ]] || echo "$text" | grep -q 'Socket errors'; then
    echo "http_compare: port $1: $non2xx non-2xx answers or socket errors:" >&2
    echo "$text" >&2
    exit 1
  fi
  echo "calls_per_s=$(echo "$text" | awk '/Requests\/sec/ {printf "%.0f", $2}') p50_us=$(to_us "$(echo "$text" | awk '$1 == "50%" {print $2}')") p99_us=$(to_us "$(echo "$text" | awk '$1 == "99%" {print $2}')") calls_per_cpu_s=$(per_cpu "$calls" $((after - before)))"
}

# field NAME TEXT / column NAME FILE: NAME's value(s); NAME=... is preceded
# by a space or starts the line (http/grpc is not cpu_http/grpc).
field() { echo "$2" | grep -oE "(^| )$1=[0-9.]*" | cut -d= -f2; }
for round in $(seq "$rounds"); do
  grpc=$(run_grpc)
  echo "round $round grpc:   $grpc"
  http=$(run_wrk "$http_port" "$server")
  echo "round $round http:   $http"
  canned_line=$(run_wrk "$canned_port" "$canned")
  echo "round $round canned: $canned_line"
  nginx_line=$(run_wrk "$nginx_port" "$nginx")
  echo "round $round nginx:  $nginx_line"
  for name in grpc http canned_line nginx_line; do
    echo "${!name}" >>"$out/runs_${name%_line}"
  done
  ratios=$(awk -v g="$(field calls_per_s "$grpc")" \
    -v h="$(field calls_per_s "$http")" \
    -v c="$(field calls_per_s "$canned_line")" \
    -v n="$(field calls_per_s "$nginx_line")" \
    -v gc="$(field calls_per_cpu_s "$grpc")" \
    -v hc="$(field calls_per_cpu_s "$http")" \
    -v cc="$(field calls_per_cpu_s "$canned_line")" \
    -v nc="$(field calls_per_cpu_s "$nginx_line")" \
    'BEGIN {printf "http/grpc=%.3f http/canned=%.3f nginx/http=%.3f " \
      "cpu_http/grpc=%.3f cpu_http/canned=%.3f cpu_nginx/http=%.3f", \
      h / g, h / c, n / h, hc / gc, hc / cc, nc / hc}')
  echo "round $round ratios: $ratios"
  echo "$ratios" >>"$out/runs_ratios"
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
column() { grep -oE "(^| )$1=[0-9.]*" "$out/runs_$2" | cut -d= -f2 | median; }
for name in grpc http canned nginx; do
  echo "median $name: calls_per_s=$(column calls_per_s $name)" \
    "p50_us=$(column p50_us $name) p99_us=$(column p99_us $name)" \
    "calls_per_cpu_s=$(column calls_per_cpu_s $name)"
done
echo -n "median of the rounds' ratios:"
for ratio in http/grpc http/canned nginx/http cpu_http/grpc cpu_http/canned \
    cpu_nginx/http; do
  echo -n " $ratio=$(column "$ratio" ratios)"
done
echo
awk -v g="$(column http/grpc ratios)" -v c="$(column http/canned ratios)" \
  'BEGIN {printf "goals: HTTP/gRPC %.2f (>= 0.8: %s), HTTP/canned %.2f (>= 0.7: %s)\n", \
    g, (g >= 0.8 ? "met" : "NOT met"), c, (c >= 0.7 ? "met" : "NOT met")}'
