#!/bin/sh
# publish-dataset.sh: publishes one version of a dataset into a data
# directory, in the layout of Kubernetes' atomic writer, which
# `remitrank_server --watch_data` follows:
#   DIR/..VERSION/FILE  the files of one version, never changed once there
#   DIR/..data          -> ..VERSION, replaced by one rename(2)
#   DIR/FILE            -> ..data/FILE   (what the server's --data names)
# The versions come from a library directory:
#   LIBRARY/VERSION/FILE...   one directory per version
#   LIBRARY/CURRENT           the name of the version to serve
#
#   publish-dataset.sh LIBRARY DIR                    publish once, exit
#   publish-dataset.sh --follow=SECONDS LIBRARY DIR   then check CURRENT
#                                                     every SECONDS
# Runs in the remitrank-data image (deploy/image.sh), as the pod's
# "dataset" init container and "dataset-refresh" sidecar
# (deploy/kubernetes/), and on any POSIX shell with coreutils.
set -eu

usage() {
  echo "usage: publish-dataset.sh [--follow=SECONDS] LIBRARY DIR" >&2
  exit 2
}

follow=""
case "${1:-}" in
  --follow=*)
    follow=${1#--follow=}
    shift
    case "${follow}" in "" | *[!0-9]*) usage ;; esac ;;
esac
[ $# -eq 2 ] || usage
library=$1
dir=$2

# publish: makes LIBRARY/CURRENT's version the one DIR/..data points to.
# Returns non-zero (DIR unchanged) when CURRENT or the version is unusable.
publish() {
  if ! read -r version <"${library}/CURRENT"; then
    echo "publish-dataset: cannot read ${library}/CURRENT" >&2
    return 1
  fi
  case "${version}" in
    "" | .* | *[!A-Za-z0-9._-]*)
      echo "publish-dataset: ${library}/CURRENT: '${version}' is not a" \
        "version name (letters, digits, '.', '_', '-')" >&2
      return 1 ;;
  esac
  if [ ! -d "${library}/${version}" ]; then
    echo "publish-dataset: ${library}/CURRENT names ${version}, but" \
      "${library}/${version}/ is not a directory" >&2
    return 1
  fi
  previous=$(readlink "${dir}/..data" 2>/dev/null || true)
  [ "${previous}" != "..${version}" ] || return 0

  # The version's files, copied whole before anything points at them.
  if [ ! -d "${dir}/..${version}" ]; then
    partial="${dir}/..${version}.partial"
    rm -rf "${partial}"
    if ! mkdir "${partial}" || ! cp -R "${library}/${version}/." "${partial}/" ||
      ! mv "${partial}" "${dir}/..${version}"; then
      echo "publish-dataset: cannot copy ${library}/${version} into ${dir}" >&2
      rm -rf "${partial}"
      return 1
    fi
  fi
  # The switch: one rename over the old link.
  rm -f "${dir}/..data.new"
  ln -s "..${version}" "${dir}/..data.new" &&
    mv -T "${dir}/..data.new" "${dir}/..data" || return 1
  # The visible names: a link per file of the version; links to files the
  # version no longer has go.
  for file in "${dir}/..${version}"/*; do
    [ -e "${file}" ] || continue
    name=${file##*/}
    [ -L "${dir}/${name}" ] || ln -s "..data/${name}" "${dir}/${name}"
  done
  for link in "${dir}"/*; do
    if [ -L "${link}" ] && [ ! -e "${link}" ]; then rm -f "${link}"; fi
  done
  # Versions older than the previous one are no longer read by anyone.
  for old in "${dir}"/..?*; do
    case "${old##*/}" in
      ..data | "..${version}" | "${previous:-..data}") ;;
      *) rm -rf "${old}" ;;
    esac
  done
  was=${previous#..}
  echo "publish-dataset: ${dir} now holds ${version} (was ${was:-nothing})"
}

[ -d "${dir}" ] || { echo "publish-dataset: ${dir} is not a directory" >&2; exit 1; }
if [ -z "${follow}" ]; then
  publish
  exit $?
fi
while :; do
  publish || echo "publish-dataset: keeping what ${dir} holds" >&2
  sleep "${follow}"
done
