#!/usr/bin/env bash
# Builds remitrank's container images offline, from this checkout and the
# machine's Debian packages, with buildah FROM scratch (no registry, no base
# image), into the local container storage:
#   remitrank-server:TAG  remitrank_server (Bazel) + exactly the shared
#                         libraries ldd lists, /bin/sleep (the preStop
#                         hook), a non-root user (65532), the sample data
#   remitrank-edge:TAG    nginx (Debian's nginx-light) + deploy/edge/ under
#                         /opt/remitrank/edge/, and bash, coreutils, sed
#                         and grep for edge.sh; each with its libraries
#   remitrank-data:sample-HASH (and :sample)
#                         testdata/sample_corridors.textproto as a
#                         versioned dataset (/datasets/VERSION/,
#                         /datasets/CURRENT) + deploy/dataset/
#                         publish-dataset.sh and the tools it runs
# deploy/kubernetes/ runs these three.
#
#   deploy/image.sh [--tag=TAG] [--save=DIR] [--check [--junit=OUT.xml]]
#
#   --tag=TAG      tag of the server and edge images (default: dev)
#   --save=DIR     also write each image as an OCI archive in DIR, for
#                  `ctr -n k8s.io images import` or `kind load image-archive`
#   --check        then run the images with podman as the pod runs them
#                  (deploy/kubernetes/base/deployment.yaml; host network,
#                  ports of its own) and check them: the data image publishes
#                  the dataset; the server, with the Deployment's arguments,
#                  answers RankOffers (the CLI, bazel-bin/cli/remitrank) with
#                  the dataset version it loaded, as uid 65532 on a read-only
#                  root; the edge passes calls to it, and its health-only port
#                  answers the gRPC health check and refuses the rest, also
#                  with components/tls's TLS flags (a test certificate); a
#                  version the dataset-refresh sidecar publishes is served
#                  without a restart, a broken one refused; on SIGTERM health
#                  turns NOT_SERVING, then the server exits 0. Prints
#                  PASS/FAIL per check (about a minute).
#   --junit=FILE   with --check, the checks as a JUnit XML file
#                  (tools/test_summary.py counts it)
#
# Exit status: 0 built (and checked), 1 a failure, 77 the checks were
# skipped because this machine cannot run containers, or not as root (the reason is
# printed). Needs root (buildah/podman's storage) and buildah, podman and
# runc (tools/install_deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

tag=dev
save=""
check=0
junit=""
for arg in "$@"; do
  case "${arg}" in
    --tag=*) tag=${arg#--tag=} ;;
    --save=*) save=${arg#--save=} ;;
    --check) check=1 ;;
    --junit=*) junit=${arg#--junit=} ;;
    *)
      sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
      exit 2 ;;
  esac
done

# podman in some sandboxes runs containers only with these.
run_flags=(--runtime runc --ulimit nofile=4096:4096 --ulimit nproc=4096:4096)

fail() {
  echo "image.sh: $*" >&2
  exit 1
}

for tool in buildah podman runc ldd; do
  command -v "${tool}" >/dev/null || fail "${tool} is missing (tools/install_deps.sh)"
done
if [[ $(id -u) -ne 0 ]]; then
  echo "image.sh: needs root: buildah and podman use the system's container storage" >&2
  if [[ ${check} -eq 1 ]]; then
    echo "image.sh: SKIPPED the image checks: not running as root"
    exit 77
  fi
  exit 1
fi
[[ -f deploy/edge/edge.sh ]] ||
  fail "deploy/edge/edge.sh is missing: the edge image is deploy/edge/ (the nginx configuration and its script) on nginx"
[[ -x /usr/sbin/nginx ]] || fail "/usr/sbin/nginx is missing (Debian's nginx-light; tools/install_deps.sh)"

bazel build --jobs=2 --noshow_progress //service:remitrank_server //cli:remitrank >&2
server_bin=bazel-bin/service/remitrank_server
cli_bin=bazel-bin/cli/remitrank

work=$(mktemp -d)
containers=()
cleanup() {
  local c
  for c in "${containers[@]}"; do podman rm -f "${c}" >/dev/null 2>&1 || true; done
  rm -rf "${work}"
}
trap cleanup EXIT

# new_root DIR: an empty root file system laid out as Debian's (merged
# /usr), with the directories every image has.
new_root() {
  local root=$1
  mkdir -p "${root}"/{usr/bin,usr/sbin,usr/lib,usr/lib64,etc,tmp}
  chmod 1777 "${root}/tmp"
  ln -s usr/bin "${root}/bin"
  ln -s usr/sbin "${root}/sbin"
  ln -s usr/lib "${root}/lib"
  ln -s usr/lib64 "${root}/lib64"
  printf '%s\n' 'root:x:0:0:root:/root:/usr/sbin/nologin' \
    'remitrank:x:65532:65532:remitrank:/nonexistent:/usr/sbin/nologin' \
    'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin' \
    >"${root}/etc/passwd"
  printf '%s\n' 'root:x:0:' 'remitrank:x:65532:' 'nogroup:x:65534:' \
    >"${root}/etc/group"
}

# add_file ROOT PATH [DEST]: PATH's content (symlinks followed) at DEST
# (default: the same path) in ROOT.
add_file() {
  local root=$1 path=$2 dest=${3:-$2}
  mkdir -p "${root}$(dirname "${dest}")"
  cp -L --preserve=mode "${path}" "${root}${dest}"
}

# add_binary ROOT PATH [DEST]: the program and exactly the shared libraries
# ldd lists for it (the dynamic loader included), at their paths.
add_binary() {
  local root=$1 path=$2 dest=${3:-$2} lib
  local libs
  libs=$(ldd "${path}") || fail "ldd ${path} failed"
  if grep -q 'not found' <<<"${libs}"; then
    fail "${path} needs libraries this machine lacks:"$'\n'"$(grep 'not found' <<<"${libs}")"
  fi
  add_file "${root}" "${path}" "${dest}"
  for lib in $(awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' <<<"${libs}"); do
    [[ -e "${root}${lib}" ]] || add_file "${root}" "${lib}"
  done
}

# commit ROOT IMAGE[:TAG]... -- CONFIG...: one image whose only layer is
# ROOT, configured by buildah config's options, under every name given.
commit() {
  local root=$1
  shift
  local names=()
  while [[ $1 != -- ]]; do names+=("$1"); shift; done
  shift
  local container
  container=$(buildah from scratch)
  # Files owned by root and not writable by the user the image runs as.
  buildah copy --quiet --chown 0:0 "${container}" "${root}" / >/dev/null
  buildah config --user 65532:65532 --workingdir / \
    --label org.opencontainers.image.source=remitrank \
    --label "org.opencontainers.image.revision=$(git rev-parse HEAD)" \
    "$@" "${container}"
  # The image this replaces, removed once untagged (rebuilds do not pile up).
  local old
  old=$(podman image inspect --format '{{.Id}}' "localhost/${names[0]}" 2>/dev/null || true)
  buildah commit --quiet --rm "${container}" "localhost/${names[0]}" >/dev/null
  local name
  for name in "${names[@]:1}"; do buildah tag "localhost/${names[0]}" "localhost/${name}"; done
  if [[ -n "${old}" ]] &&
    [[ -z "$(podman image inspect --format '{{.RepoTags}}' "${old}" | tr -d '[]')" ]]; then
    podman rmi "${old}" >/dev/null 2>&1 || true
  fi
  if [[ -n "${save}" ]]; then
    mkdir -p "${save}"
    podman save --quiet --format oci-archive -o "${save}/${names[0]//:/-}.tar" \
      "localhost/${names[0]}"
  fi
  echo "image.sh: built ${names[*]} ($(du -sh "${root}" | cut -f1) uncompressed)"
}

# The server.
root="${work}/server"
new_root "${root}"
add_binary "${root}" "${server_bin}" /usr/local/bin/remitrank_server
add_binary "${root}" /usr/bin/sleep
add_file "${root}" testdata/sample_corridors.textproto \
  /opt/remitrank/data/sample_corridors.textproto
commit "${root}" "remitrank-server:${tag}" -- \
  --entrypoint '["/usr/local/bin/remitrank_server"]' \
  --cmd '["--listen=0.0.0.0:50051", "--data=/opt/remitrank/data/sample_corridors.textproto", "--reflection=false"]' \
  --port 50051 \
  --label "org.opencontainers.image.title=remitrank-server"

# The edge.
root="${work}/edge"
new_root "${root}"
add_binary "${root}" /usr/sbin/nginx
for tool in /usr/bin/bash /usr/bin/sed /usr/bin/grep \
  $(dpkg -L coreutils | grep -E '^(/usr)?/bin/[^/]+$'); do
  [[ -f "${tool}" && ! -L "${tool}" ]] && add_binary "${root}" "${tool}"
done
ln -s bash "${root}/usr/bin/sh"
mkdir -p "${root}/opt/remitrank/edge" "${root}/var/log/nginx"
cp -R deploy/edge/. "${root}/opt/remitrank/edge/"
commit "${root}" "remitrank-edge:${tag}" -- \
  --entrypoint '["/opt/remitrank/edge/edge.sh"]' \
  --cmd '[]' \
  --label "org.opencontainers.image.title=remitrank-edge"

# The dataset, named by its content.
hash=$(sha256sum <testdata/sample_corridors.textproto | cut -c1-12)
version="sample-${hash}"
root="${work}/data"
new_root "${root}"
for tool in /usr/bin/dash /usr/bin/cp /usr/bin/mv /usr/bin/ln /usr/bin/rm \
  /usr/bin/mkdir /usr/bin/readlink /usr/bin/sleep; do
  add_binary "${root}" "${tool}"
done
ln -s dash "${root}/usr/bin/sh"
add_file "${root}" deploy/dataset/publish-dataset.sh /opt/remitrank/publish-dataset.sh
add_file "${root}" testdata/sample_corridors.textproto \
  "/datasets/${version}/sample_corridors.textproto"
echo "${version}" >"${root}/datasets/CURRENT"
commit "${root}" "remitrank-data:${version}" "remitrank-data:sample" -- \
  --entrypoint '["/opt/remitrank/publish-dataset.sh"]' \
  --cmd '["/datasets", "/data"]' \
  --label "org.opencontainers.image.title=remitrank-data" \
  --label "org.opencontainers.image.version=${version}"

[[ ${check} -eq 1 ]] || exit 0

# ---- The checks.
names=()
failures=()
record() {  # record NAME OK|"why it failed"
  names+=("$1")
  failures+=("$([[ $2 == OK ]] || echo "$2")")
  if [[ $2 == OK ]]; then echo "PASS $1"; else echo "FAIL $1: $2"; fi
}
xml_escape() { sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/"/\&quot;/g' <<<"$1"; }
write_junit() {
  [[ -n "${junit}" ]] || return 0
  local i failed=0
  for i in "${!names[@]}"; do [[ -z "${failures[i]}" ]] || failed=$((failed + 1)); done
  {
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo "<testsuites><testsuite name=\"deploy/images\" tests=\"${#names[@]}\" failures=\"${failed}\">"
    for i in "${!names[@]}"; do
      echo -n "<testcase classname=\"deploy.images\" name=\"$(xml_escape "${names[i]}")\">"
      [[ -z "${failures[i]}" ]] ||
        echo -n "<failure message=\"$(xml_escape "${failures[i]}")\"></failure>"
      echo "</testcase>"
    done
    echo "</testsuite></testsuites>"
  } >"${junit}"
}

# Can this machine run a container at all? A root file system of /bin/true
# alone tells, without involving the images under test.
probe="${work}/probe"
new_root "${probe}"
add_binary "${probe}" /usr/bin/true
if ! why=$(podman run --rm "${run_flags[@]}" --network none --rootfs "${probe}" /usr/bin/true 2>&1); then
  echo "image.sh: SKIPPED the checks: this machine cannot run containers" \
    "(podman run of /bin/true said: ${why//$'\n'/ })"
  exit 77
fi

# free_port: a port nothing listens on now, for programs that cannot take 0.
free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_for TEXT FILE CONTAINER: polls (60 s at most) until FILE holds TEXT,
# failing early when CONTAINER has stopped.
wait_for() {
  local deadline=$((SECONDS + 60))
  while ((SECONDS < deadline)); do
    grep -q "$1" "$2" 2>/dev/null && return 0
    [[ "$(podman inspect --format '{{.State.Running}}' "$3" 2>/dev/null)" == true ]] || return 1
    sleep 0.2
  done
  return 1
}

# The data image fills an emptyDir-like directory.
data="${work}/volume"
mkdir -m 0777 "${data}"
if out=$(podman run --rm "${run_flags[@]}" --network none --read-only \
  --cap-drop=ALL --security-opt=no-new-privileges \
  -v "${data}:/data" "remitrank-data:${version}" 2>&1) &&
  [[ "$(readlink "${data}/..data")" == "..${version}" ]] &&
  cmp -s "${data}/sample_corridors.textproto" testdata/sample_corridors.textproto; then
  record "data image publishes ${version} in the atomic-writer layout" OK
else
  record "data image publishes ${version} in the atomic-writer layout" \
    "publish-dataset.sh said: ${out}; ${data}: $(ls -a "${data}" | tr '\n' ' ')"
fi

# The pod's other containers, each on the host's loopback: the
# dataset-refresh sidecar (its library starts with the same version), the
# server with the Deployment's own arguments (ports aside), the edge.
library="${work}/library"
mkdir -p "${library}/${version}" "${library}/other-1" "${library}/broken-1"
cp testdata/sample_corridors.textproto "${library}/${version}/"
cp testdata/survey_periods.textproto "${library}/other-1/sample_corridors.textproto"
echo "not a dataset" >"${library}/broken-1/sample_corridors.textproto"
echo "${version}" >"${library}/CURRENT"
refresh="remitrank-check-refresh-$$"
containers+=("${refresh}")
podman run -d --name "${refresh}" "${run_flags[@]}" --network none --read-only \
  --cap-drop=ALL --security-opt=no-new-privileges \
  -v "${library}:/library:ro" -v "${data}:/data" "remitrank-data:${version}" \
  --follow=1 /library /data >/dev/null 2>&1 || true

mapfile -t server_args < <(/usr/bin/python3 - deploy/kubernetes/base/deployment.yaml <<'PY'
import sys
import yaml
with open(sys.argv[1]) as f:
    pod = yaml.safe_load(f)["spec"]["template"]["spec"]
server = next(c for c in pod["containers"] if c["name"] == "server")
for arg in server["args"]:
    if arg.startswith("--listen="):
        arg = "--listen=127.0.0.1:0"
    elif arg.startswith("--http_listen="):
        arg = "--http_listen=127.0.0.1:0"
    print(arg)
print("--port_file=/run/remitrank/port")
PY
)
server="remitrank-check-server-$$"
containers+=("${server}")
mkdir -m 0777 "${work}/run"
podman run -d --name "${server}" "${run_flags[@]}" --network host --read-only \
  --cap-drop=ALL --security-opt=no-new-privileges \
  -v "${data}:/data:ro" -v "${work}/run:/run/remitrank" \
  "remitrank-server:${tag}" "${server_args[@]}" >/dev/null 2>"${work}/server.log" || true
podman logs -f "${server}" >>"${work}/server.log" 2>&1 &

# rank_via PORT: RankOffers through the CLI; prints the answer's dataset version.
rank_via() {
  "${cli_bin}" rank --server="127.0.0.1:$1" --from=US --to=MX --amount="200 USD" \
    --format=json --deadline=10s 2>&1 |
    /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["datasetVersion"])' 2>&1 |
    tail -1 || true
}
# version_via PORT: the dataset version ListCorridors answers with.
version_via() {
  "${cli_bin}" corridors --server="127.0.0.1:$1" --format=json --deadline=10s 2>&1 |
    /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["datasetVersion"])' 2>&1 |
    tail -1 || true
}
# health_via PORT: the gRPC health check of remit.v1.RemitRank, as the
# kubelet's grpc probe makes it; prints SERVING, another status, or the
# call's error code.
health_via() {
  /usr/bin/python3 - "$1" <<'PY' 2>&1 | tail -1 || true
import sys
import grpc
service = b"remit.v1.RemitRank"
request = b"\x0a" + bytes([len(service)]) + service  # HealthCheckRequest.service
with grpc.insecure_channel("127.0.0.1:" + sys.argv[1]) as channel:
    check = channel.unary_unary("/grpc.health.v1.Health/Check")
    try:
        answer = check(request, timeout=10)
    except grpc.RpcError as e:
        print(e.code().name)
        sys.exit(0)
# HealthCheckResponse.status (field 1, varint); absent means 0, UNKNOWN.
status = answer[1] if answer[:1] == b"\x08" else 0
print({1: "SERVING", 2: "NOT_SERVING", 3: "SERVICE_UNKNOWN"}.get(status, "UNKNOWN"))
PY
}
# until_true SECONDS COMMAND...: polls COMMAND until it succeeds or the time is up.
until_true() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

if wait_for "serving on" "${work}/server.log" "${server}" && [[ -s "${work}/run/port" ]]; then
  port=$(cat "${work}/run/port")
  loaded=$(sed -n 's/.*loaded dataset \([0-9a-f]*\).*/\1/p' "${work}/server.log")
  user=$(podman top "${server}" huser 2>/dev/null | tail -n +2 | tr -d ' ')
  if [[ "${user}" == 65532 ]] &&
    [[ "$(podman inspect --format '{{.HostConfig.ReadonlyRootfs}}' "${server}")" == true ]]; then
    record "server image runs as uid 65532 on a read-only root" OK
  else
    record "server image runs as uid 65532 on a read-only root" "host user '${user}'"
  fi
  answer=$(rank_via "${port}")
  if [[ -n "${loaded}" && "${answer}" == "${loaded}"* ]]; then
    record "server image, with the Deployment's arguments, answers RankOffers from the dataset it loaded" OK
  else
    record "server image, with the Deployment's arguments, answers RankOffers from the dataset it loaded" \
      "loaded '${loaded}', answered '${answer}'"
  fi

  # The edge in front of it.
  edge="remitrank-check-edge-$$"
  containers+=("${edge}")
  edge_port=$(free_port)
  health_port=$(free_port)
  podman run -d --name "${edge}" "${run_flags[@]}" --network host --read-only \
    --tmpfs /tmp --cap-drop=ALL --security-opt=no-new-privileges \
    "remitrank-edge:${tag}" --upstream="127.0.0.1:${port}" \
    --listen="127.0.0.1:${edge_port}" --health_listen="127.0.0.1:${health_port}" \
    >/dev/null 2>&1 || true
  through_edge() {
    [[ "$(rank_via "${edge_port}")" == "${loaded}"* ]] ||
      { [[ "$(podman inspect --format '{{.State.Running}}' "${edge}")" == true ]] || return 0; return 1; }
  }
  until_true 30 through_edge || true
  through=$(rank_via "${edge_port}")
  if [[ -n "${loaded}" && "${through}" == "${loaded}"* ]]; then
    record "edge image passes RankOffers to the server" OK
    health=$(health_via "${health_port}")
    if [[ "${health}" == SERVING ]]; then
      record "edge image's health-only port answers the gRPC health check" OK
    else
      record "edge image's health-only port answers the gRPC health check" "got '${health}'"
    fi
    refused=$(rank_via "${health_port}")
    if [[ "${refused}" != "${loaded}"* ]]; then
      record "edge image's health-only port refuses RankOffers" OK
    else
      record "edge image's health-only port refuses RankOffers" "it answered"
    fi
  else
    record "edge image passes RankOffers to the server" \
      "got '${through}'; edge log: $(podman logs "${edge}" 2>&1 | tail -5)"
  fi

  # The TLS component: the edge's flags and the Secret's mount as
  # components/tls sets them, a certificate made here; the health-only
  # port stays plaintext.
  mapfile -t tls < <(/usr/bin/python3 - deploy/kubernetes/components/tls/deployment-patch.yaml <<'PY'
import sys
import yaml
with open(sys.argv[1]) as f:
    ops = yaml.safe_load(f)
for op in ops:
    value = op.get("value")
    if isinstance(value, str) and value.startswith("--tls_"):
        print(value)
    elif isinstance(value, dict) and value.get("name") == "tls" and "mountPath" in value:
        print("mount=" + value["mountPath"])
PY
)
  secret="${work}/tls"
  mkdir -p "${secret}"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj /CN=remitrank -addext subjectAltName=IP:127.0.0.1 \
    -keyout "${secret}/tls.key" -out "${secret}/tls.crt" 2>/dev/null
  chmod 0444 "${secret}/tls.key"
  mount_path=$(printf '%s\n' "${tls[@]}" | sed -n 's/^mount=//p')
  tls_edge="remitrank-check-tls-edge-$$"
  containers+=("${tls_edge}")
  tls_port=$(free_port)
  tls_health_port=$(free_port)
  podman run -d --name "${tls_edge}" "${run_flags[@]}" --network host --read-only \
    --tmpfs /tmp --cap-drop=ALL --security-opt=no-new-privileges \
    -v "${secret}:${mount_path}:ro" \
    "remitrank-edge:${tag}" --upstream="127.0.0.1:${port}" \
    --listen="127.0.0.1:${tls_port}" --health_listen="127.0.0.1:${tls_health_port}" \
    $(printf '%s\n' "${tls[@]}" | grep '^--tls_') >/dev/null 2>&1 || true
  rank_tls() {
    "${cli_bin}" rank --server="127.0.0.1:${tls_port}" --tls_ca="${secret}/tls.crt" \
      --from=US --to=MX --amount="200 USD" --format=json --deadline=10s 2>&1 |
      /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["datasetVersion"])' 2>&1 |
      tail -1 || true
  }
  answers_tls() { [[ "$(rank_tls)" == "${loaded}"* ]]; }
  if [[ -n "${mount_path}" ]] && until_true 30 answers_tls &&
    [[ "$(health_via "${tls_health_port}")" == SERVING ]] &&
    [[ "$(rank_via "${tls_port}")" != "${loaded}"* ]]; then
    record "edge image with components/tls: TLS on the public port, plaintext health port" OK
  else
    record "edge image with components/tls: TLS on the public port, plaintext health port" \
      "flags '${tls[*]}'; over TLS '$(rank_tls)'; health '$(health_via "${tls_health_port}")'; edge log: $(podman logs "${tls_edge}" 2>&1 | tail -3)"
  fi

  # A new dataset version in the library: the sidecar publishes it, the
  # server's directory watch reloads it.
  echo "other-1" >"${library}/CURRENT"
  reloaded=""
  if wait_for "reloaded dataset" "${work}/server.log" "${server}"; then
    reloaded=$(sed -n 's/.*reloaded dataset \([0-9a-f]*\).*/\1/p' "${work}/server.log" | tail -1)
  fi
  now=$(version_via "${edge_port}")
  if [[ -n "${reloaded}" && "${reloaded}" != "${loaded}" && "${now}" == "${reloaded}"* ]]; then
    record "a version published by the dataset-refresh sidecar is served without a restart" OK
  else
    record "a version published by the dataset-refresh sidecar is served without a restart" \
      "reloaded '${reloaded}', answered '${now}'; sidecar: $(podman logs "${refresh}" 2>&1 | tail -2)"
  fi
  # A broken one: refused, the last good one keeps serving.
  echo "broken-1" >"${library}/CURRENT"
  if wait_for "reload refused" "${work}/server.log" "${server}" &&
    [[ -n "${reloaded}" && "$(version_via "${edge_port}")" == "${reloaded}"* ]]; then
    record "a broken version published by the sidecar is refused; the last good one serves" OK
  else
    record "a broken version published by the sidecar is refused; the last good one serves" \
      "log: $(tail -2 "${work}/server.log")"
  fi

  # SIGTERM, as the kubelet sends it: health NOT_SERVING (so readiness
  # fails) through the edge while the server waits out --drain_delay, then
  # exit 0.
  podman kill --signal TERM "${server}" >/dev/null
  not_serving() { [[ "$(health_via "${health_port}")" == NOT_SERVING ]]; }
  if until_true 10 not_serving; then
    record "on SIGTERM the health-only port reports NOT_SERVING before the server stops" OK
  else
    record "on SIGTERM the health-only port reports NOT_SERVING before the server stops" \
      "got '$(health_via "${health_port}")'"
  fi
  code=$(podman wait "${server}" 2>/dev/null || echo "?")
  podman logs "${server}" >"${work}/server.log" 2>&1 || true
  if [[ "${code}" == 0 ]] && grep -q "stopped" "${work}/server.log"; then
    record "server image exits 0 on SIGTERM after draining" OK
  else
    record "server image exits 0 on SIGTERM after draining" \
      "exit code ${code}; log: $(tail -3 "${work}/server.log")"
  fi
else
  record "server image starts with the Deployment's arguments and listens" \
    "log: $(tail -5 "${work}/server.log")"
fi

write_junit
bad=0
for f in "${failures[@]}"; do [[ -z "${f}" ]] || bad=$((bad + 1)); done
echo "deploy/images: $((${#names[@]} - bad)) passed, ${bad} failed"
[[ ${bad} -eq 0 ]]
