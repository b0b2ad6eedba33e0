#!/usr/bin/env bash
# Browser tests of the <remit-compare> widget: builds remitrank_server,
# installs the pinned npm packages (web/package-lock.json) when
# web/node_modules is missing, and runs web/test/widget_test.mjs in headless
# Chromium (/usr/bin/chromium) against servers on port 0.
#
#   web/test/run.sh [JUNIT.xml]    # default: no XML; screenshots in /tmp
#
# Exits non-zero when any check fails (each is printed PASS/FAIL).
set -euo pipefail
cd "$(dirname "$0")/../.."

junit="${1:-}"
bazel build --jobs=2 --noshow_progress //service:remitrank_server >&2
for tool in node npm /usr/bin/chromium; do
  command -v "${tool}" >/dev/null || {
    echo "web/test/run.sh: ${tool} is missing (tools/install_deps.sh)" >&2
    exit 1
  }
done
if [[ ! -d web/node_modules ]]; then
  (cd web && npm ci --no-audit --no-fund >&2)
fi
shots="${REMIT_WEB_SCREENSHOTS:-/tmp/remitrank-web}"
mkdir -p "${shots}"
exec node web/test/widget_test.mjs --root="$(pwd)" \
  --server="$(pwd)/bazel-bin/service/remitrank_server" \
  --screenshots="${shots}" ${junit:+--junit="${junit}"}
