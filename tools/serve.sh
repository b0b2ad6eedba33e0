#!/usr/bin/env bash
# The main job of remitrank, on a fresh Debian 12 machine: installs what is
# missing, builds, and serves the bundled sample corridors over gRPC and
# HTTP/JSON.
#
#   tools/serve.sh                        # gRPC on 127.0.0.1:50051,
#                                         # HTTP on 127.0.0.1:8080
#   REMIT_LISTEN=0.0.0.0:8443 REMIT_HTTP_LISTEN=0.0.0.0:8081 tools/serve.sh
#
# Stop it with Ctrl-C (it drains calls in flight, then exits).
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install_deps.sh
listen="${REMIT_LISTEN:-127.0.0.1:50051}"
http_listen="${REMIT_HTTP_LISTEN:-127.0.0.1:8080}"

echo "remitrank: building (the first build takes a few minutes)..." >&2
bazel build --noshow_progress //service:remitrank_server \
  //engine/examples:rank_corridor >&2
# The build server is not needed any more.
bazel shutdown >/dev/null 2>&1 || true

cat >&2 <<MSG
remitrank: serving the sample corridors (testdata/): gRPC on ${listen},
  HTTP/JSON on http://${http_listen}/
  The comparison widget for every corridor, in a browser:
    http://${http_listen}/
  and one corridor as an iframe page:
    http://${http_listen}/embed?from=GB&to=NG&amount=120%20GBP&lang=fr
  Services: remit.v1.RemitRank (RankOffers, ListCorridors,
  GetCorridorSummary); health; server reflection (--reflection, for local
  use; a public server leaves it off), so a gRPC tool such as grpcurl can
  call it, e.g.:
    grpcurl -plaintext -d '{"corridor": {"send_country": "US",
      "receive_country": "MX"}, "send_amount": {"currency_code": "USD",
      "units": 200}}' ${listen} remit.v1.RemitRank/RankOffers
  Over HTTP/JSON (any browser or curl), the same API:
    curl 'http://${http_listen}/v1/corridors'
    curl 'http://${http_listen}/v1/corridors/US/MX/offers?sendAmount.currencyCode=USD&sendAmount.units=200'
    curl -X POST -H 'Content-Type: application/json' \
      -d '{"corridor": {"sendCountry": "US", "receiveCountry": "MX"},
           "sendAmount": {"currencyCode": "USD", "units": 200}}' \
      http://${http_listen}/v1/corridors:rankOffers
  Without a gRPC tool, the same ranking from the engine directly:
    bazel-bin/engine/examples/rank_corridor \\
      testdata/sample_corridors.textproto US MX "200 USD"
  Admin RPCs: restart with --admin_token_file=FILE (see README.md).
MSG
exec bazel-bin/service/remitrank_server \
  --data=testdata/sample_corridors.textproto \
  --data=testdata/rpw_sample.csv \
  --listen="${listen}" \
  --http_listen="${http_listen}" \
  --reflection
