#!/usr/bin/env bash
# Runs every test (unit, and integration on real Docker), after making sure what the tests need is there:
#   - a Docker engine and the SDK's base image (scripts/ensure-docker.sh; root only when it has to install or start),
#   - tuf-js 5.0.1, the independent TUF client of the repository tests, in $TUFJS_DIR
#     (default ~/.cache/twoliter-ci/tufjs; needs Node 20 and npm, installed from Debian when missing),
#   - Debian's docker-registry, the OCI registry the registry client's tests start on 127.0.0.1,
#   - Debian's skopeo, which KitPublishIT uses to inspect pushed kits independently of our client,
#   - QEMU with its firmware (qemu-system-x86, qemu-system-arm, ovmf, qemu-efi-aarch64), lz4 and gdisk, with which
#     BootIT boots the built images through scripts/boot-test.sh.
# Extra arguments go to Maven, e.g. scripts/test.sh -Dit.test=RepoIT
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/ensure-docker.sh

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends nodejs npm
fi
export TUFJS_DIR="${TUFJS_DIR:-${HOME}/.cache/twoliter-ci/tufjs}"
if [[ ! -f "${TUFJS_DIR}/node_modules/tuf-js/package.json" ]]; then
  mkdir -p "${TUFJS_DIR}"
  (cd "${TUFJS_DIR}" && npm install --no-audit --no-fund --silent tuf-js@5.0.1)
fi

if [[ ! -x /usr/bin/docker-registry ]]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends docker-registry
fi
if ! command -v skopeo >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends skopeo
fi

boot_tools=()
command -v qemu-system-x86_64 >/dev/null 2>&1 || boot_tools+=(qemu-system-x86)
command -v qemu-system-aarch64 >/dev/null 2>&1 || boot_tools+=(qemu-system-arm)
[[ -f /usr/share/OVMF/OVMF_CODE_4M.fd ]] || boot_tools+=(ovmf)
[[ -f /usr/share/AAVMF/AAVMF_CODE.fd ]] || boot_tools+=(qemu-efi-aarch64)
command -v lz4 >/dev/null 2>&1 || boot_tools+=(lz4)
command -v sgdisk >/dev/null 2>&1 || boot_tools+=(gdisk)
if (( ${#boot_tools[@]} > 0 )); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${boot_tools[@]}"
fi

./mvnw -B verify "$@"
