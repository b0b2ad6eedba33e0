#!/usr/bin/env bash
# The main job of remitrank, on a fresh Debian 12 machine: installs what is
# missing, builds, and ranks the bundled sample corridors.
#
# The gRPC server is not part of the tree yet. Until it is, this runs the
# engine's embedding example on the sample data (testdata/): a few of its
# corridors, and the RPW-format sample. Pass a corridor to see another:
#   tools/serve.sh KE TZ "20000 KES"
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install_deps.sh
trap 'bazel shutdown >/dev/null 2>&1 || true' EXIT

echo "remitrank: building (the first build takes a few minutes)..." >&2
bazel build --noshow_progress //... >&2
echo "remitrank: no server yet; ranking the sample corridors with the engine." >&2

rank=bazel-bin/engine/examples/rank_corridor
sample=testdata/sample_corridors.textproto
if [[ $# -eq 3 ]]; then
  "$rank" "$sample" "$1" "$2" "$3"
  exit
fi
for corridor in "US MX 200 USD" "GB NG 120 GBP" "KE TZ 20000 KES"; do
  read -r from to amount currency <<<"$corridor"
  echo
  "$rank" "$sample" "$from" "$to" "$amount $currency"
done
echo
"$rank" testdata/rpw_sample.csv GB BD "120 GBP"
