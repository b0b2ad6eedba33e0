#!/usr/bin/env bash
# The adversarial suite, full version: every attack of tests/edge/h2attack.py
# against remitrank_server bare and behind the edge (deploy/edge/edge.sh),
# each with a fresh server (soft file limit 1,024) and nginx, while a probe
# makes 20 correct RankOffers calls a second from 127.0.0.1 (the attacker
# is on 127.0.0.2). Prints the table of docs/security.md: probe correct
# answers and p99, peak RSS of the server and of nginx, health afterwards;
# then what each attack did (JSON).
#
#   bench/edge/compare.sh [seconds]      # default 5 s per attack
#
# On the bare server the attacks that grow its memory fastest (rapid
# reset, huge messages) run 4 s at most, and the server is killed should
# its RSS pass 3 GiB, so the run is safe on a small machine. Nothing is
# left running afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-5}
tools/install_deps.sh
bazel build --jobs=2 --noshow_progress //service:remitrank_server \
  //bench/loadgen:loadgen >&2
/usr/bin/python3 tests/edge/adversarial.py \
  --server="$(pwd)/bazel-bin/service/remitrank_server" \
  --loadgen="$(pwd)/bazel-bin/bench/loadgen/loadgen" \
  --setups=bare,edge --seconds="${seconds}" --bare_seconds=4 --tail=4 \
  --kill_above_mb=3072
