#!/bin/bash
# build-package.sh: builds one package's RPMs inside a container of the
# project's SDK image (sdk/Dockerfile). buildsys copies this script into the
# container and runs it; it is not meant to run anywhere else.
#
# CONTRACT
#   Container: created from the SDK image with "--network none", user root,
#   working directory /. The caller copies in a tar with the layout below,
#   runs "bash /twoliter/build-package.sh", then copies /twoliter/output/ out.
#
#   Environment (all required):
#     PACKAGE             package name = directory and spec name, e.g. hello-agent
#     ARCH                target architecture: x86_64 or aarch64
#     BUILD_ID            build id, e.g. abc1234 or abc1234-dirty
#     BUILD_ID_TIMESTAMP  unix seconds, e.g. 1718000000
#
#   Input (read only; nothing here is modified):
#     /twoliter/package/          every file of packages/$PACKAGE: the spec
#                                 ($PACKAGE.spec), Cargo.toml, patches, and the
#                                 already-fetched external files. The top-level
#                                 entries not starting with "." are copied to
#                                 %{_sourcedir}.
#     /twoliter/sources/<group>/  source groups, copied to
#                                 %{_builddir}/sources/<group>, which specs read
#                                 as %{_cross_buildsrcdir}/<group>. May be absent.
#     /twoliter/deps/*.rpm        RPMs of the packages this one build-depends on
#                                 (debuginfo/debugsource RPMs are ignored). May
#                                 be empty or absent.
#     /twoliter/kits/<kit>/       yum repositories (Packages/ + repodata/) of the
#                                 local kits it depends on. May be absent.
#     /twoliter/external-kits/<vendor>/<kit>/
#                                 yum repositories of the external kits
#                                 (fetched from registries). May be absent.
#
#   What it does:
#     1. As root, sets up /home/builder/rpmbuild (SOURCES, SPECS, BUILD/sources)
#        owned by builder, and ~builder/.rpmmacros from
#        /usr/lib/rpm/platform/$ARCH-bottlerocket/macros.
#     2. If there are dependency RPMs or kits: as builder, reads the spec's
#        BuildRequires ("rpmspec -q --buildrequires" with the defines of step
#        3) and writes them into a source RPM of a spec holding nothing else.
#        Then, as root, indexes the dependency RPMs with createrepo_c and runs
#        "dnf builddep" on that source RPM, whose header dnf reads without
#        running anything, against ONLY those local repositories (--disablerepo
#        '*', --repofrompath, --nogpgcheck, --forcearch $ARCH), with no
#        scriptlets or triggers (tsflags=noscripts,notriggers), installing the
#        BuildRequires into the SDK's rpm database (/var/lib/rpm, see
#        sdk/rpm/macros.bottlerocket-cross). Spec code (%(...), %{lua:...},
#        scriptlets of the project's RPMs) never runs as root.
#     3. As builder, in /home/builder with a clean environment:
#          rpmbuild -bb --clean --undefine _auto_set_build_flags
#            --target $ARCH --define "_target_cpu $ARCH"
#            --define "dist .$BUILD_ID_TIMESTAMP.<BUILD_ID without -dirty>.br1"
#            /home/builder/rpmbuild/SPECS/$PACKAGE.spec
#        (--target also loads rpm's platform macros for $ARCH, so %_arch and
#        the "(aarch-64)" ISA of self-provides are the target's.)
#     4. Copies to /twoliter/output/ the RPMs rpmbuild wrote: the regular
#        files (not links) *.rpm directly in RPMS/$ARCH/ and RPMS/noarch/.
#        Anything else under RPMS (a subdirectory a spec made) is ignored.
#
#   Output: /twoliter/output/ holds exactly the RPMs of this build (binary
#   RPMs of every subpackage, arch $ARCH, or noarch for BuildArch: noarch
#   subpackages), named like
#     bottlerocket-hello-agent-1.0.0-1.1718000000.abc1234.br1.aarch64.rpm
#   owned by root, mode 0644. It is emptied first.
#
#   Exit status: 0 on success. On any failure, non-zero with a line starting
#   "build-package: error:" on stderr; /twoliter/output/ may then be empty or
#   incomplete and must not be used. Build logs go to stdout and stderr.
#
#   Network: none is needed or tried: dnf only reads local file:// repositories
#   and the specs only use files that were copied in.
set -euo pipefail
shopt -s nullglob

readonly ME=build-package
readonly TW=/twoliter
readonly OUTPUT="${TW}/output"
readonly BUILDER=builder
readonly BUILDER_HOME=/home/builder
readonly TOPDIR="${BUILDER_HOME}/rpmbuild"

log() { echo "${ME}: $*" >&2; }
die() { echo "${ME}: error: $*" >&2; exit 1; }
# Any command that fails without its own message still says where.
on_err() {
  local rc=$?
  echo "${ME}: error: \"${BASH_COMMAND}\" failed (exit ${rc}, line ${BASH_LINENO[0]})" >&2
}
trap on_err ERR

# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------
[[ "$(id -u)" -eq 0 ]] || die "must run as root (it installs build dependencies and switches to ${BUILDER})"

PACKAGE="${PACKAGE:-}"
ARCH="${ARCH:-}"
BUILD_ID="${BUILD_ID:-}"
BUILD_ID_TIMESTAMP="${BUILD_ID_TIMESTAMP:-}"

[[ -n "${PACKAGE}" ]] || die "PACKAGE is not set"
[[ "${PACKAGE}" =~ ^[A-Za-z0-9][A-Za-z0-9._+-]*$ ]] || die "PACKAGE '${PACKAGE}' is not a valid package name"
case "${ARCH}" in
  x86_64|aarch64) ;;
  "") die "ARCH is not set" ;;
  *) die "ARCH '${ARCH}' is not supported (x86_64 or aarch64)" ;;
esac
[[ -n "${BUILD_ID}" ]] || die "BUILD_ID is not set"
[[ "${BUILD_ID_TIMESTAMP}" =~ ^[0-9]+$ ]] || die "BUILD_ID_TIMESTAMP '${BUILD_ID_TIMESTAMP}' is not a number of seconds"

# The dist tag goes into the RPM Release, which may not contain '-'.
build_id="${BUILD_ID%-dirty}"
[[ "${build_id}" =~ ^[A-Za-z0-9._+~]+$ ]] \
  || die "BUILD_ID '${BUILD_ID}' cannot go into an RPM release (letters, digits and . _ + ~ only, plus a trailing -dirty)"
readonly DIST=".${BUILD_ID_TIMESTAMP}.${build_id}.br1"

readonly PKG_DIR="${TW}/package"
readonly SPEC_NAME="${PACKAGE}.spec"
[[ -d "${PKG_DIR}" ]] || die "${PKG_DIR} is missing: the package's files were not copied in"
[[ -f "${PKG_DIR}/${SPEC_NAME}" ]] || die "${PKG_DIR}/${SPEC_NAME} is missing"
readonly PLATFORM_MACROS="/usr/lib/rpm/platform/${ARCH}-bottlerocket/macros"
[[ -f "${PLATFORM_MACROS}" ]] || die "${PLATFORM_MACROS} is missing: is this the project's SDK image?"
id "${BUILDER}" >/dev/null 2>&1 || die "user ${BUILDER} is missing: is this the project's SDK image?"

log "package ${PACKAGE}, arch ${ARCH}, dist ${DIST}"

# ---------------------------------------------------------------------------
# 1. The rpmbuild tree
# ---------------------------------------------------------------------------
rm -rf "${OUTPUT}"
mkdir -p "${OUTPUT}"

rm -rf "${TOPDIR}"
mkdir -p "${TOPDIR}"/{BUILD,BUILDROOT,RPMS,SOURCES,SPECS,SRPMS}
install -m 0644 "${PLATFORM_MACROS}" "${BUILDER_HOME}/.rpmmacros"

# Sources: the package directory's top-level entries, hidden ones excepted
# (e.g. half-downloaded ".file" temporaries), symlinks followed.
for entry in "${PKG_DIR}"/*; do
  cp -R -L -p "${entry}" "${TOPDIR}/SOURCES/" || die "cannot copy ${entry} to SOURCES"
done
cp -p "${PKG_DIR}/${SPEC_NAME}" "${TOPDIR}/SPECS/${SPEC_NAME}"

# Source groups.
mkdir -p "${TOPDIR}/BUILD/sources"
if [[ -d "${TW}/sources" ]]; then
  cp -R -p "${TW}/sources/." "${TOPDIR}/BUILD/sources/" || die "cannot copy the source groups"
fi
chown -R "${BUILDER}:${BUILDER}" "${TOPDIR}" "${BUILDER_HOME}/.rpmmacros"

# Runs a command as builder in its home with a clean environment: only what a
# login as builder would have, plus a locale.
as_builder() {
  runuser -u "${BUILDER}" -- env -i --chdir="${BUILDER_HOME}" \
    HOME="${BUILDER_HOME}" USER="${BUILDER}" LOGNAME="${BUILDER}" SHELL=/bin/bash \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 \
    "$@"
}

# The defines every reading of the spec gets. _target_cpu selects the target:
# the SDK's macros derive the cross toolchain, install paths and package arch
# from it. --target additionally loads rpm's platform macros for the target
# instead of the build host's (%_arch, %__isa), so self-provides read
# "(aarch-64)" and not "(x86-64)".
readonly SPEC_DEFINES=(--target "${ARCH}" --define "_target_cpu ${ARCH}" --define "dist ${DIST}")

# ---------------------------------------------------------------------------
# 2. Build dependencies, from local repositories only
# ---------------------------------------------------------------------------
repo_args=()
dep_rpms=()
if [[ -d "${TW}/deps" ]]; then
  for rpm in "${TW}/deps"/*.rpm; do
    case "${rpm##*/}" in
      *-debuginfo-*|*-debugsource-*) continue ;;
    esac
    [[ -s "${rpm}" ]] || die "${rpm} is empty"
    dep_rpms+=("${rpm}")
  done
fi
if (( ${#dep_rpms[@]} > 0 )); then
  # Indexed in a directory of links, so the input stays untouched.
  deps_repo="$(mktemp -d /tmp/twoliter-deps.XXXXXX)"
  ln -s "${dep_rpms[@]}" "${deps_repo}/"
  log "indexing ${#dep_rpms[@]} dependency RPMs"
  createrepo_c --quiet --no-database "${deps_repo}" \
    || die "createrepo_c failed on the dependency RPMs"
  repo_args+=(--repofrompath "twoliter-deps,file://${deps_repo}" --enablerepo twoliter-deps)
fi
if [[ -d "${TW}/kits" ]]; then
  for kit_dir in "${TW}/kits"/*/; do
    kit_dir="${kit_dir%/}"
    kit="${kit_dir##*/}"
    [[ -f "${kit_dir}/repodata/repomd.xml" ]] \
      || die "kit ${kit}: ${kit_dir}/repodata/repomd.xml is missing (not a yum repository)"
    log "using kit ${kit}"
    repo_args+=(--repofrompath "kit-${kit},file://${kit_dir}" --enablerepo "kit-${kit}")
  done
fi
if [[ -d "${TW}/external-kits" ]]; then
  for kit_dir in "${TW}/external-kits"/*/*/; do
    kit_dir="${kit_dir%/}"
    kit="${kit_dir#"${TW}/external-kits/"}"
    [[ -f "${kit_dir}/repodata/repomd.xml" ]] \
      || die "external kit ${kit}: ${kit_dir}/repodata/repomd.xml is missing (not a yum repository)"
    log "using external kit ${kit}"
    # vendor/name -> ext-vendor-name, as upstream's "tr -s '/' '-'".
    repo_args+=(--repofrompath "ext-${kit//\//-},file://${kit_dir}" --enablerepo "ext-${kit//\//-}")
  done
fi

# Only builder reads the spec. What root hands to dnf is a source RPM whose
# header holds the BuildRequires as builder's rpm expanded them.
requires=()
if (( ${#repo_args[@]} > 0 )); then
  log "reading the BuildRequires of ${SPEC_NAME} as ${BUILDER}"
  if ! listed="$(as_builder rpmspec -q --buildrequires "${SPEC_DEFINES[@]}" "${TOPDIR}/SPECS/${SPEC_NAME}")"; then
    die "rpmspec could not read the BuildRequires of ${SPEC_NAME}"
  fi
  while IFS= read -r require; do
    if [[ -n "${require// /}" ]]; then
      requires+=("${require}")
    fi
  done <<<"${listed}"
fi
if (( ${#requires[@]} > 0 )); then
  reqs_dir="$(mktemp -d /tmp/twoliter-buildreqs.XXXXXX)"
  {
    printf '%s\n' "Name: twoliter-buildrequires" "Version: 0" "Release: 0" "License: none" \
      "Summary: The BuildRequires of ${SPEC_NAME}"
    printf 'BuildRequires: %s\n' "${requires[@]}"
    printf '%s\n' "%description" "The BuildRequires of ${SPEC_NAME}, for dnf builddep."
  } >"${reqs_dir}/buildrequires.spec"
  chown -R "${BUILDER}:${BUILDER}" "${reqs_dir}"
  if ! as_builder rpmbuild -bs --nodeps --define "_topdir ${reqs_dir}" "${reqs_dir}/buildrequires.spec" >/dev/null
  then
    die "cannot write the BuildRequires of ${SPEC_NAME} into a source RPM"
  fi
  reqs_srpm="${reqs_dir}/SRPMS/twoliter-buildrequires-0-0.src.rpm"
  [[ -f "${reqs_srpm}" && ! -L "${reqs_srpm}" ]] || die "rpmbuild did not write ${reqs_srpm}"
  log "installing ${#requires[@]} build dependencies with dnf builddep"
  dnf_cache="$(mktemp -d /tmp/twoliter-dnf.XXXXXX)"
  # --releasever: Debian has no system-release package for dnf to read it
  # from; local repositories do not use it.
  if ! dnf -y \
      --disablerepo '*' "${repo_args[@]}" \
      --nogpgcheck \
      --forcearch "${ARCH}" \
      --releasever bottlerocket \
      --setopt "cachedir=${dnf_cache}" \
      --setopt skip_if_unavailable=False \
      --setopt install_weak_deps=False \
      --setopt tsflags=noscripts,notriggers \
      builddep \
      "${reqs_srpm}"; then
    die "dnf builddep failed: a BuildRequires of ${SPEC_NAME} is not in the dependency RPMs or kits"
  fi
  rm -rf "${dnf_cache}" "${reqs_dir}"
elif (( ${#repo_args[@]} > 0 )); then
  log "${SPEC_NAME} has no BuildRequires: nothing to install before rpmbuild"
else
  log "no dependency RPMs or kits: nothing to install before rpmbuild"
fi

# ---------------------------------------------------------------------------
# 3. rpmbuild, as builder
# ---------------------------------------------------------------------------
log "rpmbuild -bb ${SPEC_NAME}"
if ! as_builder rpmbuild -bb --clean \
    --undefine _auto_set_build_flags \
    "${SPEC_DEFINES[@]}" \
    "${TOPDIR}/SPECS/${SPEC_NAME}"; then
  die "rpmbuild failed for ${PACKAGE} (${ARCH})"
fi

# ---------------------------------------------------------------------------
# 4. Output
# ---------------------------------------------------------------------------
# rpmbuild writes each RPM directly in RPMS/<its arch>/. Anything else there
# (a subdirectory, a link or another file a spec made) is not taken.
built=()
while IFS= read -r -d '' file; do
  dir="${file%/*}"
  if [[ ( "${dir}" == "${TOPDIR}/RPMS/${ARCH}" || "${dir}" == "${TOPDIR}/RPMS/noarch" ) \
        && "${file}" == *.rpm && -f "${file}" && ! -L "${file}" ]]; then
    built+=("${file}")
  else
    log "ignoring RPMS/${file#"${TOPDIR}/RPMS/"}: rpmbuild writes only RPMs directly in RPMS/${ARCH}/ and RPMS/noarch/"
  fi
done < <(find "${TOPDIR}/RPMS" -mindepth 1 ! -type d -print0 | sort -z)
(( ${#built[@]} > 0 )) || die "rpmbuild succeeded but produced no RPMs in ${TOPDIR}/RPMS/${ARCH} or noarch"
for rpm in "${built[@]}"; do
  install -m 0644 "${rpm}" "${OUTPUT}/"
  log "built ${rpm##*/}"
done
log "done: ${#built[@]} RPMs in ${OUTPUT}"
