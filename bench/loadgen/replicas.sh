#!/usr/bin/env bash
# Replicas behind client-side round_robin (the recommended channel,
# docs/client/service_config.json), on this machine's two cores: the
# replicas share core 0, the load generator has core 1.
#
# 1. Throughput: one replica against three, interleaved, several rounds.
#    Three replicas on one core cannot be faster than one, so the figure
#    is calls per server CPU-second (utime + stime of the replicas in the
#    target, from /proc/PID/stat, over the run): what a replica costs per
#    call when the calls are spread over three. calls/s and p99 are shown
#    as well. 16 calls are kept in flight; "one/5" is one replica with 5
#    in flight, what each of the three gets, to tell the cost of smaller
#    batches per connection from the cost of more processes.
# 2. Rolling restart: three replicas, steady against a run during which
#    each replica in turn gets SIGTERM, exits, and is started again on its
#    port, with a pause before the next (a rollout's readiness wait):
#    once with --drain_delay=0s (NOT_SERVING and stop at once) and, when
#    the server has the flag, once with --drain_delay=1s (NOT_SERVING
#    first, so that clients' health checks move calls away before the
#    replica stops accepting them). Goals: 0 failed calls, p99 at most 2x
#    steady.
#
#   bench/loadgen/replicas.sh [rounds] [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
seconds=${2:-5}
tools/install_deps.sh
bazel build -c opt --jobs=2 --noshow_progress //service:remitrank_server \
  //bench/loadgen:loadgen >&2
bin=bazel-bin
server=$bin/service/remitrank_server
data=testdata/sample_corridors.textproto
clock=2026-11-15T00:00:00Z
expect=--expect_first=us-mx-swiftsend-promo
tick=$(getconf CLK_TCK)
out=$(mktemp -d)

pids=()
ports=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "${pid}" 2>/dev/null || true; done
  rm -rf "${out}"
}
trap cleanup EXIT

# The rolling restarts: "no_drain" always; "drain" if the server has
# --drain_delay (without it, SIGTERM means NOT_SERVING and stop at once).
drain=()  # The replicas' drain flags, set per rolling restart.
rollouts=(no_drain)
help=$("${server}" --helpfull 2>&1 || true)  # Exits 1 after the help.
if grep -q -- "--drain_delay" <<<"${help}"; then rollouts+=(drain); fi
drain_flags() {
  case "$1:${#rollouts[@]}" in
    no_drain:1) drain=() ;;
    no_drain:2) drain=(--drain_delay=0s) ;;
    drain:2) drain=(--drain_delay=1s --shutdown_grace=5s) ;;
  esac
}

# start I [PORT]: replica I on PORT (0: a free one), on core 0; returns
# once it has written its port file (at most 30 s).
start() {
  local i=$1 port=${2:-0}
  rm -f "${out}/port${i}"
  taskset -c 0 "${server}" --data=${data} --clock_time=${clock} \
    --listen=127.0.0.1:${port} --port_file="${out}/port${i}" "${drain[@]}" \
    >>"${out}/server${i}.log" 2>&1 &
  pids[i]=$!
  local deadline=$((SECONDS + 30))
  until [[ -s "${out}/port${i}" ]]; do
    if ! kill -0 "${pids[i]}" 2>/dev/null || ((SECONDS > deadline)); then
      echo "replica ${i} did not start:" >&2
      cat "${out}/server${i}.log" >&2
      exit 1
    fi
    sleep 0.05
  done
  ports[i]=$(<"${out}/port${i}")
}

# CPU ticks (user + system) of the given processes so far.
ticks() {
  local pid total=0 fields
  for pid in "$@"; do
    # After "PID (COMMAND) ", utime and stime (proc(5)'s 14th and 15th
    # fields) are the 12th and 13th.
    fields=$(sed 's/^.*) //' "/proc/${pid}/stat")
    total=$((total + $(awk '{print $12 + $13}' <<<"${fields}")))
  done
  echo "${total}"
}

loadgen() {  # loadgen [--concurrency=N] FLAGS...: 16 in flight by default
  taskset -c 1 $bin/bench/loadgen/loadgen --channel=recommended \
    --concurrency=16 ${expect} "$@"
}

field() { grep -o "$1=[0-9.]*" | cut -d= -f2; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
sum() { awk '{s += $1} END {print s + 0}'; }
med() { field "$1" <"${out}/$2" | median; }  # med FIELD RUN

for i in 0 1 2; do start "${i}"; done
one="ipv4:127.0.0.1:${ports[0]}"
three="ipv4:127.0.0.1:${ports[0]},127.0.0.1:${ports[1]},127.0.0.1:${ports[2]}"
echo "replicas on ports ${ports[*]}; rolling restarts: ${rollouts[*]}"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for target in "${one}" "${three}"; do loadgen --target="${target}" --max_calls=500 >/dev/null; done

# 1. Throughput.
for round in $(seq "${rounds}"); do
  for name in one one5 three; do
    target=${one} measured=("${pids[0]}") concurrency=16
    [[ ${name} == one5 ]] && concurrency=5
    [[ ${name} == three ]] && target=${three} measured=("${pids[@]}")
    before=$(ticks "${measured[@]}")
    line=$(loadgen --target="${target}" --duration="${seconds}s" \
      --concurrency="${concurrency}" || true)
    after=$(ticks "${measured[@]}")
    cpu=$(awk -v t=$((after - before)) -v hz="${tick}" 'BEGIN {printf "%.2f", t / hz}')
    calls=$(field calls <<<"${line}")
    per_cpu=$(awk -v c="${calls}" -v s="${cpu}" 'BEGIN {printf "%.0f", c / s}')
    echo "round ${round} ${name}: ${line} server_cpu_s=${cpu} calls_per_cpu_s=${per_cpu}"
    echo "${line} server_cpu_s=${cpu} calls_per_cpu_s=${per_cpu}" >>"${out}/${name}"
  done
done

echo
echo "| replicas | calls/s | p99 us | server CPU-s | calls per server CPU-s | failed |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for name in one one5 three; do
  echo "| ${name/one5/one\/5} | $(med calls_per_s ${name}) | $(med p99_us ${name}) |" \
    "$(med server_cpu_s ${name}) | $(med calls_per_cpu_s ${name}) |" \
    "$(field failed <"${out}/${name}" | sum) |"
done
# Each round's three against its own one (back to back), median over rounds.
paired() {  # paired FIELD RUN: median over rounds of three / RUN
  paste -d' ' <(field "$1" <"${out}/three") <(field "$1" <"${out}/$2") |
    awk '{printf "%.4f\n", $1 / $2}' | median
}
for base in one one5; do
  echo "three/${base/one5/one\/5}, paired medians:" \
    "calls per server CPU-s x$(paired calls_per_cpu_s ${base})," \
    "calls/s x$(paired calls_per_s ${base}), p99 x$(paired p99_us ${base})"
done

# 2. Rolling restarts against steady.
pause=2
roll_seconds=$((3 * (pause + 3) + 2))

# stop_start I: SIGTERM to replica I, wait for its exit (its status in
# code), start it again on its port with ${drain[@]}.
stop_start() {
  local i=$1
  kill -TERM "${pids[i]}"
  code=0
  wait "${pids[i]}" || code=$?
  start "${i}" "${ports[i]}"
}

# roll NAME: the load on the three during a rolling restart.
roll() {
  local name=$1 codes=() finished load i
  loadgen --target="${three}" --duration="${roll_seconds}s" \
    >"${out}/rolling_line" 2>"${out}/rolling_err" &
  load=$!
  sleep 1
  for i in 0 1 2; do
    stop_start "${i}"
    codes+=("${code}")
    sleep "${pause}"
  done
  finished=yes
  kill -0 "${load}" 2>/dev/null ||
    finished="no (the load ended first: raise roll_seconds)"
  wait "${load}" || true
  line=$(<"${out}/rolling_line")
  echo "round ${round} ${name}: ${line} exit_codes=${codes[*]}" \
    "restarts_within_load=${finished}"
  if [[ -s "${out}/rolling_err" ]]; then sed 's/^/    /' "${out}/rolling_err"; fi
  echo "${line}" >>"${out}/${name}"
}

for round in $(seq "${rounds}"); do
  line=$(loadgen --target="${three}" --duration="${roll_seconds}s" || true)
  echo "round ${round} steady: ${line}"
  echo "${line}" >>"${out}/steady"
  for rollout in "${rollouts[@]}"; do
    # The replicas that will be stopped must have the rollout's flags.
    drain_flags "${rollout}"
    for i in 0 1 2; do stop_start "${i}"; done
    roll "${rollout}"
  done
done
echo
echo "| run | calls/s | p50 us | p99 us | max us | failed (all rounds) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for name in steady "${rollouts[@]}"; do
  echo "| ${name} | $(med calls_per_s ${name}) | $(med p50_us ${name}) |" \
    "$(med p99_us ${name}) | $(med max_us ${name}) |" \
    "$(field failed <"${out}/${name}" | sum) |"
done
for name in "${rollouts[@]}"; do
  paste -d' ' <(field p99_us <"${out}/${name}") <(field p99_us <"${out}/steady") |
    awk '{printf "%.4f\n", $1 / $2}' | median |
    awk -v n="${name}" '{printf "%s/steady p99, paired median: x%.2f (goal: at most 2)\n", n, $1}'
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
