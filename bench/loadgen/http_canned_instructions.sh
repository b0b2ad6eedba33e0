#!/usr/bin/env bash
# Instructions per canned HTTP answer: http_canned_server (service/http's
# HttpServer answering the real RankOffers answer's bytes and headers, as
# in http_compare.sh) under valgrind --tool=callgrind, measured exactly as
# http_instructions.sh measures remitrank_server: counters zeroed after 100
# warm-up requests, then N requests one after another on one keep-alive
# connection, every thread counted, divided by N. The difference between
# the two scripts' figures is what the real request adds to the HTTP
# exchange (query binding, handler, ETag, JSON). User-space instructions
# only: the kernel's share of an exchange (the socket reads and writes)
# is not counted here; http_compare.sh's calls per server CPU-second
# include it.
#
#   bench/loadgen/http_canned_instructions.sh [requests]
set -euo pipefail
cd "$(dirname "$0")/../.."
requests=${1:-1000}
path=/v1/corridors/US/MX/offers
query="sendAmount.currencyCode=USD&sendAmount.units=200&pageSize=10"
tools/install_deps.sh
bazel build -c opt --jobs=2 --noshow_progress //service:remitrank_server \
  //bench/loadgen:http_canned_server >&2
bin=bazel-bin
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
    kill -0 "$2" || { cat "$out"/*.log >&2 2>/dev/null; exit 1; }
    sleep 0.2
  done
}

# The real answer, its bytes and headers, from remitrank_server.
$bin/service/remitrank_server --data=testdata/sample_corridors.textproto \
  --clock_time=2026-11-15T00:00:00Z --listen=127.0.0.1:0 \
  --http_listen=127.0.0.1:0 --http_port_file="$out/real_port" \
  >/dev/null 2>"$out/real.log" &
pids+=($!)
wait_for "$out/real_port" "${pids[-1]}"
curl -sS -D "$out/answer.headers" -o "$out/answer.json" \
  "http://127.0.0.1:$(<"$out/real_port")$path?$query"
kill -TERM "${pids[-1]}" && wait "${pids[-1]}" 2>/dev/null || true
grep -q '"quoteId":"us-mx-swiftsend-promo"' "$out/answer.json" ||
  { echo "http_canned_instructions: unexpected answer" >&2; exit 1; }

taskset -c 0 valgrind --tool=callgrind --callgrind-out-file="$out/cg.%p" \
  $bin/bench/loadgen/http_canned_server --path="$path?$query" \
  --body_file="$out/answer.json" --headers_file="$out/answer.headers" \
  --listen=127.0.0.1:0 --port_file="$out/port" \
  >/dev/null 2>"$out/valgrind.log" &
server=$!
pids+=("$server")
wait_for "$out/port" "$server"
# send N: N requests on one connection, each answer checked against the
# real one.
send() {
  /usr/bin/python3 - "$(<"$out/port")" "$1" "$out/answer.json" <<'EOF'
import http.client, sys
port, n, answer = int(sys.argv[1]), int(sys.argv[2]), open(sys.argv[3], "rb").read()
path = ("/v1/corridors/US/MX/offers?sendAmount.currencyCode=USD"
        "&sendAmount.units=200&pageSize=10")
connection = http.client.HTTPConnection("127.0.0.1", port)
for _ in range(n):
    connection.request("GET", path)
    reply = connection.getresponse()
    body = reply.read()
    if reply.status != 200 or body != answer:
        sys.exit(f"http_canned_instructions: answer {reply.status}: {body[:200]!r}")
EOF
}
send 100
callgrind_control -z "$server" >/dev/null
send "$requests"
callgrind_control -d "$server" >/dev/null
dump=$(ls "$out"/cg.*.* | sort -t. -k3 -n | tail -1)
awk -v n="$requests" \
  '/^summary:/ {printf "instructions per canned answer: %d\n", $2 / n}' "$dump"
