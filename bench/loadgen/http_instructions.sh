#!/usr/bin/env bash
# Instructions per HTTP RankOffers request (US -> MX, USD 200, 10 offers, on
# the sample data): remitrank_server under valgrind --tool=callgrind,
# counters zeroed after 100 warm-up requests, then exactly N requests, one
# after another on one keep-alive connection; every thread of the server
# is counted, divided by N. Also prints the inclusive share of the main
# steps (the JSON printing, the handler, the query binding).
#
# With --canned, measures http_canned_server the same way (service/http's
# HttpServer answering the real answer's bytes and headers, as in
# http_compare.sh), each of its answers checked byte for byte against the
# real one. The difference between the two figures is what the real
# request adds to the HTTP exchange (query binding, handler, ETag, JSON).
# User-space instructions only: the kernel's share of an exchange (the
# socket reads and writes) is not counted; http_compare.sh's calls per
# server CPU-second include it.
#
#   bench/loadgen/http_instructions.sh [requests] [--canned]
#
# REMIT_SERVER=path measures that remitrank_server binary instead of the
# one built here (e.g. one built from an earlier commit).
set -euo pipefail
cd "$(dirname "$0")/../.."
requests=${1:-1000}
canned=${2:-}
path=/v1/corridors/US/MX/offers
query="sendAmount.currencyCode=USD&sendAmount.units=200&pageSize=10"
tools/install_deps.sh
bazel build -c opt --jobs=2 --noshow_progress //service:remitrank_server \
  //bench/loadgen:http_canned_server >&2
server_bin=${REMIT_SERVER:-bazel-bin/service/remitrank_server}
out=$(mktemp -d)
server=
stop_server() {
  if [[ -n $server ]]; then
    kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  fi
  server=
}
trap 'stop_server; rm -rf "$out"' EXIT

# start PREFIX... : runs the command line (with "$out/port" as its port
# file) in the background and waits until it has written its port.
start() {
  "$@" >/dev/null 2>"$out/server.log" &
  server=$!
  until [[ -s $out/port ]]; do
    kill -0 "$server" || { cat "$out/server.log" >&2; exit 1; }
    sleep 0.2
  done
}

# send N [ANSWER_FILE]: N requests on one connection, each answer checked
# (equal to ANSWER_FILE when given).
send() {
  /usr/bin/python3 - "$(<"$out/port")" "$1" "$path?$query" "${2:-}" <<'EOF'
import http.client, sys
port, n, path, answer_file = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
answer = open(answer_file, "rb").read() if answer_file else None
connection = http.client.HTTPConnection("127.0.0.1", port)
for _ in range(n):
    connection.request("GET", path)
    reply = connection.getresponse()
    body = reply.read()
    ok = body == answer if answer is not None else (
        b'"quoteId":"us-mx-swiftsend-promo"' in body)
    if reply.status != 200 or not ok:
        sys.exit(f"http_instructions: answer {reply.status}: {body[:200]!r}")
EOF
}

server_flags=(--data=testdata/sample_corridors.textproto
  --clock_time=2026-11-15T00:00:00Z --listen=127.0.0.1:0
  --http_listen=127.0.0.1:0 --http_port_file="$out/port")
answer=
if [[ $canned == --canned ]]; then
  # The real answer, its bytes and headers, from remitrank_server.
  start "$server_bin" "${server_flags[@]}"
  curl -sS -D "$out/answer.headers" -o "$out/answer.json" \
    "http://127.0.0.1:$(<"$out/port")$path?$query"
  stop_server
  rm "$out/port"
  grep -q '"quoteId":"us-mx-swiftsend-promo"' "$out/answer.json" ||
    { echo "http_instructions: unexpected answer" >&2; exit 1; }
  answer="$out/answer.json"
  start taskset -c 0 valgrind --tool=callgrind \
    --callgrind-out-file="$out/cg.%p" \
    bazel-bin/bench/loadgen/http_canned_server --path="$path?$query" \
    --body_file="$answer" --headers_file="$out/answer.headers" \
    --listen=127.0.0.1:0 --port_file="$out/port"
  label="canned answer"
else
  start taskset -c 0 valgrind --tool=callgrind \
    --callgrind-out-file="$out/cg.%p" "$server_bin" "${server_flags[@]}"
  label=request
fi
send 100 "$answer"
callgrind_control -z "$server" >/dev/null
send "$requests" "$answer"
callgrind_control -d "$server" >/dev/null
stop_server
dump=$(ls "$out"/cg.*.* | sort -t. -k3 -n | tail -1)
awk -v n="$requests" -v label="$label" \
  '/^summary:/ {printf "instructions per %s: %d\n", label, $2 / n}' "$dump"
[[ -z $answer ]] || exit 0
# step NAME PATTERN: the inclusive instructions of the first function whose
# name matches, per request.
step() {
  callgrind_annotate --inclusive=yes --threshold=100 "$dump" 2>/dev/null |
    grep -m1 -E "$2" | awk -v n="$requests" -v name="$1" \
      '{v = $1; gsub(",", "", v); printf "  %-28s %d\n", name, v / n}' ||
    true
}
step "JSON (ToJson)" 'remit::service::http::ToJson'
step "  of which serializing" 'MessageLite::SerializeToString'
step "RankOffers handler" 'RemitRankHandler::RankOffers\('
step "query binding (BindQuery)" 'remit::service::http::BindQuery'
