#!/usr/bin/env bash
# Keeping a reference into a QuoteBook that dies at the end of the
# statement is refused at compile time by clang (-Werror=dangling, from the
# ABSL_ATTRIBUTE_LIFETIME_BOUND marks on StatusOr, QuoteBook and
# QuoteBuilder): each probe
# of testdata/dangling.cc must fail with clang's dangling diagnostic, and
# the probe that keeps the book by value must compile. Results that must be
# kept (QuoteBuilder::Build, QuoteBook::Create) cannot be thrown away
# either (-Werror=unused-result).
set -euo pipefail
root="${TEST_SRCDIR}/${TEST_WORKSPACE}"
source="${root}/engine/book/testdata/dangling.cc"
compile() {
  clang++ -std=c++17 -fsyntax-only -Werror=dangling -Werror=unused-result \
    -I"${root}" \
    -DPROBE="$1" "${source}" 2>&1
}

if ! out=$(compile 0); then
  echo "FAIL: the probe that keeps the book by value does not compile:"
  echo "${out}"
  exit 1
fi

status=0
expect() {
  local probe=$1 pattern=$2 out
  if out=$(compile "${probe}"); then
    echo "FAIL: probe ${probe} compiled; it keeps a dangling reference"
    status=1
  elif ! grep -q -- "${pattern}" <<<"${out}"; then
    echo "FAIL: probe ${probe} failed without '${pattern}':"
    echo "${out}"
    status=1
  else
    echo "ok: probe ${probe}: $(grep -m1 -- "${pattern}" <<<"${out}")"
  fi
}
expect 1 "will be destroyed at the end of the full-expression \[-Werror,-Wdangling\]"
expect 2 "will be destroyed at the end of the full-expression \[-Werror,-Wdangling\]"
expect 3 "will be destroyed at the end of the full-expression \[-Werror,-Wdangling\]"
expect 4 "will be destroyed at the end of the full-expression \[-Werror,-Wdangling\]"
expect 5 "ignoring return value of function declared with '[a-z_]*' attribute \[-Werror,-Wunused-result\]"
expect 6 "ignoring return value of function declared with '[a-z_]*' attribute \[-Werror,-Wunused-result\]"
exit ${status}
