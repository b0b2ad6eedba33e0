#!/usr/bin/env bash
# Instructions per HTTP RankOffers request (US -> MX, USD 200, 10 offers, on
# the sample data): remitrank_server under valgrind --tool=callgrind,
# counters zeroed after 100 warm-up requests, then exactly N requests, one
# after another on one keep-alive connection; every thread of the server
# is counted, divided by N. Also prints the inclusive share of the main
# steps (the JSON printing, the handler, the query binding).
#
#   bench/loadgen/http_instructions.sh [requests]
#
# REMIT_SERVER=path measures that remitrank_server binary instead of the
# one built here (e.g. one built from an earlier commit).
set -euo pipefail
cd "$(dirname "$0")/../.."
requests=${1:-1000}
tools/install_deps.sh
bazel build -c opt --jobs=2 --noshow_progress //service:remitrank_server >&2
server_bin=${REMIT_SERVER:-bazel-bin/service/remitrank_server}
out=$(mktemp -d)
server=
trap '[[ -n $server ]] && kill -TERM "$server" 2>/dev/null; rm -rf "$out"' EXIT

taskset -c 0 valgrind --tool=callgrind --callgrind-out-file="$out/cg.%p" \
  "$server_bin" --data=testdata/sample_corridors.textproto \
  --clock_time=2026-11-15T00:00:00Z --listen=127.0.0.1:0 \
  --http_listen=127.0.0.1:0 --http_port_file="$out/port" \
  >/dev/null 2>"$out/valgrind.log" &
server=$!
until [[ -s $out/port ]]; do
  kill -0 "$server" || { cat "$out/valgrind.log" >&2; exit 1; }
  sleep 0.5
done
# send N: N requests on one connection, each answer checked.
send() {
  /usr/bin/python3 - "$(<"$out/port")" "$1" <<'EOF'
import http.client, sys
port, n = int(sys.argv[1]), int(sys.argv[2])
path = ("/v1/corridors/US/MX/offers?sendAmount.currencyCode=USD"
        "&sendAmount.units=200&pageSize=10")
connection = http.client.HTTPConnection("127.0.0.1", port)
for _ in range(n):
    connection.request("GET", path)
    answer = connection.getresponse()
    body = answer.read()
    if answer.status != 200 or b'"quoteId":"us-mx-swiftsend-promo"' not in body:
        sys.exit(f"http_instructions: answer {answer.status}: {body[:200]!r}")
EOF
}
send 100
callgrind_control -z "$server" >/dev/null
send "$requests"
callgrind_control -d "$server" >/dev/null
kill -TERM "$server"
wait "$server" || true
server=
dump=$(ls "$out"/cg.*.* | sort -t. -k3 -n | tail -1)
awk -v n="$requests" '/^summary:/ {printf "instructions per request: %d\n", $2 / n}' \
  "$dump"
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
