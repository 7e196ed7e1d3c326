#!/bin/bash
# build-kit.sh: indexes a kit's RPMs as a yum repository inside a container
# of the project's SDK image (sdk/Dockerfile). buildsys copies this script
# into the container and runs it; it is not meant to run anywhere else.
#
# CONTRACT
#   Container: created from the SDK image with "--network none", user root,
#   working directory /. The caller copies in a tar with the layout below,
#   runs "bash /twoliter/build-kit.sh", then copies /twoliter/output/ out.
#
#   Environment (all required):
#     KIT    kit name, e.g. core-kit (used in messages only)
#     ARCH   target architecture: x86_64 or aarch64
#
#   Input:
#     /twoliter/kit/Packages/<pkg>/*.rpm   the kit's RPMs, staged by the caller
#                                          as regular files: the $ARCH RPMs of
#                                          each package, no noarch, debuginfo
#                                          or debugsource ones. Nothing else may
#                                          be under Packages/.
#   Anything else under /twoliter/kit/ (an old repodata/) is replaced.
#
#   What it does:
#     1. Checks that every staged RPM is readable and of arch $ARCH.
#     2. Runs createrepo_c on /twoliter/kit, as reproducibly as createrepo_c
#        allows: the repository revision and the repomd.xml timestamps are the
#        newest BUILDTIME of the staged RPMs (--revision
#        --set-timestamp-to-revision), every RPM's mtime (recorded in the
#        metadata) is set to its own BUILDTIME first, no sqlite databases
#        (--no-database) and one worker. So the same RPMs give the same
#        repodata, byte for byte.
#     3. Sanity check: "dnf repoquery --all" on the new repository (local only,
#        --forcearch $ARCH) must list every staged RPM, and nothing else.
#     4. Copies /twoliter/kit/repodata to /twoliter/output/repodata.
#
#   Output: /twoliter/output/repodata/ (repomd.xml, primary, filelists and
#   other metadata; file names carry their checksums). Package locations in
#   it are relative to the kit directory: Packages/<pkg>/<file>.rpm. The
#   output directory is emptied first.
#
#   Exit status: 0 on success. On any failure, non-zero with a line starting
#   "build-kit: error:" on stderr; /twoliter/output/ must then not be used.
#
#   Network: none is needed or tried.
set -euo pipefail
shopt -s nullglob

readonly ME=build-kit
readonly TW=/twoliter
readonly KIT_DIR="${TW}/kit"
readonly OUTPUT="${TW}/output"

log() { echo "${ME}: $*" >&2; }
die() { echo "${ME}: error: $*" >&2; exit 1; }
on_err() {
  local rc=$?
  echo "${ME}: error: \"${BASH_COMMAND}\" failed (exit ${rc}, line ${BASH_LINENO[0]})" >&2
}
trap on_err ERR

# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------
KIT="${KIT:-}"
ARCH="${ARCH:-}"
[[ -n "${KIT}" ]] || die "KIT is not set"
case "${ARCH}" in
  x86_64|aarch64) ;;
  "") die "ARCH is not set" ;;
  *) die "ARCH '${ARCH}' is not supported (x86_64 or aarch64)" ;;
esac
[[ -d "${KIT_DIR}/Packages" ]] || die "${KIT_DIR}/Packages is missing: no RPMs were staged"

rm -rf "${OUTPUT}"
mkdir -p "${OUTPUT}"

# ---------------------------------------------------------------------------
# 1. The staged RPMs
# ---------------------------------------------------------------------------
staged=("${KIT_DIR}"/Packages/*/*.rpm)
(( ${#staged[@]} > 0 )) || die "no RPMs in ${KIT_DIR}/Packages/<package>/"
# Only Packages/<package>/<file>.rpm (regular files) belong there.
stray=()
while IFS= read -r -d '' f; do stray+=("${f#"${KIT_DIR}/"}"); done < <(
  find "${KIT_DIR}/Packages" -mindepth 1 -maxdepth 1 ! -type d -print0
  find "${KIT_DIR}/Packages" -mindepth 2 -maxdepth 2 ! \( -type f -name '*.rpm' \) -print0
  find "${KIT_DIR}/Packages" -mindepth 3 -print0)
(( ${#stray[@]} == 0 )) || die "unexpected entries under Packages/ (only Packages/<package>/*.rpm belong there): ${stray[*]}"

log "kit ${KIT}, arch ${ARCH}: ${#staged[@]} RPMs"
declare -A expected=()
revision=0
for rpm in "${staged[@]}"; do
  rel="${rpm#"${KIT_DIR}/"}"
  [[ -s "${rpm}" ]] || die "${rel} is empty"
  if ! info="$(rpm -qp --nosignature --nodigest \
                 --qf '%{ARCH} %{BUILDTIME} %{NAME}-%{VERSION}-%{RELEASE}.%{ARCH}\n' "${rpm}")"; then
    die "${rel} is not a readable RPM"
  fi
  read -r rpm_arch buildtime nevra <<<"${info}"
  [[ "${rpm_arch}" == "${ARCH}" ]] || die "${rel} is for ${rpm_arch}, not ${ARCH}"
  [[ "${buildtime}" =~ ^[0-9]+$ ]] || die "${rel} has no build time"
  [[ -z "${expected[${nevra}]:-}" ]] || die "${nevra} is staged twice: ${expected[${nevra}]} and ${rel}"
  expected[${nevra}]="${rel}"
  # createrepo_c records each file's mtime: make it a property of the RPM.
  touch -m -d "@${buildtime}" "${rpm}"
  if (( buildtime > revision )); then revision="${buildtime}"; fi
done

# ---------------------------------------------------------------------------
# 2. The repository metadata
# ---------------------------------------------------------------------------
rm -rf "${KIT_DIR}/repodata" "${KIT_DIR}/.repodata"
log "createrepo_c (revision ${revision})"
if ! createrepo_c \
    --no-database \
    --revision "${revision}" \
    --set-timestamp-to-revision \
    --workers 1 \
    --error-exit-val \
    "${KIT_DIR}"; then
  die "createrepo_c failed on ${KIT_DIR}"
fi
[[ -f "${KIT_DIR}/repodata/repomd.xml" ]] || die "createrepo_c wrote no repodata/repomd.xml"

# ---------------------------------------------------------------------------
# 3. Sanity check: dnf sees exactly the staged RPMs
# ---------------------------------------------------------------------------
dnf_cache="$(mktemp -d /tmp/twoliter-dnf.XXXXXX)"
if ! listed="$(dnf -q \
      --disablerepo '*' \
      --repofrompath "kit-${KIT//[^A-Za-z0-9_.-]/_},file://${KIT_DIR}" \
      --enablerepo "kit-${KIT//[^A-Za-z0-9_.-]/_}" \
      --nogpgcheck \
      --forcearch "${ARCH}" \
      --releasever bottlerocket \
      --setopt "cachedir=${dnf_cache}" \
      --setopt skip_if_unavailable=False \
      repoquery --all \
      --qf '%{name}-%{version}-%{release}.%{arch}')"; then
  die "dnf repoquery failed on the new repository"
fi
rm -rf "${dnf_cache}"

declare -A seen=()
while IFS= read -r nevra; do
  [[ -n "${nevra}" ]] || continue
  [[ -n "${expected[${nevra}]:-}" ]] || die "dnf lists ${nevra}, which was not staged"
  seen[${nevra}]=1
done <<<"${listed}"
missing=()
for nevra in "${!expected[@]}"; do
  [[ -n "${seen[${nevra}]:-}" ]] || missing+=("${expected[${nevra}]}")
done
(( ${#missing[@]} == 0 )) || die "dnf does not list these staged RPMs: ${missing[*]}"
log "dnf lists all ${#expected[@]} RPMs"

# ---------------------------------------------------------------------------
# 4. Output
# ---------------------------------------------------------------------------
cp -R -p "${KIT_DIR}/repodata" "${OUTPUT}/repodata"
log "done: ${OUTPUT}/repodata"
