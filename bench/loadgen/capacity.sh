#!/usr/bin/env bash
# What one replica serves per CPU-second, for capacity planning
# (docs/deploy.md): RankOffers US -> MX, USD 200 on the sample corridors,
# 16 calls in flight, from the loadgen on core 1 against
#   direct  remitrank_server alone on core 0
#   nginx   the same server behind nginx (one worker, grpc_pass with
#           upstream keep-alive, h2c), both on core 0: the pod's two
#           containers without the edge's per-client limits, which would
#           throttle a single load generator
# Each process's CPU from /proc/PID/stat (utime + stime) before and after
# each run; prints every run, then the medians of calls per server,
# nginx and pod (both) CPU-second.
#
#   bench/loadgen/capacity.sh [rounds] [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
seconds=${2:-10}
tools/install_deps.sh
bazel build -c opt --jobs=2 --noshow_progress //service:remitrank_server \
  //bench/loadgen:loadgen >&2
bin=bazel-bin
out=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null; rm -rf "${out}"' EXIT

taskset -c 0 "${bin}/service/remitrank_server" \
  --data=testdata/sample_corridors.textproto --clock_time=2026-11-15T00:00:00Z \
  --listen=127.0.0.1:0 --port_file="${out}/port" >/dev/null 2>&1 &
server=$!
pids+=("${server}")
free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
nginx_port=$(free_port)
for _ in $(seq 100); do [[ -s "${out}/port" ]] && break; sleep 0.1; done
port=$(cat "${out}/port")
cat >"${out}/nginx.conf" <<EOF
daemon off;
master_process off;
worker_processes 1;
pid ${out}/nginx.pid;
error_log stderr warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${out};
  proxy_temp_path ${out};
  fastcgi_temp_path ${out};
  uwsgi_temp_path ${out};
  scgi_temp_path ${out};
  upstream remitrank {
    server 127.0.0.1:${port};
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${nginx_port} http2;
    http2_max_concurrent_streams 128;
    location / { grpc_pass grpc://remitrank; }
  }
}
EOF
taskset -c 0 /usr/sbin/nginx -p "${out}" -c "${out}/nginx.conf" -e stderr &
nginx=$!
pids+=("${nginx}")
# Each is ready when its first call succeeds.
for target in "${port}" "${nginx_port}"; do
  for _ in $(seq 100); do
    "${bin}/bench/loadgen/loadgen" --target="127.0.0.1:${target}" --max_calls=1 \
      --concurrency=1 >/dev/null 2>&1 && break
    sleep 0.1
  done
done

ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
for round in $(seq "${rounds}"); do
  for mode in direct nginx; do
    target=${port}
    [[ ${mode} == nginx ]] && target=${nginx_port}
    s0=$(cpu "${server}")
    n0=$(cpu "${nginx}")
    line=$(taskset -c 1 "${bin}/bench/loadgen/loadgen" --target="127.0.0.1:${target}" \
      --duration="${seconds}s" --concurrency=16 --expect_first=us-mx-swiftsend-promo)
    s1=$(cpu "${server}")
    n1=$(cpu "${nginx}")
    calls=$(grep -o 'calls=[0-9]*' <<<"${line}" | cut -d= -f2)
    result=$(awk -v c="${calls}" -v s=$((s1 - s0)) -v n=$((n1 - n0)) -v t="${ticks}" -v m="${mode}" 'BEGIN {
      printf "per_server_cpu_s=%.0f", c / (s / t)
      if (m == "nginx") printf " per_nginx_cpu_s=%.0f per_pod_cpu_s=%.0f", c / (n / t), c / ((s + n) / t)
    }')
    echo "round ${round} ${mode}: ${line} ${result}"
    echo "${result}" >>"${out}/${mode}"
  done
done

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
field() { grep -o "$1=[0-9]*" "${out}/$2" | cut -d= -f2 | median; }
echo "median direct: calls per server CPU-s $(field per_server_cpu_s direct)"
echo "median nginx: calls per server CPU-s $(field per_server_cpu_s nginx)," \
  "per nginx CPU-s $(field per_nginx_cpu_s nginx), per pod CPU-s $(field per_pod_cpu_s nginx)"
