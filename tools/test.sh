#!/usr/bin/env bash
# Runs every test of remitrank, after installing whatever is missing:
#   1. bazel test //...                  (default configuration)
#   2. bazel test --config=asan //...    (AddressSanitizer + UBSan)
#   3. bazel test --config=tsan //engine/...  (ThreadSanitizer; Debian's
#      gRPC is not instrumented, so only the engine runs under it, and of
#      the engine the tests tagged threads: the others run no threads)
# (under 2 and 3, .bazelrc builds only what the tests need and leaves the
# tests tagged no_sanitizers to the default configuration)
# after checking the dependency rules of docs/architecture.md
# (tools/check_deps.sh) and building and running the embedding examples
# (tools/test_embedding.sh: an outside Bazel workspace, CMake through
# add_subdirectory and find_package, g++ through pkg-config), and then
# the web widget's browser tests (web/test/run.sh: headless Chromium against
# real servers; its checks count in the summary as the "browser" line),
# the adversarial suite against the edge (tests/edge/run.sh: HTTP/2
# attacks on remitrank_server behind deploy/edge's nginx; the "edge" line),
# the Kubernetes manifests (deploy/kubernetes/test/run.sh, offline: the
# "manifests" line) and the container images (deploy/image.sh --check: the
# "images" line; skipped, saying why, where containers cannot run).
# Prints a summary per configuration and the closing line
# "N passed, N failed" (test cases), and exits non-zero on any failure.
# Extra arguments go to every `bazel test` (e.g. --test_filter=...).
set -uo pipefail
cd "$(dirname "$0")/.."

tools/install_deps.sh || exit 1
trap 'bazel shutdown >/dev/null 2>&1 || true' EXIT

flags=()
if [[ "${CI:-}" == "true" ]]; then flags+=(--config=ci); fi
# The real RPW rows beside the checkout (../shared), when there:
# engine/importers/rpw:rpw_reference_test loads them, and skips without.
reference_rows="$(cd .. && pwd)/shared/ref-data/rpw"
if [[ -d "${reference_rows}" ]]; then
  flags+=(--test_env=REMIT_RPW_REFERENCE_DIR="${reference_rows}")
else
  echo "test: ${reference_rows} is absent; the real-RPW-rows test will skip"
fi

results=$(mktemp -d)
summary_args=()
status=0

# run_suite LABEL TARGETS [bazel flags...]
run_suite() {
  local label=$1 targets=$2
  shift 2
  echo "=== ${label}: bazel test $* ${targets}"
  bazel test "${flags[@]}" --build_event_json_file="${results}/${label}.json" \
    --keep_going "$@" -- "${targets}" || status=1
  summary_args+=("${label}=${results}/${label}.json")
}

echo "=== dependency rules (tools/check_deps.sh)"
tools/check_deps.sh || status=1

echo "=== embedding examples (tools/test_embedding.sh)"
embedding=0
tools/test_embedding.sh || embedding=1

run_suite default //... "$@"
run_suite asan //... --config=asan "$@"
run_suite tsan //engine/... --config=tsan "$@"

echo "=== browser tests of the web widget (web/test/run.sh)"
web/test/run.sh "${results}/browser.xml" || status=1
summary_args+=("browser=${results}/browser.xml")

echo "=== adversarial suite against the edge (tests/edge/run.sh)"
tests/edge/run.sh "${results}/edge.xml" || status=1
summary_args+=("edge=${results}/edge.xml")

echo "=== Kubernetes manifests, offline (deploy/kubernetes/test/run.sh)"
deploy/kubernetes/test/run.sh "${results}/manifests.xml" || status=1
summary_args+=("manifests=${results}/manifests.xml")

echo "=== container images (deploy/image.sh --check)"
deploy/image.sh --check --junit="${results}/images.xml"
case $? in
  0) summary_args+=("images=${results}/images.xml") ;;
  77) ;;  # this machine cannot run containers; image.sh said why
  *) status=1 && summary_args+=("images=${results}/images.xml") ;;
esac

echo "=== summary"
python3 tools/test_summary.py "${summary_args[@]}" || status=1
if [[ ${embedding} -ne 0 ]]; then
  echo "test: the embedding examples FAILED (tools/test_embedding.sh, above)"
  status=1
fi
rm -rf "${results}"
exit "${status}"
