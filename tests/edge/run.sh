#!/usr/bin/env bash
# The adversarial suite, short version: every attack of tests/edge/h2attack.py
# against remitrank_server behind the edge (deploy/edge/edge.sh, Debian's
# nginx), 4 s each, while a probe makes 20 correct RankOffers calls a second.
# Each attack is a test case: the probe keeps >= 99 % correct answers, the
# server's RSS stays under 256 MB and nginx's (all its processes) under
# 128 MB, and the health service answers SERVING afterwards. One more case
# checks the edge's routes and TLS (RemitAdmin refused, reflection unknown,
# Health/Watch a gRPC UNIMPLEMENTED, the health listener passing only health, HTTP/1.1
# to the JSON gateway, TLS 1.2+ with forward-secret suites only). About a
# minute.
#
#   tests/edge/run.sh [JUNIT.xml]
#
# Loopback only: the attacker connects from 127.0.0.2, the probe from
# 127.0.0.1, so nginx's per-client limits apply to the attacker alone.
# The full version, also against the bare server: bench/edge/compare.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."

junit="${1:-}"
bazel build --jobs=2 --noshow_progress //service:remitrank_server \
  //bench/loadgen:loadgen >&2
for tool in /usr/sbin/nginx /usr/bin/python3; do
  [[ -x "${tool}" ]] || {
    echo "tests/edge/run.sh: ${tool} is missing (tools/install_deps.sh)" >&2
    exit 1
  }
done
exec /usr/bin/python3 tests/edge/adversarial.py \
  --server="$(pwd)/bazel-bin/service/remitrank_server" \
  --loadgen="$(pwd)/bazel-bin/bench/loadgen/loadgen" \
  --setups=edge --seconds=4 --check \
  --max_server_rss_mb=256 --max_nginx_rss_mb=128 ${junit:+--junit="${junit}"}
