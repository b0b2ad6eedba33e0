#!/usr/bin/env bash
# Installs the Debian 12 packages remitrank builds and tests with, if any are
# missing. Idempotent and silent when everything is present. Needs root (or
# passwordless sudo) only when something must be installed.
set -euo pipefail

packages=(
  bazel-bootstrap
  g++
  clang lld libclang-rt-14-dev
  libabsl-dev
  libprotobuf-dev protobuf-compiler
  libgrpc++-dev libgrpc-dev protobuf-compiler-grpc grpc-proto
  libssl-dev openssl
  libgtest-dev libgmock-dev
  libbenchmark-dev
  libsqlite3-dev
  libzip-dev libexpat1-dev  # engine/workbook: .xlsx (zip + XML)
  libicu-dev                # cli/i18n: country names, numbers, plurals
  cmake pkg-config          # tools/test_embedding.sh: the CMake examples and
                            # remitrank.pc (Bazel stays the project's build)
  ccache                    # tools/test_embedding.sh: fast CMake rebuilds
  libboost-dev zlib1g-dev   # service/http: Boost.Beast server, gzip
  # google/api/annotations.proto, http.proto and google/rpc/status.proto
  # as .proto sources: remit.v1's HTTP routes and error bodies
  # (third_party/googleapis, bazel/proto.bzl).
  golang-github-gogo-googleapis-dev
  python3-xlsxwriter        # testdata/*/make_*workbook*.py
  python3-pandas python3-openpyxl  # bench/rpw_import_compare.sh
  python3-grpcio python3-protobuf  # examples/client: the Python client
  python3
  valgrind  # bench/loadgen/instructions.sh
  procps    # pgrep, pkill: bench/loadgen/compare.sh
  # bench/loadgen/http_compare.sh: wrk loads the HTTP/JSON API; nginx
  # serves the same answer as a static file, for reference.
  wrk nginx-light
  # deploy/edge/edge.sh runs nginx-light (above); tests/edge/: the
  # adversarial suite's raw HTTP/2 clients
  python3-h2 python3-hpack
  # web/test/run.sh: the widget's browser tests (headless Chromium driven
  # by npm's puppeteer-core and axe-core, pinned in web/package-lock.json)
  chromium fonts-dejavu-core nodejs  # npm: with nodejs, or Debian's npm
  # deploy/image.sh: container images built FROM scratch and run (buildah,
  # podman, runc); the gRPC health check through the edge (python3-grpcio);
  # the Deployment's server arguments read from its YAML (python3-yaml)
  buildah podman runc python3-grpcio python3-yaml
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
# Debian's nodejs comes without npm (a package of its own); NodeSource's
# nodejs includes it. Ask for Debian's npm only when there is none.
command -v npm >/dev/null || missing+=(npm)
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "install_deps: installing missing Debian packages: ${missing[*]}" >&2
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "install_deps: these packages are missing and installing them needs root:" >&2
  echo "  apt-get install ${missing[*]}" >&2
  echo "Run this script as root, or install them and run it again." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >/dev/null
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install_deps: done" >&2
