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
#   --check        then run them with podman as pods run them: a network
#                  namespace per pod (held by a sleeping container, as by the
#                  kubelet's pause container), the server and the edge in it
#                  with deploy/kubernetes/base/deployment.yaml's arguments
#                  verbatim, read-only, no capabilities; and check that the
#                  data image publishes the dataset; the server runs as uid
#                  65532 and answers RankOffers on the edge's port (the CLI,
#                  bazel-bin/cli/remitrank) with the version it loaded; the
#                  health-only port answers the gRPC health check and refuses
#                  the rest; the server's port is not reachable from outside
#                  the pod; components/tls's flags give TLS (a test
#                  certificate); a version the dataset-refresh sidecar
#                  publishes is served without a restart, a broken one
#                  refused; a pod terminated as the kubelet does (the
#                  manifest's preStop hooks, then SIGTERM) turns NOT_SERVING,
#                  exits 0, and a client with docs/client/service_config.json
#                  calling two pods loses no call (deploy/check_client.py).
#                  Prints PASS/FAIL per check (under a minute).
#   --junit=FILE   with --check, the checks as a JUnit XML file
#                  (tools/test_summary.py counts it)
#
# Exit status: 0 built (and checked), 1 a failure, 77 the checks were
# skipped because this machine cannot run containers (with a network of
# their own), or not as root; the reason is printed. Needs root (buildah/podman's storage) and buildah, podman and
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
# The checks' containers are named with this prefix, and removed at exit.
prefix="remitrank-check-$$-"
cleanup() {
  local ours
  local ours members pauses
  ours=$(podman ps -a --format '{{.Names}}' 2>/dev/null | grep "^${prefix}" || true)
  members=$(grep -v 'pause$' <<<"${ours}" || true)
  pauses=$(grep 'pause$' <<<"${ours}" || true)
  # Pause containers last: the others use their network.
  [[ -z "${members}" ]] || podman rm -f -t 0 ${members} >/dev/null 2>&1 || true
  [[ -z "${pauses}" ]] || podman rm -f -t 0 ${pauses} >/dev/null 2>&1 || true
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

# Can this machine run a container, on a network of its own? A root file
# system of /bin/true alone tells, without involving the images under test.
probe="${work}/probe"
new_root "${probe}"
add_binary "${probe}" /usr/bin/true
if ! why=$(podman run --rm "${run_flags[@]}" --rootfs "${probe}" /usr/bin/true 2>&1); then
  echo "image.sh: SKIPPED the checks: this machine cannot run containers" \
    "(podman run of /bin/true said: ${why//$'\n'/ })"
  exit 77
fi

# until_true SECONDS COMMAND...: polls COMMAND until it succeeds or the time is up.
until_true() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}
# The answers' dataset versions, through the CLI (bazel-bin/cli/remitrank):
# rank_via HOST:PORT [CLI flags] (RankOffers), version_via HOST:PORT
# (ListCorridors). Print the version, or the last line of the error.
answer_version() {
  /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["datasetVersion"])' 2>&1 |
    tail -1 || true
}
rank_via() {
  "${cli_bin}" rank --server="$1" "${@:2}" --from=US --to=MX --amount="200 USD" \
    --format=json --deadline=10s 2>&1 | answer_version || true
}
version_via() {
  "${cli_bin}" corridors --server="$1" --format=json --deadline=10s 2>&1 |
    answer_version || true
}
# health_via HOST:PORT: the gRPC health check, as the kubelet's probe makes it.
health_via() { /usr/bin/python3 deploy/check_client.py health "$1" 2>&1 | tail -1 || true; }
# logged CONTAINER TEXT: whether the container's log has TEXT.
logged() { podman logs "$1" 2>&1 | grep -q "$2"; }
# The dataset version a server's log says it loaded (or reloaded) last.
loaded_version() {
  podman logs "$1" 2>&1 | sed -n "s/.*$2 dataset \([0-9a-f]*\).*/\1/p" | tail -1
}

# What the pod runs, from the manifests: each container's arguments and
# preStop command (one JSON array per line), the TLS component's edge flags
# and Secret mount, and the edge's environment (as podman flags).
mapfile -t manifest < <(/usr/bin/python3 - deploy/kubernetes/base/deployment.yaml \
  deploy/kubernetes/components/tls/deployment-patch.yaml <<'PY'
import json
import sys
import yaml
with open(sys.argv[1]) as f:
    pod = yaml.safe_load(f)["spec"]["template"]["spec"]
for name in ("server", "edge"):
    c = next(c for c in pod["containers"] if c["name"] == name)
    print(json.dumps(c["args"]))
    print(json.dumps(c["lifecycle"]["preStop"]["exec"]["command"]))
with open(sys.argv[2]) as f:
    ops = yaml.safe_load(f)
print(json.dumps([op["value"] for op in ops
                  if str(op.get("value", "")).startswith("--tls_")]))
print(json.dumps([op["value"]["mountPath"] for op in ops
                  if isinstance(op.get("value"), dict) and "mountPath" in op["value"]]))
edge = next(c for c in pod["containers"] if c["name"] == "edge")
print(json.dumps([f"--env={e['name']}={e['value']}" for e in edge.get("env", [])]))
PY
)
json_list() { /usr/bin/python3 -c 'import json, sys; print("\n".join(json.loads(sys.argv[1])))' "$1"; }
mapfile -t server_args < <(json_list "${manifest[0]}")
mapfile -t edge_args < <(json_list "${manifest[2]}")
mapfile -t tls_args < <(json_list "${manifest[4]}")
tls_mount=$(json_list "${manifest[5]}")
mapfile -t edge_env < <(json_list "${manifest[6]}")
grpc_port=$(printf '%s\n' "${edge_args[@]}" | sed -n 's/^--listen=.*:\([0-9]*\)$/\1/p')
health_port=$(printf '%s\n' "${edge_args[@]}" | sed -n 's/^--health_listen=.*:\([0-9]*\)$/\1/p')

# A pod: a network namespace held by a container of its own (as the
# kubelet's pause container holds it; here the data image sleeping), with
# the server and the edge in it, run with the manifest's arguments (and
# the edge's environment) verbatim, each read-only with all capabilities
# dropped.
#   start_pause NAME                prints the pod's IP address
#   start_members NAME [EDGE FLAG...]   the server and the edge
secure=(--read-only --cap-drop=ALL --security-opt=no-new-privileges)
start_pause() {
  podman run -d --name "$1-pause" "${run_flags[@]}" "${secure[@]}" \
    --entrypoint /usr/bin/sleep "remitrank-data:${version}" infinity >/dev/null
  podman inspect --format '{{.NetworkSettings.IPAddress}}' "$1-pause"
}
start_members() {
  local pod=$1
  shift
  podman run -d --name "${pod}-server" "${run_flags[@]}" "${secure[@]}" \
    --network "container:${pod}-pause" -v "${data}:/data:ro" \
    "remitrank-server:${tag}" "${server_args[@]}" >/dev/null
  podman run -d --name "${pod}-edge" "${run_flags[@]}" "${secure[@]}" --tmpfs /tmp \
    "${edge_env[@]}" \
    --network "container:${pod}-pause" "${pod_volumes[@]}" \
    "remitrank-edge:${tag}" "${edge_args[@]}" "$@" >/dev/null
}
pod_volumes=()
# run_hook CONTAINER JSON_COMMAND: the preStop hook in the container, then
# SIGTERM, as the kubelet does.
run_hook() {
  local -a command
  mapfile -t command < <(json_list "$2")
  podman exec "$1" "${command[@]}" >/dev/null 2>&1 || true
  podman kill --signal TERM "$1" >/dev/null 2>&1 || true
}

# The data image fills an emptyDir-like directory.
data="${work}/volume"
mkdir -m 0777 "${data}"
if out=$(podman run --rm "${run_flags[@]}" --network none "${secure[@]}" \
  -v "${data}:/data" "remitrank-data:${version}" 2>&1) &&
  [[ "$(readlink "${data}/..data")" == "..${version}" ]] &&
  cmp -s "${data}/sample_corridors.textproto" testdata/sample_corridors.textproto; then
  record "data image publishes ${version} in the atomic-writer layout" OK
else
  record "data image publishes ${version} in the atomic-writer layout" \
    "publish-dataset.sh said: ${out}; ${data}: $(ls -a "${data}" | tr '\n' ' ')"
fi

# The dataset-refresh sidecar, its library starting at the same version.
library="${work}/library"
mkdir -p "${library}/${version}" "${library}/other-1" "${library}/broken-1"
cp testdata/sample_corridors.textproto "${library}/${version}/"
cp testdata/survey_periods.textproto "${library}/other-1/sample_corridors.textproto"
echo "not a dataset" >"${library}/broken-1/sample_corridors.textproto"
echo "${version}" >"${library}/CURRENT"
podman run -d --name "${prefix}refresh" "${run_flags[@]}" --network none "${secure[@]}" \
  -v "${library}:/library:ro" -v "${data}:/data" "remitrank-data:${version}" \
  --follow=1 /library /data >/dev/null

# Pod a.
ip_a=$(start_pause "${prefix}a")
start_members "${prefix}a"
serving() { [[ "$(health_via "$1:${health_port}")" == SERVING ]]; }
until_true 60 serving "${ip_a}" || true
loaded=$(loaded_version "${prefix}a-server" loaded)
user=$(podman top "${prefix}a-server" huser 2>/dev/null | tail -n +2 | tr -d ' ')
if [[ "${user}" == 65532 ]] &&
  [[ "$(podman inspect --format '{{.HostConfig.ReadonlyRootfs}}' "${prefix}a-server")" == true ]]; then
  record "the server runs as uid 65532 on a read-only root" OK
else
  record "the server runs as uid 65532 on a read-only root" "host user '${user}'"
fi
answer=$(rank_via "${ip_a}:${grpc_port}")
if [[ -n "${loaded}" && "${answer}" == "${loaded}"* ]]; then
  record "a pod of the Deployment's server and edge answers RankOffers on the edge's port, from the dataset the server loaded" OK
else
  record "a pod of the Deployment's server and edge answers RankOffers on the edge's port, from the dataset the server loaded" \
    "loaded '${loaded}', answered '${answer}'; logs: $(podman logs "${prefix}a-server" 2>&1 | tail -2) $(podman logs "${prefix}a-edge" 2>&1 | tail -2)"
fi
health=$(health_via "${ip_a}:${health_port}")
if [[ "${health}" == SERVING ]]; then
  record "the health-only port answers the gRPC health check (the kubelet's probe)" OK
else
  record "the health-only port answers the gRPC health check (the kubelet's probe)" "got '${health}'"
fi
refused=$(rank_via "${ip_a}:${health_port}")
if [[ -n "${loaded}" && "${refused}" != "${loaded}"* ]]; then
  record "the health-only port refuses RankOffers" OK
else
  record "the health-only port refuses RankOffers" "answered '${refused}'"
fi
server_port=$(printf '%s\n' "${server_args[@]}" | sed -n 's/^--listen=.*:\([0-9]*\)$/\1/p')
if [[ -n "${loaded}" && "$(rank_via "${ip_a}:${server_port}")" != "${loaded}"* ]]; then
  record "the server's own port is not reachable from outside the pod" OK
else
  record "the server's own port is not reachable from outside the pod" "it answered"
fi

# Pod t: the TLS component's flags and Secret mount (a certificate made
# here for the pod's address); the health-only port stays plaintext.
secret="${work}/tls"
mkdir -p "${secret}"
pod_volumes=(-v "${secret}:${tls_mount}:ro")
ip_t=$(start_pause "${prefix}t")
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
  -subj /CN=remitrank -addext "subjectAltName=IP:${ip_t}" \
  -keyout "${secret}/tls.key" -out "${secret}/tls.crt" 2>/dev/null
chmod 0444 "${secret}/tls.key"
start_members "${prefix}t" "${tls_args[@]}"
pod_volumes=()
answers_tls() { [[ "$(rank_via "${ip_t}:${grpc_port}" --tls_ca="${secret}/tls.crt")" == "${loaded}"* ]]; }
if [[ -n "${tls_mount}" ]] && until_true 60 answers_tls && serving "${ip_t}" &&
  [[ "$(rank_via "${ip_t}:${grpc_port}")" != "${loaded}"* ]]; then
  record "with components/tls the edge answers over TLS only, and health stays plaintext" OK
else
  record "with components/tls the edge answers over TLS only, and health stays plaintext" \
    "flags '${tls_args[*]}' at ${ip_t}; over TLS '$(rank_via "${ip_t}:${grpc_port}" --tls_ca="${secret}/tls.crt")'; health '$(health_via "${ip_t}:${health_port}")'; edge: $(podman logs "${prefix}t-edge" 2>&1 | tail -2)"
fi
podman rm -f -t 0 "${prefix}t-edge" "${prefix}t-server" >/dev/null 2>&1 || true
podman rm -f -t 0 "${prefix}t-pause" >/dev/null 2>&1 || true

# A new dataset version in the library: the sidecar publishes it, the
# server's directory watch reloads it.
echo "other-1" >"${library}/CURRENT"
reloaded() { logged "${prefix}a-server" "reloaded dataset"; }
until_true 60 reloaded || true
other=$(loaded_version "${prefix}a-server" reloaded)
now=$(version_via "${ip_a}:${grpc_port}")
if [[ -n "${other}" && "${other}" != "${loaded}" && "${now}" == "${other}"* ]]; then
  record "a version the dataset-refresh sidecar publishes is served without a restart" OK
else
  record "a version the dataset-refresh sidecar publishes is served without a restart" \
    "reloaded '${other}', answered '${now}'; sidecar: $(podman logs "${prefix}refresh" 2>&1 | tail -2)"
fi
# A broken one: refused, the last good one keeps serving.
echo "broken-1" >"${library}/CURRENT"
refused() { logged "${prefix}a-server" "reload refused"; }
if until_true 60 refused && [[ -n "${other}" && "$(version_via "${ip_a}:${grpc_port}")" == "${other}"* ]]; then
  record "a broken version the sidecar publishes is refused; the last good one serves" OK
else
  record "a broken version the sidecar publishes is refused; the last good one serves" \
    "log: $(podman logs "${prefix}a-server" 2>&1 | tail -2)"
fi
echo "other-1" >"${library}/CURRENT"
republished() { [[ "$(readlink "${data}/..data")" == "..other-1" ]]; }
until_true 30 republished || true

# Pod b; then pod a terminated as the kubelet does it (each container's
# preStop hook from the manifest, SIGTERM when it returns) while a client
# with docs/client/service_config.json calls both pods' edges.
ip_b=$(start_pause "${prefix}b")
start_members "${prefix}b"
until_true 60 serving "${ip_b}" || true
/usr/bin/python3 deploy/check_client.py load \
  --targets="${ip_a}:${grpc_port},${ip_b}:${grpc_port}" \
  --service_config=docs/client/service_config.json --rate=60 \
  --started="${work}/load.started" --stop="${work}/load.stop" >"${work}/load.out" 2>&1 &
load=$!
load_started() { [[ -s "${work}/load.started" ]]; }
until_true 30 load_started || true
run_hook "${prefix}a-server" "${manifest[1]}" &
server_hook=$!
run_hook "${prefix}a-edge" "${manifest[3]}" &
edge_hook=$!
wait "${server_hook}"
not_serving() { [[ "$(health_via "${ip_a}:${health_port}")" == NOT_SERVING ]]; }
if until_true 10 not_serving; then
  record "on SIGTERM the health-only port reports NOT_SERVING while the server drains" OK
else
  record "on SIGTERM the health-only port reports NOT_SERVING while the server drains" \
    "got '$(health_via "${ip_a}:${health_port}")'"
fi
code=$(podman wait "${prefix}a-server" 2>/dev/null || echo "?")
if [[ "${code}" == 0 ]] && logged "${prefix}a-server" "stopped"; then
  record "the server exits 0 on SIGTERM after draining" OK
else
  record "the server exits 0 on SIGTERM after draining" \
    "exit code ${code}; log: $(podman logs "${prefix}a-server" 2>&1 | tail -3)"
fi
wait "${edge_hook}"
edge_code=$(podman wait "${prefix}a-edge" 2>/dev/null || echo "?")
# Three more seconds of load, on pod b alone; then the count.
sleep 3
touch "${work}/load.stop"
wait "${load}" || true
result=$(tail -1 "${work}/load.out")
if [[ "${result}" =~ ^calls=([0-9]+)\ failed=0$ ]] && ((BASH_REMATCH[1] > 100)); then
  record "a pod terminated as the kubelet does, under load on both pods: no failed call (${result})" OK
else
  record "a pod terminated as the kubelet does, under load on both pods: no failed call" \
    "${result}; edge exit ${edge_code}; edge: $(podman logs "${prefix}a-edge" 2>&1 | tail -2)"
fi

write_junit
bad=0
for f in "${failures[@]}"; do [[ -z "${f}" ]] || bad=$((bad + 1)); done
echo "deploy/images: $((${#names[@]} - bad)) passed, ${bad} failed"
[[ ${bad} -eq 0 ]]
