#!/usr/bin/env bash
# Builds and runs the embedding examples (examples/README.md) the way other
# projects use remitrank, and checks what they print:
#   1. examples/embed_bazel: a Bazel workspace of its own over
#      local_repository + remitrank_dependencies(), no flags of remitrank's;
#      rank_quotes, and @remitrank//engine/examples:rank_corridor finding
#      its data through runfiles;
#   2. examples/embed_cmake: add_subdirectory(../..);
#   3. the same remitrank installed into a temporary prefix:
#      examples/embed_cmake/installed through find_package(remitrank), and
#      a plain g++ build through pkg-config (remitrank-engine.pc);
#   4. remitrank's own CMakeLists.txt configures as a top-level project.
# Prints each step and its time; exits 1, naming the step, on the first
# failure (a build error or output that differs from
# examples/rank_quotes.expected).
#
# Time: the outside workspace has its own Bazel output base; the disk cache
# set in ~/.bazelrc applies to every workspace of the user, so a second run
# mostly hits it. CMake builds with -j2 in .build-embedding/ of the
# checkout (ignored by git and Bazel), through ccache when it is installed,
# so a run after the first compiles little, in any clone; the install
# prefix is a new temporary folder every time.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

tmp=$(mktemp -d)
outside="${root}/examples/embed_bazel"
cleanup() {
  (cd "${outside}" && bazel shutdown >/dev/null 2>&1) || true
  rm -rf "${tmp}"
}
trap cleanup EXIT

expected="${root}/examples/rank_quotes.expected"
step_start=0
step() {
  echo "=== embedding: $*"
  step_start=${SECONDS}
}
done_step() { echo "    ok ($((SECONDS - step_start)) s)"; }
fail() {
  echo "test_embedding: FAILED: $*" >&2
  exit 1
}
# check_output NAME FILE: FILE must equal the expected output.
check_output() {
  if ! diff -u "${expected}" "$2" >"${tmp}/diff"; then
    cat "${tmp}/diff" >&2
    fail "$1 printed something else than examples/rank_quotes.expected"
  fi
}

# --- 1. Bazel, from an outside workspace ----------------------------------
# No remitrank flags: the outside workspace reads none of remitrank's
# .bazelrc. These only keep the run quiet, make any download fail at once
# (the macro must have declared everything), and create no bazel-* links.
bazel_flags=(--jobs=2 --noshow_progress --nosandbox_debug --symlink_prefix=/
  --experimental_repository_disable_download --ui_event_filters=-info)
step "bazel: examples/embed_bazel //:rank_quotes"
(cd "${outside}" && bazel build "${bazel_flags[@]}" //:rank_quotes \
  @remitrank//engine/examples:rank_corridor) >"${tmp}/bazel.log" 2>&1 ||
  { cat "${tmp}/bazel.log" >&2; fail "examples/embed_bazel does not build"; }
(cd "${outside}" && bazel run "${bazel_flags[@]}" //:rank_quotes) \
  >"${tmp}/bazel.out" 2>"${tmp}/bazel.err" ||
  { cat "${tmp}/bazel.err" >&2; fail "examples/embed_bazel //:rank_quotes failed"; }
check_output "examples/embed_bazel //:rank_quotes" "${tmp}/bazel.out"
done_step

step "bazel: @remitrank//engine/examples:rank_corridor through runfiles"
(cd "${outside}" && bazel run "${bazel_flags[@]}" \
  @remitrank//engine/examples:rank_corridor -- \
  testdata/sample_corridors.textproto US MX "200 USD") \
  >"${tmp}/corridor.out" 2>"${tmp}/corridor.err" ||
  { cat "${tmp}/corridor.err" >&2; fail "@remitrank//engine/examples:rank_corridor failed"; }
grep -q '^USA/USD->MEX/MXN, sending 200.00 USD$' "${tmp}/corridor.out" &&
  grep -q '^1  ' "${tmp}/corridor.out" ||
  { cat "${tmp}/corridor.out" >&2; fail "rank_corridor ranked no offer from the bundled data"; }
done_step

# --- 2. CMake, add_subdirectory -------------------------------------------
build="${root}/.build-embedding"
mkdir -p "${build}"
cmake_flags=()
if command -v ccache >/dev/null; then
  cmake_flags+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  # Paths under the checkout count relative to it: another clone of the
  # same sources hits the same cache entries.
  export CCACHE_BASEDIR="${root}"
fi
step "cmake: examples/embed_cmake (add_subdirectory)"
{ cmake -S examples/embed_cmake -B "${build}/sub" "${cmake_flags[@]}" &&
  cmake --build "${build}/sub" -j2; } >"${tmp}/cmake.log" 2>&1 ||
  { cat "${tmp}/cmake.log" >&2; fail "examples/embed_cmake does not build"; }
"${build}/sub/rank_quotes" >"${tmp}/cmake.out" ||
  fail "examples/embed_cmake rank_quotes failed"
check_output "examples/embed_cmake rank_quotes" "${tmp}/cmake.out"
"${build}/sub/load_dataset" testdata/sample_corridors.textproto \
  testdata/rpw_sample.csv >"${tmp}/load.out" ||
  fail "examples/embed_cmake load_dataset failed"
grep -qE '^[1-9][0-9]* corridors, [1-9][0-9]* quotes, [1-9][0-9]* providers; version [0-9a-f]{12}$' \
  "${tmp}/load.out" ||
  { cat "${tmp}/load.out" >&2; fail "examples/embed_cmake load_dataset printed something else"; }
done_step

# --- 3. installed: find_package and pkg-config ----------------------------
# The add_subdirectory build carries remitrank's install rules, so it
# installs what a build of remitrank alone installs, without compiling the
# engine twice.
step "cmake: install, examples/embed_cmake/installed (find_package)"
prefix="${tmp}/prefix"
cmake --install "${build}/sub" --prefix "${prefix}" >"${tmp}/install.log" 2>&1 ||
  { cat "${tmp}/install.log" >&2; fail "cmake --install failed"; }
{ cmake -S examples/embed_cmake/installed -B "${tmp}/installed" \
    -DCMAKE_PREFIX_PATH="${prefix}" "${cmake_flags[@]}" &&
  cmake --build "${tmp}/installed" -j2; } >"${tmp}/installed.log" 2>&1 ||
  { cat "${tmp}/installed.log" >&2; fail "examples/embed_cmake/installed does not build"; }
"${tmp}/installed/rank_quotes" >"${tmp}/installed.out" ||
  fail "examples/embed_cmake/installed rank_quotes failed"
check_output "examples/embed_cmake/installed rank_quotes" "${tmp}/installed.out"
"${tmp}/installed/load_dataset" testdata/sample_corridors.textproto \
  >/dev/null || fail "examples/embed_cmake/installed load_dataset failed"
done_step

step "g++ with pkg-config remitrank-engine"
pc_dir=$(dirname "$(find "${prefix}" -name remitrank-engine.pc | head -1)")
flags=$(PKG_CONFIG_PATH="${pc_dir}" pkg-config --cflags --libs remitrank-engine) ||
  fail "pkg-config cannot read the installed remitrank-engine.pc"
PKG_CONFIG_PATH="${pc_dir}" pkg-config --exists remitrank ||
  fail "pkg-config cannot read the installed remitrank.pc"
# shellcheck disable=SC2086  # word splitting of pkg-config's flags
g++ -std=c++17 examples/rank_quotes.cc ${flags} \
  -o "${tmp}/gxx_rank_quotes" 2>"${tmp}/gxx.log" ||
  { cat "${tmp}/gxx.log" >&2; fail "g++ with pkg-config flags does not build"; }
"${tmp}/gxx_rank_quotes" >"${tmp}/gxx.out" || fail "g++ rank_quotes failed"
check_output "g++ rank_quotes" "${tmp}/gxx.out"
done_step

# --- 4. remitrank's CMakeLists.txt on its own -----------------------------
step "cmake: remitrank as a top-level project (configure)"
cmake -S . -B "${tmp}/top" >"${tmp}/top.log" 2>&1 ||
  { cat "${tmp}/top.log" >&2; fail "CMakeLists.txt does not configure on its own"; }
done_step

echo "test_embedding: every example built and printed what it should (${SECONDS} s)"
