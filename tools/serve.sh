#!/usr/bin/env bash
# The main job of remitrank, on a fresh Debian 12 machine: installs what is
# missing, builds, and runs on the sample corridor.
#
# The gRPC server is not part of the tree yet. Until it is, this runs the
# engine's embedding example, which ranks an illustrative UK -> Bangladesh
# corridor at the amount given (default "120 GBP"):
#   tools/serve.sh "300 GBP"
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install_deps.sh
trap 'bazel shutdown >/dev/null 2>&1 || true' EXIT

echo "remitrank: building (the first build takes a minute or two)..." >&2
bazel build --noshow_progress //... >&2
echo "remitrank: no server yet; ranking the sample corridor with the engine:" >&2
echo >&2
bazel-bin/engine/examples/rank_corridor "${1:-120 GBP}"
