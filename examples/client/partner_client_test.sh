#!/usr/bin/env bash
# The partner clients (C++ and Python) against two remitrank_server
# replicas on free loopback ports, through a target that lists both: each
# prints partner_client.expected; and again after one replica has stopped,
# when every call must go to the other.
set -euo pipefail
root="${TEST_SRCDIR}/${TEST_WORKSPACE}"
cd "${root}"
tmp="${TEST_TMPDIR}"
expected="examples/client/partner_client.expected"
config="docs/client/service_config.json"
export PYTHONPATH="${root}/examples/client/python"

pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "${pid}" 2>/dev/null || true; done
}
trap cleanup EXIT

# Starts a replica; its port in ports[i] once it has written its port file.
ports=()
start() {
  local i=$1
  service/remitrank_server --listen=127.0.0.1:0 \
    --port_file="${tmp}/port${i}" \
    --data=testdata/sample_corridors.textproto \
    --clock_time=2026-11-15T00:00:00Z 2>"${tmp}/server${i}.log" &
  pids[i]=$!
  local waited=0
  until [[ -s "${tmp}/port${i}" ]]; do
    if ! kill -0 "${pids[i]}" 2>/dev/null || ((waited >= 600)); then
      echo "FAIL: replica ${i} did not start:"
      cat "${tmp}/server${i}.log"
      exit 1
    fi
    sleep 0.05
    waited=$((waited + 1))
  done
  ports[i]=$(<"${tmp}/port${i}")
}

check() {
  local what=$1
  shift
  local out
  if ! out=$("$@" 2>&1); then
    echo "FAIL: ${what}: exit status $?:"
    echo "${out}"
    exit 1
  fi
  if ! diff -u "${expected}" - <<<"${out}"; then
    echo "FAIL: ${what} printed the above instead of ${expected}"
    exit 1
  fi
  echo "ok: ${what}"
}

start 0
start 1
target="ipv4:127.0.0.1:${ports[0]},127.0.0.1:${ports[1]}"
for round in "both replicas" "replica 0 stopped"; do
  check "C++, ${round}" examples/client/partner_client "${target}"
  check "Python, ${round}" /usr/bin/python3 examples/client/partner_client.py \
    "${target}" "${config}"
  if [[ "${round}" == "both replicas" ]]; then
    kill -TERM "${pids[0]}"
    wait "${pids[0]}" || true
  fi
done
