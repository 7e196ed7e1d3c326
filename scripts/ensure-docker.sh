#!/bin/bash
# Make sure a Docker engine answers on this machine and that the base image of
# the project's SDK (debian:bookworm, see sdk/Dockerfile) is present.
#
#   sudo scripts/ensure-docker.sh
#
# Safe to run any number of times: each step is skipped when its result is
# already there. It runs as root and only needs Debian's package archive:
#
#   1. If "docker info" does not answer, install Debian's docker.io when no
#      dockerd is on PATH, start "dockerd --iptables=false --bridge=none" in
#      the background (its log goes to $TWOLITER_DOCKERD_LOG, by default
#      /var/log/twoliter-dockerd.log) and wait until "docker info" answers.
#      Without a bridge, containers get no network unless they ask for the
#      host's: builds use "docker build --network host" and package builds run
#      with "--network none".
#   2. If the image debian:bookworm is missing, try "docker pull"; when no
#      registry is reachable, build the image from Debian packages with
#      debootstrap, using the apt mirror this machine is configured with, and
#      "docker import" it.
#
# Only plain docker commands (info, image inspect, pull, import) are used, so
# either client works: a newer one in /usr/local/bin or Debian's /usr/bin/docker.
#
# Environment (all optional):
#   TWOLITER_DOCKERD_LOG      dockerd's log file
#   TWOLITER_DOCKERD_TIMEOUT  seconds to wait for the engine (default 60)
#   TWOLITER_BASE_IMAGE       base image to ensure (default debian:bookworm)
set -euo pipefail

readonly DOCKERD_LOG="${TWOLITER_DOCKERD_LOG:-/var/log/twoliter-dockerd.log}"
readonly DOCKERD_TIMEOUT="${TWOLITER_DOCKERD_TIMEOUT:-60}"
readonly BASE_IMAGE="${TWOLITER_BASE_IMAGE:-debian:bookworm}"
# The Debian suite the base image is made of: the image's tag.
readonly SUITE="${BASE_IMAGE##*:}"

log() { echo "ensure-docker: $*" >&2; }
die() { echo "ensure-docker: error: $*" >&2; exit 1; }

docker_answers() { docker info >/dev/null 2>&1; }

# Nothing to do (and no root needed) when the engine answers and has the image.
if docker_answers && docker image inspect "${BASE_IMAGE}" >/dev/null 2>&1; then
  log "docker engine answers and ${BASE_IMAGE} is present"
  exit 0
fi
if [[ "$(id -u)" -ne 0 ]]; then
  die "must run as root (it may install packages and start dockerd)"
fi
command -v docker >/dev/null 2>&1 || [[ -x /usr/bin/docker ]] \
  || log "no docker client on PATH yet; docker.io will provide one"

# Install Debian packages without letting their maintainer scripts start
# services (docker.io would otherwise try to start its own dockerd with the
# default options). policy-rc.d is the standard switch for that; an existing
# one is left alone.
apt_install() {
  local policy=/usr/sbin/policy-rc.d created=0
  if [[ ! -e "${policy}" ]]; then
    printf '#!/bin/sh\nexit 101\n' > "${policy}"
    chmod 0755 "${policy}"
    created=1
  fi
  local rc=0
  apt-get update >&2 || rc=$?
  if [[ ${rc} -eq 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >&2 || rc=$?
  fi
  if [[ ${created} -eq 1 ]]; then rm -f "${policy}"; fi
  [[ ${rc} -eq 0 ]] || die "apt-get install $* failed (exit ${rc})"
}

# ---------------------------------------------------------------------------
# 1. The engine
# ---------------------------------------------------------------------------
start_engine() {
  if ! command -v dockerd >/dev/null 2>&1; then
    log "dockerd not found: installing Debian's docker.io"
    apt_install docker.io
    command -v dockerd >/dev/null 2>&1 || die "docker.io is installed but dockerd is not on PATH"
  fi
  # After installing docker.io, /usr/bin/docker exists even if no other
  # client was on PATH.
  command -v docker >/dev/null 2>&1 || die "no docker client on PATH"

  # A dockerd that is still starting (its pid file names a live process) is
  # waited for rather than started twice.
  local pid=""
  if [[ -s /var/run/docker.pid ]]; then
    pid="$(cat /var/run/docker.pid)"
    if [[ -n "${pid}" ]] && kill -0 "${pid}" 2>/dev/null; then
      log "dockerd is already running (pid ${pid}); waiting for it"
    else
      pid=""
    fi
  fi
  if [[ -z "${pid}" ]]; then
    mkdir -p "$(dirname "${DOCKERD_LOG}")"
    log "starting dockerd --iptables=false --bridge=none (log: ${DOCKERD_LOG})"
    # setsid: its own session, so that it outlives this script and the
    # shell that ran it.
    setsid dockerd --iptables=false --bridge=none >>"${DOCKERD_LOG}" 2>&1 </dev/null &
    pid=$!
  fi

  local waited=0
  until docker_answers; do
    if ! kill -0 "${pid}" 2>/dev/null; then
      tail -n 20 "${DOCKERD_LOG}" >&2 || true
      die "dockerd exited before answering; see ${DOCKERD_LOG}"
    fi
    if (( waited >= DOCKERD_TIMEOUT )); then
      tail -n 20 "${DOCKERD_LOG}" >&2 || true
      die "dockerd did not answer 'docker info' within ${DOCKERD_TIMEOUT} s; see ${DOCKERD_LOG}"
    fi
    sleep 1
    waited=$((waited + 1))
  done
  log "docker engine is up after ${waited} s"
}

if docker_answers; then
  log "docker engine answers"
else
  start_engine
fi

# ---------------------------------------------------------------------------
# 2. The base image
# ---------------------------------------------------------------------------

# The machine's Debian mirror, read from apt's configuration so that no host
# is written here: the first "deb" source carrying the suite itself (not
# -updates or -security), in deb822 files (*.sources) first, then one-line
# ones (sources.list, *.list). Prints nothing when there is none.
apt_mirror() {
  local f uri
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "${f}" ]] || continue
    # deb822: paragraphs separated by blank lines; '#' lines are comments.
    uri="$(awk -v suite="${SUITE}" '
      BEGIN { RS = ""; FS = "\n" }
      {
        types = ""; uris = ""; suites = ""; enabled = "yes"
        for (i = 1; i <= NF; i++) {
          line = $i
          if (line ~ /^[ \t]*#/) continue
          key = tolower(line); sub(/:.*/, "", key)
          val = line; sub(/^[^:]*:[ \t]*/, "", val)
          if (key == "types") types = val
          else if (key == "uris") uris = val
          else if (key == "suites") suites = val
          else if (key == "enabled") enabled = tolower(val)
        }
        if (enabled == "no") next
        if ((" " types " ") !~ / deb /) next
        if ((" " suites " ") !~ (" " suite " ")) next
        split(uris, u, /[ \t]+/)
        print u[1]; exit
      }' "${f}")"
    if [[ -n "${uri}" ]]; then echo "${uri}"; return 0; fi
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f "${f}" ]] || continue
    # deb [options] URI SUITE COMPONENTS...
    uri="$(awk -v suite="${SUITE}" '
      $1 == "deb" {
        i = 2
        if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
        if ($(i + 1) == suite) { print $i; exit }
      }' "${f}")"
    if [[ -n "${uri}" ]]; then echo "${uri}"; return 0; fi
  done
  return 0
}

# Everything under the debootstrap directory is unmounted and removed on
# exit, whether the build worked or not.
rootfs=""
cleanup_rootfs() {
  [[ -n "${rootfs}" && -d "${rootfs}" ]] || return 0
  local m
  # Deepest mount points first (debootstrap mounts proc and sys in the target
  # and may bind /dev; they are unmounted on success, but not always on error).
  awk -v dir="${rootfs}" '$2 == dir || index($2, dir "/") == 1 { print $2 }' /proc/mounts \
    | sort -r | while read -r m; do umount -l "${m}" || true; done
  rm -rf --one-file-system "${rootfs}"
}
trap cleanup_rootfs EXIT

build_base_image() {
  local mirror
  mirror="$(apt_mirror)"
  [[ -n "${mirror}" ]] || die "found no 'deb' source for suite ${SUITE} in /etc/apt/sources.list{,.d/*}: cannot debootstrap ${BASE_IMAGE}"
  if ! command -v debootstrap >/dev/null 2>&1; then
    log "installing debootstrap"
    apt_install debootstrap
  fi
  rootfs="$(mktemp -d "${TMPDIR:-/tmp}/twoliter-rootfs.XXXXXX")"
  log "debootstrap --variant=minbase ${SUITE} ${rootfs} ${mirror}"
  if ! debootstrap --variant=minbase "${SUITE}" "${rootfs}" "${mirror}" >&2; then
    tail -n 20 "${rootfs}/debootstrap/debootstrap.log" >&2 2>/dev/null || true
    die "debootstrap of ${SUITE} from ${mirror} failed"
  fi
  # Like Debian's official images: no package lists or downloaded .debs,
  # and an empty /dev (the engine provides one).
  rm -rf "${rootfs}/var/lib/apt/lists/"* "${rootfs}/var/cache/apt/"*.bin \
         "${rootfs}/var/cache/apt/archives/"*.deb
  awk -v dir="${rootfs}" '$2 == dir || index($2, dir "/") == 1 { print $2 }' /proc/mounts \
    | sort -r | while read -r m; do umount -l "${m}" || true; done
  rm -rf --one-file-system "${rootfs:?}/dev/"*
  log "importing ${rootfs} as ${BASE_IMAGE}"
  tar --numeric-owner -C "${rootfs}" -c . \
    | docker import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["bash"]' \
        - "${BASE_IMAGE}" >&2
}

if docker image inspect "${BASE_IMAGE}" >/dev/null 2>&1; then
  log "image ${BASE_IMAGE} is present"
else
  log "image ${BASE_IMAGE} is missing: trying docker pull"
  if docker pull "${BASE_IMAGE}" >&2; then
    log "pulled ${BASE_IMAGE}"
  else
    log "docker pull failed (no registry reachable?): building ${BASE_IMAGE} with debootstrap"
    build_base_image
  fi
  docker image inspect "${BASE_IMAGE}" >/dev/null 2>&1 \
    || die "image ${BASE_IMAGE} is still missing"
  log "image ${BASE_IMAGE} is ready"
fi
