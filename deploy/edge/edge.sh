#!/usr/bin/env bash
# Runs the remitrank edge: nginx in the foreground with this folder's
# configuration (nginx.conf.in and the files it includes), in front of a
# remitrank_server listening on loopback. For untrusted clients; see
# docs/security.md.
#
#   deploy/edge/edge.sh --upstream=127.0.0.1:50051 --listen=0.0.0.0:8443 \
#     [--http_upstream=127.0.0.1:8080] [--tls_cert=PEM --tls_key=PEM] \
#     [--health_listen=0.0.0.0:8081]
#
# --upstream         remitrank_server's gRPC listener (--listen)
# --listen           the public listener: HTTP/2 over TLS with --tls_cert and
#                    --tls_key (HTTP/1.1 too, by ALPN), else HTTP/2 with prior
#                    knowledge (h2c) only
# --http_upstream    remitrank_server's HTTP/JSON listener (--http_listen):
#                    its API and widget are served on --listen as well
# --health_listen    a plaintext HTTP/2 listener passing only the gRPC health
#                    check (and /healthz, /readyz with --http_upstream): for
#                    kubelet probes when --listen is TLS
#
# nginx runs from a temporary prefix (configuration, pid file, temporary
# files), removed on exit; no system service or file is touched. As root,
# the workers run as nobody. Logs go to stderr. SIGTERM or SIGINT stops it
# (calls in flight are cut), SIGQUIT drains them first. Environment:
# REMIT_EDGE_NGINX (the nginx binary; default: nginx on PATH, else
# /usr/sbin/nginx), REMIT_EDGE_WORKERS (worker processes; default: the CPUs
# this process may run on, at most 4, since nginx's "auto" would count
# every CPU of a container's host).
set -euo pipefail

conf_dir="$(cd "$(dirname "$0")" && pwd)"
die() {
  echo "edge.sh: $*" >&2
  exit 2
}
usage() {  # usage EXIT_CODE
  sed -n '/^#   deploy/,/^#                    kubelet/p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit "$1"
}

upstream="" listen="" http_upstream="" health_listen="" tls_cert="" tls_key=""
for arg in "$@"; do
  case "${arg}" in
    --upstream=*) upstream="${arg#*=}" ;;
    --listen=*) listen="${arg#*=}" ;;
    --http_upstream=*) http_upstream="${arg#*=}" ;;
    --health_listen=*) health_listen="${arg#*=}" ;;
    --tls_cert=*) tls_cert="${arg#*=}" ;;
    --tls_key=*) tls_key="${arg#*=}" ;;
    -h | --help) usage 0 ;;
    *) die "unknown argument '${arg}' (expected --flag=value; --help lists them)" ;;
  esac
done

# check_address FLAG VALUE: HOST:PORT with a port in 1..65535 (an IPv6 host
# in brackets, [::1]:8443).
check_address() {
  local flag=$1 value=$2 host port
  [[ -n "${value}" ]] || die "--${flag} is required (HOST:PORT)"
  host="${value%:*}"
  port="${value##*:}"
  [[ "${value}" == *:* && -n "${host}" ]] ||
    die "--${flag}='${value}' is not HOST:PORT"
  [[ "${host}" =~ ^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)$ ]] ||
    die "--${flag}='${value}': '${host}' is not a host name, IPv4 or [IPv6] address"
  [[ "${port}" =~ ^[0-9]{1,5}$ ]] && ((10#${port} >= 1 && 10#${port} <= 65535)) ||
    die "--${flag}='${value}': port '${port}' is not in 1..65535"
}
check_address upstream "${upstream}"
check_address listen "${listen}"
[[ -z "${http_upstream}" ]] || check_address http_upstream "${http_upstream}"
[[ -z "${health_listen}" ]] || check_address health_listen "${health_listen}"
[[ -z "${health_listen}" || "${health_listen}" != "${listen}" ]] ||
  die "--health_listen must differ from --listen ('${listen}')"
if [[ -n "${tls_cert}" || -n "${tls_key}" ]]; then
  [[ -n "${tls_cert}" && -n "${tls_key}" ]] ||
    die "--tls_cert and --tls_key go together (got only one)"
  for f in "${tls_cert}" "${tls_key}"; do
    [[ -f "${f}" && -r "${f}" ]] || die "cannot read TLS file '${f}'"
  done
  tls_cert="$(cd "$(dirname "${tls_cert}")" && pwd)/$(basename "${tls_cert}")"
  tls_key="$(cd "$(dirname "${tls_key}")" && pwd)/$(basename "${tls_key}")"
fi

nginx="${REMIT_EDGE_NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
[[ -x "${nginx}" ]] ||
  die "nginx not found ('${nginx}'): apt-get install nginx-light, or set REMIT_EDGE_NGINX"
for f in nginx.conf.in grpc_routes.conf http_routes.conf tls.conf; do
  [[ -r "${conf_dir}/${f}" ]] || die "missing ${conf_dir}/${f}"
done

# File descriptors: as many as the hard limit allows, up to 65536; half
# of them per worker for connections.
hard=$(ulimit -Hn)
[[ "${hard}" == unlimited ]] && hard=65536
rlimit=$((hard < 65536 ? hard : 65536))
connections=$((rlimit / 2))

workers="${REMIT_EDGE_WORKERS:-$(nproc 2>/dev/null || echo 1)}"
[[ "${workers}" =~ ^[1-9][0-9]*$ ]] ||
  die "REMIT_EDGE_WORKERS='${workers}' is not a positive number"
[[ -n "${REMIT_EDGE_WORKERS:-}" ]] || workers=$((workers < 4 ? workers : 4))

prefix="$(mktemp -d "${TMPDIR:-/tmp}/remitrank-edge.XXXXXX")"
nginx_pid=""
cleanup() {
  if [[ -n "${nginx_pid}" ]] && kill -0 "${nginx_pid}" 2>/dev/null; then
    kill -TERM "${nginx_pid}" 2>/dev/null || true
    wait "${nginx_pid}" 2>/dev/null || true
  fi
  rm -rf "${prefix}"
}
trap cleanup EXIT
mkdir -p "${prefix}/conf" "${prefix}/tmp"/{client_body,proxy,fastcgi,uwsgi,scgi}
cp "${conf_dir}"/{grpc_routes,http_routes,tls}.conf "${prefix}/conf/"

features=()
if [[ -n "${tls_cert}" ]]; then features+=(tls); else features+=(plain); fi
if [[ -n "${http_upstream}" ]]; then features+=(http); else features+=(nohttp); fi
[[ -z "${health_listen}" ]] || features+=(health)
if [[ $(id -u) -eq 0 ]]; then
  features+=(root)
  # The workers (nobody) write temporary files only here.
  chmod 755 "${prefix}"
  chown -R nobody "${prefix}/tmp"
fi

# Render: keep the lines of the features that are on (markers stripped,
# nested ones too), drop the others, then fill in the values.
script=()
for _ in 1 2; do
  for f in "${features[@]}"; do script+=(-e "s/^#@${f}@//"); done
done
script+=(-e '/^#@[a-z]*@/d')
sed_escape() { printf '%s' "$1" | sed 's/[\\&|]/\\&/g'; }
for pair in "PREFIX=${prefix}" "CONF=${prefix}/conf" "UPSTREAM=${upstream}" \
  "HTTP_UPSTREAM=${http_upstream}" "LISTEN=${listen}" \
  "HEALTH_LISTEN=${health_listen}" "TLS_CERT=${tls_cert}" \
  "TLS_KEY=${tls_key}" "WORKERS=${workers}" \
  "RLIMIT=${rlimit}" "CONNECTIONS=${connections}"; do
  script+=(-e "s|@${pair%%=*}@|$(sed_escape "${pair#*=}")|g")
done
sed "${script[@]}" "${conf_dir}/nginx.conf.in" >"${prefix}/conf/nginx.conf"

"${nginx}" -t -q -p "${prefix}" -c "${prefix}/conf/nginx.conf" -e stderr ||
  die "nginx refused the configuration (${prefix}/conf/nginx.conf, above)"
echo "edge.sh: nginx on ${listen}${tls_cert:+ (TLS)} -> gRPC ${upstream}${http_upstream:+, HTTP ${http_upstream}}${health_listen:+; health on ${health_listen}}" >&2
"${nginx}" -p "${prefix}" -c "${prefix}/conf/nginx.conf" -e stderr &
nginx_pid=$!
# SIGTERM/SIGINT: fast stop; SIGQUIT: graceful (nginx's own meanings).
trap 'kill -TERM "${nginx_pid}" 2>/dev/null || true' TERM INT
trap 'kill -QUIT "${nginx_pid}" 2>/dev/null || true' QUIT
status=0
while kill -0 "${nginx_pid}" 2>/dev/null; do
  wait "${nginx_pid}" || status=$?
done
nginx_pid=""
exit "${status}"
