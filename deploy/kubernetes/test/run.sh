#!/usr/bin/env bash
# Offline validation of deploy/kubernetes (validate.mjs: the Kubernetes
# schemas through kubernetes-models, unknown fields through tsc --noEmit,
# the deployment's own rules, the broken fixtures that must fail). Builds
# remitrank_server (its flags are checked against the manifests') and
# installs the pinned npm packages (package-lock.json) when node_modules
# is missing.
#
#   deploy/kubernetes/test/run.sh [JUNIT.xml]
#
# Exits non-zero when any check fails (each is printed PASS/FAIL).
set -euo pipefail
cd "$(dirname "$0")/../../.."

junit="${1:-}"
bazel build --jobs=2 --noshow_progress //service:remitrank_server >&2
for tool in node npm; do
  command -v "${tool}" >/dev/null || {
    echo "deploy/kubernetes/test/run.sh: ${tool} is missing (tools/install_deps.sh)" >&2
    exit 1
  }
done
if [[ ! -d deploy/kubernetes/test/node_modules ]]; then
  (cd deploy/kubernetes/test && npm ci --no-audit --no-fund >&2)
fi
edge=()
[[ ! -f deploy/edge/edge.sh ]] || edge=(--edge=deploy/edge/edge.sh)
exec node deploy/kubernetes/test/validate.mjs --root=deploy/kubernetes \
  --server=bazel-bin/service/remitrank_server "${edge[@]}" ${junit:+--junit="${junit}"}
