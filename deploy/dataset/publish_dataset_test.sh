#!/usr/bin/env bash
# Tests publish-dataset.sh on a temporary library and data directory: the
# layout it makes, each switch of version (one link renamed over the old
# one), what it keeps and removes, refusals that leave the directory as it
# was, and --follow picking up a new CURRENT. Prints PASS/FAIL per case.
set -uo pipefail

script="${TEST_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
script="${script}${TEST_WORKSPACE:+/${TEST_WORKSPACE}}/deploy/dataset/publish-dataset.sh"
[[ -f "${script}" ]] || script="$(cd "$(dirname "$0")" && pwd)/publish-dataset.sh"
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/publish.XXXXXX")
follower=""
trap '[[ -z "${follower}" ]] || kill "${follower}" 2>/dev/null; rm -rf "${tmp}"' EXIT

failures=0
pass() { echo "PASS $1"; }
fail() {
  echo "FAIL $1: $2"
  failures=$((failures + 1))
}
# expect NAME COMMAND...: the case passes when COMMAND succeeds.
expect() {
  local name=$1
  shift
  if "$@"; then pass "${name}"; else fail "${name}" "$(ls -la "${data}" 2>&1 | tr '\n' ' ')"; fi
}
# state: the data directory's names, link targets and contents, to compare.
state() {
  (cd "${data}" && for f in $(ls -A | sort); do
    if [[ -L "${f}" ]]; then echo "${f} -> $(readlink "${f}")"; else echo "${f}"; fi
  done && cat ./*.textproto 2>/dev/null)
}

library="${tmp}/library"
data="${tmp}/data"
mkdir -p "${library}/2026-3Q-r1" "${library}/2026-3Q-r2" "${library}/2026-4Q-r1" "${data}"
echo "corridors r1" >"${library}/2026-3Q-r1/corridors.textproto"
echo "corridors r2" >"${library}/2026-3Q-r2/corridors.textproto"
echo "rates r2" >"${library}/2026-3Q-r2/rates.textproto"
echo "corridors 4Q" >"${library}/2026-4Q-r1/corridors.textproto"

echo "2026-3Q-r1" >"${library}/CURRENT"
out=$("${script}" "${library}" "${data}" 2>&1)
expect "the first version is published" test "$(readlink "${data}/..data")" = "..2026-3Q-r1"
expect "each file is a link through ..data" \
  test "$(readlink "${data}/corridors.textproto")" = "..data/corridors.textproto"
expect "the content is the version's" test "$(cat "${data}/corridors.textproto")" = "corridors r1"
expect "it says what it published" grep -q "holds 2026-3Q-r1 (was nothing)" <<<"${out}"

inode=$(stat -c %i "${data}/..2026-3Q-r1/corridors.textproto")
echo "2026-3Q-r2" >"${library}/CURRENT"
"${script}" "${library}" "${data}" >/dev/null
expect "a new version replaces ..data" test "$(readlink "${data}/..data")" = "..2026-3Q-r2"
expect "the new version's content is read through the same name" \
  test "$(cat "${data}/corridors.textproto")" = "corridors r2"
expect "a file the new version adds gets its link" test "$(cat "${data}/rates.textproto")" = "rates r2"
expect "the previous version stays, untouched, for readers still on it" \
  test "$(stat -c %i "${data}/..2026-3Q-r1/corridors.textproto")" = "${inode}"

before=$(state)
"${script}" "${library}" "${data}" >/dev/null
expect "publishing the current version again changes nothing" test "$(state)" = "${before}"

echo "2026-4Q-r1" >"${library}/CURRENT"
"${script}" "${library}" "${data}" >/dev/null
expect "versions before the previous one are removed" test ! -e "${data}/..2026-3Q-r1"
expect "the previous version is kept" test -d "${data}/..2026-3Q-r2"
expect "a file the version no longer has loses its link" test ! -L "${data}/rates.textproto"
expect "no staging name is left behind" \
  test -z "$(find "${data}" -maxdepth 1 \( -name '*.partial' -o -name '*.new' \))"

before=$(state)
for bad in "../library" ".hidden" "" "2026 3Q"; do
  echo "${bad}" >"${library}/CURRENT"
  if err=$("${script}" "${library}" "${data}" 2>&1); then
    fail "CURRENT '${bad}' is refused" "exit 0"
  elif [[ "$(state)" != "${before}" ]]; then
    fail "CURRENT '${bad}' is refused" "the data directory changed"
  elif ! grep -q "is not a version name" <<<"${err}"; then
    fail "CURRENT '${bad}' is refused" "message: ${err}"
  else
    pass "CURRENT '${bad}' is refused, nothing changed"
  fi
done
echo "2027-1Q-r1" >"${library}/CURRENT"
if err=$("${script}" "${library}" "${data}" 2>&1) || [[ "$(state)" != "${before}" ]] ||
  ! grep -q "2027-1Q-r1/ is not a directory" <<<"${err}"; then
  fail "a version that is not in the library is refused" "${err}"
else
  pass "a version that is not in the library is refused, nothing changed"
fi
rm "${library}/CURRENT"
if err=$("${script}" "${library}" "${data}" 2>&1) || [[ "$(state)" != "${before}" ]]; then
  fail "a library without CURRENT is refused" "${err}"
else
  pass "a library without CURRENT is refused, nothing changed"
fi
if "${script}" --follow=soon "${library}" "${data}" 2>/dev/null; then
  fail "--follow needs whole seconds" "exit 0"
else
  pass "--follow needs whole seconds"
fi

# --follow: keeps serving through a bad CURRENT, then takes a good one.
echo "nonexistent" >"${library}/CURRENT"
"${script}" --follow=1 "${library}" "${data}" >"${tmp}/follow.log" 2>&1 &
follower=$!
echo "2026-3Q-r1" >"${library}/CURRENT"
deadline=$((SECONDS + 30))
while ((SECONDS < deadline)) && [[ "$(readlink "${data}/..data")" != "..2026-3Q-r1" ]]; do
  sleep 0.1
done
expect "--follow publishes the version CURRENT names next" \
  test "$(readlink "${data}/..data")" = "..2026-3Q-r1"
expect "--follow is still running" kill -0 "${follower}"

echo "publish_dataset_test: ${failures} case(s) failed"
exit $((failures > 0))
