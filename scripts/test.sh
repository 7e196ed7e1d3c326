#!/usr/bin/env bash
# Runs every test (unit, and integration on real Docker), after making sure what the tests need is there:
#   - a Docker engine and the SDK's base image (scripts/ensure-docker.sh; root only when it has to install or start),
#   - tuf-js 5.0.1, the independent TUF client of the repository tests, in $TUFJS_DIR
#     (default ~/.cache/twoliter-ci/tufjs; needs Node 20 and npm, installed from Debian when missing),
#   - Debian's docker-registry, the OCI registry the registry client's tests start on 127.0.0.1,
#   - Debian's skopeo, which KitPublishIT uses to inspect pushed kits independently of our client.
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

./mvnw -B verify "$@"
