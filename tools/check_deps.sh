#!/usr/bin/env bash
# Checks the dependency rules of docs/architecture.md with bazel query:
#   1. engine/ libraries depend on components below their own only (the
#      order below), so none depends upward or in a circle;
#   2. nothing under engine/ reaches gRPC, service/ or cli/;
#   3. the API layer (//service:api) does not reach gRPC;
#   4. the embedders' ranking target (//engine) does not reach protobuf;
#   5. every C++ target under engine/ and proto/ carries -std=c++17 itself
#      (bazel/cc.bzl), as a workspace that embeds remitrank needs.
# Prints each broken rule and exits 1 if any; test-only targets are exempt
# from rule 1 (a test may use anything).
set -euo pipefail
cd "$(dirname "$0")/.."

# Each engine component and its level: a component may depend only on
# components of a lower level. "engine" is engine/BUILD itself: the targets
# for embedders, above every component.
levels='
money 0
time 0
workbook 0
model 1
stats 1
pricing 2
protoconv 2
quotes 3
book 3
ranking 4
curves 5
data 4
importers 5
indicators 5
formats 6
snapshot 7
engine 8
'

query() { bazel query --noshow_progress "$@" 2>/dev/null; }

status=0
edges=$(query --output=graph --nograph:factored \
  'let libs = kind("cc_library rule", //engine/...) - attr(testonly, 1, //engine/...) in $libs')
if ! LEVELS="$levels" python3 - "$edges" <<'PY'; then status=1; fi
import os, re, sys
levels = dict(l.split() for l in os.environ["LEVELS"].split("\n") if l.strip())
def component(label):
    m = re.match(r'"//engine(?:/([a-z_]+))?[:/"]', label)
    return m.group(1) or "engine"
bad = 0
for line in sys.argv[1].splitlines():
    m = re.match(r'\s*("[^"]+") -> ("[^"]+")', line)
    if not m:
        continue
    a, b = component(m.group(1)), component(m.group(2))
    if a not in levels or b not in levels:
        print(f"check_deps: engine/{a if a not in levels else b} has no level in tools/check_deps.sh")
        bad = 1
    elif a != b and int(levels[b]) >= int(levels[a]):
        print(f"check_deps: {m.group(1)} depends on {m.group(2)}: engine/{b} is not below engine/{a}")
        bad = 1
sys.exit(bad)
PY

forbidden=$(query 'deps(//engine/...) intersect (//service/... + //cli/... + //third_party:grpc + //third_party:grpc_reflection)')
if [[ -n "$forbidden" ]]; then
  echo "check_deps: engine/ reaches what it must not:"
  echo "$forbidden"
  status=1
fi

grpc=$(query 'somepath(//service:api, //third_party:grpc)')
if [[ -n "$grpc" ]]; then
  echo "check_deps: //service:api reaches gRPC:"
  echo "$grpc"
  status=1
fi

protobuf=$(query 'somepath(//engine, //third_party:protobuf)')
if [[ -n "$protobuf" ]]; then
  echo "check_deps: //engine (ranking, for embedders) reaches protobuf:"
  echo "$protobuf"
  status=1
fi

no_cxx17=$(query 'kind("cc_(library|binary|test) rule", //engine/... + //proto/...) except attr(copts, "-std=c\+\+17", //engine/... + //proto/...)')
if [[ -n "$no_cxx17" ]]; then
  echo "check_deps: these targets do not carry -std=c++17 (load cc_library, cc_binary, cc_test from //bazel:cc.bzl):"
  echo "$no_cxx17"
  status=1
fi

if [[ $status -eq 0 ]]; then
  echo "check_deps: engine components depend downwards only; engine/ and //service:api are free of gRPC; //engine is free of protobuf; engine/ and proto/ carry C++17"
fi
exit $status
