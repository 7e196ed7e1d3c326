#!/bin/bash
# build-rootfs.sh: builds a variant's root filesystem image and its dm-verity
# hash tree inside a container of the project's SDK image (sdk/Dockerfile).
# buildsys copies this script into the container and runs it; it is not meant
# to run anywhere else. Nothing here depends on the kernel command line or the
# partition layout beyond the two partition sizes, so changing those never
# reruns this step (build-image.sh does the rest).
#
# CONTRACT
#   Container: created from the SDK image with "--network none", user root,
#   working directory /. The caller copies in a tar with the layout below,
#   runs "bash /twoliter/build-rootfs.sh", then copies /twoliter/output/ out.
#   No privileges are needed: no loop devices, no mounts.
#
#   Environment (all required):
#     ARCH           target architecture: x86_64 or aarch64
#     VARIANT        variant name, e.g. aws-k8s-1.29-nvidia
#     VERSION_ID     release version, e.g. 1.0.0
#     BUILD_ID       build id, e.g. abc1234 or abc1234-dirty
#     PRETTY_NAME    e.g. "Bottlerocket OS"
#     IMAGE_NAME     e.g. bottlerocket (used in messages only)
#     PACKAGES       space-separated package names from the variant's
#                    included-packages, e.g. "release kernel-6.1 hello-agent";
#                    bottlerocket-<name> is installed for each, with every
#                    package they Require
#     ROOT_SIZE_MIB  size of the ROOT-A partition in MiB, e.g. 1840: the
#                    filesystem is made at this size, then shrunk
#     HASH_SIZE_MIB  size of the HASH-A partition in MiB, e.g. 20: the hash
#                    tree must fit
#     ROOT_FS        ext4 or erofs
#     DATA_FS        ext4 or xfs (only recorded in image-features.env)
#     SYSTEMD_NETWORKD  yes or no (optional, default no): the variant's
#                    systemd-networkd image feature; yes enables
#                    systemd-networkd.service, which a package must install
#
#   Input (read only):
#     /twoliter/kits/<kit>/        yum repositories (Packages/ + repodata/):
#                                  the variant's kits, one directory each.
#     /twoliter/external-kits/<vendor>/<kit>/
#                                  yum repositories of the external kits
#                                  (fetched from registries). May be absent.
#     /twoliter/rpms/*.rpm         extra RPMs (e.g. the variant's metadata
#                                  RPM). May be absent. Every one of them is
#                                  installed, whether PACKAGES names it or not,
#                                  and they may satisfy each other's and the
#                                  packages' Requires.
#   At least one RPM source must exist. Only $ARCH and noarch RPMs are used.
#
#   What it does:
#     1. Resolves the closure of bottlerocket-<each PACKAGES> plus the extra
#        RPMs with dnf, from ONLY those local repositories (--disablerepo '*',
#        --repofrompath, --forcearch $ARCH, --nogpgcheck, an empty
#        --installroot so nothing already installed counts), downloading the
#        RPMs (--downloadonly) to a scratch directory. No weak dependencies.
#     2. Installs them with "rpm -i --root <root> --ignorearch --noscripts
#        --notriggers" (scriptlets of another architecture cannot run here;
#        Bottlerocket packages have none that matter at image time).
#     3. Writes the application inventory from the installed RPMs:
#          {"Content":[{"Name","Publisher":"Bottlerocket","Version","Release",
#            "Epoch","InstalledTime","ApplicationType","Architecture","Url",
#            "Summary"}, ...]}
#        sorted by Name, every value a string (Epoch "0" when the RPM has
#        none, InstalledTime in UTC like 2024-06-10T12:00:00Z, ApplicationType
#        is the RPM Group), Names as in the RPMs (bottlerocket-...). The number
#        of entries must equal the number of RPMs resolved. It is written to
#        <sys-root>/usr/share/bottlerocket/application-inventory.json (i.e.
#        /usr/share/bottlerocket/ in the image) and to the output.
#     4. Lays the root out like upstream's filesystem package does, for each
#        entry the packages did not install themselves:
#          /usr -> ./<ARCH>-bottlerocket-linux-gnu/sys-root/usr
#          /lib, /lib64 -> ./<sys-root>/usr/lib;  <sys-root>/usr/lib64 -> lib
#          /bin -> ./usr/bin;  /sbin -> ./usr/sbin
#          directories /boot /dev /etc /home /local /media /mnt /opt /proc
#          /root /run /srv /sys /tmp /var and <sys-root>/usr/{bin,sbin,lib,
#          libexec,share}
#        and /etc/os-release -> ../usr/lib/os-release when no package made
#        one. With SYSTEMD_NETWORKD=yes, multi-user.target.wants/ and
#        sockets.target.wants/ get systemd-networkd's service and socket.
#        Then every ELF file's program interpreter and DT_NEEDED libraries
#        must be in the root (found in its RUNPATH, /usr/lib or
#        /usr/lib/<debian triplet>, following links inside the root): an
#        image whose binaries cannot start is refused here. Packages install under /<ARCH>-bottlerocket-linux-gnu/sys-root/
#        (see sdk/rpm/macros.bottlerocket-cross), so /usr/... resolves there.
#     5. Appends to <sys-root>/usr/lib/os-release:
#          VERSION="<VERSION_ID> (<VARIANT>)"
#          PRETTY_NAME="<PRETTY_NAME> <VERSION_ID> (<VARIANT>)"
#          VARIANT_ID=<VARIANT>  VERSION_ID=<VERSION_ID>  BUILD_ID=<BUILD_ID>
#        plus HOME_URL, SUPPORT_URL, BUG_REPORT_URL and DOCUMENTATION_URL with
#        upstream's values for those the file does not set already; and writes
#        <sys-root>/usr/share/bottlerocket/image-features.env with
#        DATA_PARTITION_FILESYSTEM=<DATA_FS>.
#     6. Removes /var/lib (the rpm database: the image has no package
#        manager), adds /boot/.vmlinuz.hmac (FIPS-style HMAC-SHA512 of
#        vmlinuz, key FIPS-FTW-RHT2009, "<hex>  vmlinuz") when there is a
#        vmlinuz, and moves the content of /boot out of the root: it becomes
#        the BOOT partition. /boot stays as an empty mount point.
#     7. Makes the root filesystem:
#          ext4:  mkfs.ext4 -O ^has_journal -b 4096
#                   -E lazy_itable_init=0,stride=1024,stripe_width=1024
#                   -d <root> root.ext4 <ROOT_SIZE_MIB>M, then resize2fs -M,
#                 and the file is cut to the shrunk filesystem's size.
#          erofs: mkfs.erofs -z lz4hc,12 -C 262144 --all-root -T <newest RPM
#                 build time>, which must not exceed ROOT_SIZE_MIB.
#        Files are not SELinux-labelled (no policy in the SDK): upstream's
#        setfiles + debugfs ea_set / --file-contexts step is not done.
#     8. dm-verity: veritysetup format --format 1 --hash sha256
#        --data-block-size 4096 --hash-block-size 4096 root.ext4 root.verity
#        (with a superblock, so the hash tree starts at hash block 1), into a
#        file pre-sized to HASH_SIZE_MIB; fails if the tree does not fit. Then
#        "veritysetup verify" must pass.
#
#   Not done here (upstream's rpm2img does it): SELinux labels, depmod
#   against System.map (the kernel package runs depmod), the CA bundle and
#   updog's root.json, the licenses squashfs, decompressing .ko files for
#   erofs, and renaming core-kit packages in the inventory. The outputs are not
#   byte-for-byte reproducible (random filesystem UUIDs and verity salt).
#
#   Output (/twoliter/output/, emptied first; files sparse where possible):
#     root.ext4                    the root filesystem (erofs content keeps
#                                  this name, as upstream's)
#     root.verity                  the hash device image, HASH_SIZE_MIB MiB
#     verity.env                   DATA_BLOCKS=<4 KiB data blocks>
#                                  ROOT_HASH=<hex>
#                                  SALT=<hex>
#     boot/                        the root's /boot: vmlinuz, config,
#                                  System.map, .vmlinuz.hmac, and whatever
#                                  else the packages put there (e.g. efi/,
#                                  grub/, boot-config.d/)
#     application-inventory.json   as in step 3
#   The dm-verity table for the kernel is then
#     0 <DATA_BLOCKS*8> verity 1 <data dev> <hash dev> 4096 4096 <DATA_BLOCKS>
#     1 sha256 <ROOT_HASH> <SALT> ...
#
#   Exit status: 0 on success. On any failure, non-zero with a line starting
#   "build-rootfs: error:" on stderr; /twoliter/output/ must then not be used.
#
#   Network: none is needed or tried: dnf only reads local file:// repositories.
set -euo pipefail
shopt -s nullglob

readonly ME=build-rootfs
readonly TW=/twoliter
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
[[ "$(id -u)" -eq 0 ]] || die "must run as root (files in the image are owned by root)"

for var in ARCH VARIANT VERSION_ID BUILD_ID PRETTY_NAME IMAGE_NAME PACKAGES \
           ROOT_SIZE_MIB HASH_SIZE_MIB ROOT_FS DATA_FS; do
  [[ -n "${!var:-}" ]] || die "${var} is not set"
done
case "${ARCH}" in
  x86_64|aarch64) ;;
  *) die "ARCH '${ARCH}' is not supported (x86_64 or aarch64)" ;;
esac
case "${ROOT_FS}" in
  ext4|erofs) ;;
  *) die "ROOT_FS '${ROOT_FS}' is not supported (ext4 or erofs)" ;;
esac
case "${DATA_FS}" in
  ext4|xfs) ;;
  *) die "DATA_FS '${DATA_FS}' is not supported (ext4 or xfs)" ;;
esac
[[ "${ROOT_SIZE_MIB}" =~ ^[1-9][0-9]*$ ]] || die "ROOT_SIZE_MIB '${ROOT_SIZE_MIB}' is not a positive number of MiB"
[[ "${HASH_SIZE_MIB}" =~ ^[1-9][0-9]*$ ]] || die "HASH_SIZE_MIB '${HASH_SIZE_MIB}' is not a positive number of MiB"
# These end up in os-release, one KEY=value per line.
for var in VARIANT VERSION_ID BUILD_ID; do
  [[ "${!var}" =~ ^[A-Za-z0-9._+~-]+$ ]] \
    || die "${var} '${!var}' may only hold letters, digits and . _ + ~ -"
done
[[ "${PRETTY_NAME}" != *[$'\n"\\`$']* ]] || die "PRETTY_NAME may not contain newlines, quotes, backslashes, \` or \$"

# shellcheck disable=SC2153 # PACKAGES comes from the environment
read -r -a packages <<<"${PACKAGES}"
(( ${#packages[@]} > 0 )) || die "PACKAGES names no package"
for pkg in "${packages[@]}"; do
  [[ "${pkg}" =~ ^[A-Za-z0-9][A-Za-z0-9._+-]*$ ]] || die "PACKAGES: '${pkg}' is not a valid package name"
done

readonly SYS_ROOT_REL="${ARCH}-bottlerocket-linux-gnu/sys-root"

log "variant ${VARIANT} (${IMAGE_NAME} ${VERSION_ID}-${BUILD_ID}), arch ${ARCH}, root ${ROOT_FS} in ${ROOT_SIZE_MIB} MiB, hash ${HASH_SIZE_MIB} MiB"

rm -rf "${OUTPUT}"
mkdir -p "${OUTPUT}"
WORK="$(mktemp -d /tmp/twoliter-rootfs.XXXXXX)"
readonly WORK
readonly ROOT="${WORK}/root"
readonly SYS_ROOT="${ROOT}/${SYS_ROOT_REL}"

# ---------------------------------------------------------------------------
# 1. Resolve the RPM closure from the local repositories only
# ---------------------------------------------------------------------------
repo_args=()
if [[ -d "${TW}/kits" ]]; then
  for kit_dir in "${TW}/kits"/*/; do
    kit_dir="${kit_dir%/}"
    kit="${kit_dir##*/}"
    [[ -f "${kit_dir}/repodata/repomd.xml" ]] \
      || die "kit ${kit}: ${kit_dir}/repodata/repomd.xml is missing (not a yum repository)"
    log "using kit ${kit}"
    repo_args+=(--repofrompath "kit-${kit//[^A-Za-z0-9_.-]/_},file://${kit_dir}"
                --enablerepo "kit-${kit//[^A-Za-z0-9_.-]/_}")
  done
fi
if [[ -d "${TW}/external-kits" ]]; then
  for kit_dir in "${TW}/external-kits"/*/*/; do
    kit_dir="${kit_dir%/}"
    kit="${kit_dir#"${TW}/external-kits/"}"
    [[ -f "${kit_dir}/repodata/repomd.xml" ]] \
      || die "external kit ${kit}: ${kit_dir}/repodata/repomd.xml is missing (not a yum repository)"
    log "using external kit ${kit}"
    repo_args+=(--repofrompath "ext-${kit//[^A-Za-z0-9_.-]/-},file://${kit_dir}"
                --enablerepo "ext-${kit//[^A-Za-z0-9_.-]/-}")
  done
fi

install_names=()
for pkg in "${packages[@]}"; do install_names+=("bottlerocket-${pkg}"); done

extra_rpms=()
if [[ -d "${TW}/rpms" ]]; then
  for rpm in "${TW}/rpms"/*.rpm; do
    [[ -s "${rpm}" ]] || die "${rpm} is empty"
    extra_rpms+=("${rpm}")
  done
fi
if (( ${#extra_rpms[@]} > 0 )); then
  # Indexed in a directory of links, so the input stays untouched.
  extra_repo="${WORK}/extra-repo"
  mkdir -p "${extra_repo}"
  ln -s "${extra_rpms[@]}" "${extra_repo}/"
  for rpm in "${extra_rpms[@]}"; do
    if ! info="$(rpm -qp --nosignature --nodigest --qf '%{NAME} %{ARCH}\n' "${rpm}")"; then
      die "${rpm} is not a readable RPM"
    fi
    read -r name rpm_arch <<<"${info}"
    [[ "${rpm_arch}" == "${ARCH}" || "${rpm_arch}" == noarch ]] || die "${rpm##*/} is for ${rpm_arch}, not ${ARCH}"
    install_names+=("${name}")
  done
  log "indexing ${#extra_rpms[@]} extra RPMs"
  createrepo_c --quiet --no-database "${extra_repo}" || die "createrepo_c failed on the extra RPMs"
  repo_args+=(--repofrompath "twoliter-extra,file://${extra_repo}" --enablerepo twoliter-extra)
fi
(( ${#repo_args[@]} > 0 )) || die "no RPMs to install from: none of ${TW}/kits/<kit>/, ${TW}/external-kits/<vendor>/<kit>/ and ${TW}/rpms/*.rpm exists"

dl_dir="${WORK}/rpms"
mkdir -p "${dl_dir}" "${WORK}/dnf-root" "${WORK}/dnf-cache" "${WORK}/no-repos"
log "resolving ${install_names[*]}"
# --releasever: Debian has no system-release package for dnf to read it from;
# local repositories do not use it. The empty installroot keeps whatever is
# installed in the SDK out of the resolution.
if ! dnf -y \
    --disablerepo '*' "${repo_args[@]}" \
    --nogpgcheck \
    --forcearch "${ARCH}" \
    --releasever bottlerocket \
    --installroot "${WORK}/dnf-root" \
    --setopt "cachedir=${WORK}/dnf-cache" \
    --setopt "reposdir=${WORK}/no-repos" \
    --setopt skip_if_unavailable=False \
    --setopt install_weak_deps=False \
    install --downloadonly --downloaddir "${dl_dir}" \
    "${install_names[@]}"; then
  die "dnf could not resolve the packages (is every PACKAGES entry in a kit or ${TW}/rpms, with its Requires?)"
fi

resolved=("${dl_dir}"/*.rpm)
(( ${#resolved[@]} > 0 )) || die "dnf resolved no RPMs"
newest_buildtime=0
for rpm in "${resolved[@]}"; do
  read -r rpm_arch buildtime < <(rpm -qp --nosignature --nodigest --qf '%{ARCH} %{BUILDTIME}\n' "${rpm}")
  [[ "${rpm_arch}" == "${ARCH}" || "${rpm_arch}" == noarch ]] || die "dnf picked ${rpm##*/}, which is for ${rpm_arch}"
  if (( buildtime > newest_buildtime )); then newest_buildtime="${buildtime}"; fi
done
log "resolved ${#resolved[@]} RPMs"

# ---------------------------------------------------------------------------
# 2. Install them into the root
# ---------------------------------------------------------------------------
mkdir -p "${ROOT}"
chmod 0755 "${ROOT}"
# --force-debian only silences Debian's rpm, which otherwise warns that
# packages should be installed with alien.
if ! rpm -i --force-debian --root "${ROOT}" --ignorearch --noscripts --notriggers \
    --nosignature "${resolved[@]}"; then
  die "rpm could not install the resolved RPMs into the root"
fi

# ---------------------------------------------------------------------------
# 3. Application inventory
# ---------------------------------------------------------------------------
# One tab-separated line per package; jq turns it into JSON (escaping
# whatever the summaries hold).
inventory="${WORK}/application-inventory.json"
rpm --root "${ROOT}" -qa \
    --qf '%{NAME}\t%{VERSION}\t%{RELEASE}\t%|EPOCH?{%{EPOCH}}:{0}|\t%{INSTALLTIME}\t%{GROUP}\t%{ARCH}\t%{URL}\t%{SUMMARY}\n' \
  | jq -R -s '
      split("\n") | map(select(length > 0) | split("\t")
        | {Name: .[0], Publisher: "Bottlerocket", Version: .[1], Release: .[2],
           Epoch: .[3], InstalledTime: (.[4] | tonumber | todate),
           ApplicationType: .[5], Architecture: .[6], Url: .[7],
           Summary: (.[8:] | join("\t"))})
      | sort_by(.Name) | {Content: .}' >"${inventory}"
count="$(jq '.Content | length' "${inventory}")"
[[ "${count}" -eq "${#resolved[@]}" ]] \
  || die "the inventory lists ${count} packages but ${#resolved[@]} RPMs were installed"
log "inventory: ${count} packages"

# ---------------------------------------------------------------------------
# 4. The image's directory layout
# ---------------------------------------------------------------------------
# Only what the packages did not install themselves (a filesystem package
# may provide all of it).
link_if_absent() { # <target> <link path relative to ROOT>
  if [[ ! -e "${ROOT}/$2" && ! -L "${ROOT}/$2" ]]; then
    ln -s "$1" "${ROOT}/$2"
  fi
}
for dir in usr/bin usr/sbin usr/lib usr/libexec usr/share; do
  mkdir -p "${SYS_ROOT}/${dir}"
done
link_if_absent "./${SYS_ROOT_REL}/usr" usr
link_if_absent "./${SYS_ROOT_REL}/usr/lib" lib
link_if_absent "./${SYS_ROOT_REL}/usr/lib" lib64
link_if_absent lib "${SYS_ROOT_REL}/usr/lib64"
link_if_absent ./usr/bin bin
link_if_absent ./usr/sbin sbin
for dir in boot dev etc home local media mnt opt proc root run srv sys tmp var; do
  [[ -e "${ROOT}/${dir}" || -L "${ROOT}/${dir}" ]] || mkdir -m 0755 "${ROOT}/${dir}"
done
chmod 1777 "${ROOT}/tmp"
chmod 0700 "${ROOT}/root"
[[ -d "${ROOT}/usr/lib" ]] || die "/usr/lib in the root does not lead to a directory"

SYSTEMD_NETWORKD="${SYSTEMD_NETWORKD:-no}"
case "${SYSTEMD_NETWORKD}" in
  yes)
    unit_dir="${SYS_ROOT}/usr/lib/systemd/system"
    [[ -f "${unit_dir}/systemd-networkd.service" ]] \
      || die "the variant enables systemd-networkd, but no package installed /usr/lib/systemd/system/systemd-networkd.service (is 'systemd' in PACKAGES?)"
    mkdir -p "${unit_dir}/multi-user.target.wants" "${unit_dir}/sockets.target.wants"
    ln -sfn ../systemd-networkd.service "${unit_dir}/multi-user.target.wants/systemd-networkd.service"
    if [[ -f "${unit_dir}/systemd-networkd.socket" ]]; then
      ln -sfn ../systemd-networkd.socket "${unit_dir}/sockets.target.wants/systemd-networkd.socket"
    fi
    log "systemd-networkd enabled"
    ;;
  no) ;;
  *) die "SYSTEMD_NETWORKD '${SYSTEMD_NETWORKD}' is not yes or no" ;;
esac

# in_root <image path>: the path of an image file in ${ROOT}, following links
# as the image would (absolute targets are inside the image); fails when it
# leads nowhere.
in_root() {
  local path=$1 hops=0 target
  while (( hops < 40 )); do
    if [[ -L "${ROOT}${path}" ]]; then
      target=$(readlink "${ROOT}${path}")
      if [[ "${target}" == /* ]]; then path=${target}; else path=$(dirname "${path}")/${target}; fi
      path=$(realpath -ms "${path}")
      hops=$((hops + 1))
    elif [[ -e "${ROOT}${path}" ]]; then
      return 0
    else
      return 1
    fi
  done
  return 1
}
case "${ARCH}" in
  x86_64) triplet=x86_64-linux-gnu ;;
  aarch64) triplet=aarch64-linux-gnu ;;
esac
elf_count=0
missing_libs=()
while IFS= read -r -d '' file; do
  [[ "$(head -c 4 "${file}" | od -An -tx1 | tr -d ' \n')" == 7f454c46 ]] || continue
  dyn=$(readelf -d "${file}" 2>/dev/null) || continue
  image_path=${file#"${ROOT}"}
  elf_count=$((elf_count + 1))
  interp=$(readelf -l "${file}" 2>/dev/null | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
  if [[ -n "${interp}" ]] && ! in_root "${interp}"; then
    missing_libs+=("${image_path}: interpreter ${interp}")
  fi
  # RUNPATH directories, with $ORIGIN; then the default search path.
  dirs=()
  runpath=$(sed -n 's/.*(\(RUNPATH\|RPATH\)).*\[\(.*\)\]/\2/p' <<<"${dyn}")
  IFS=: read -r -a rp <<<"${runpath}"
  for d in "${rp[@]}"; do
    [[ -n "${d}" ]] && dirs+=("${d//\$ORIGIN/$(dirname "${image_path}")}")
  done
  # A library in a private directory (e.g. systemd's libsystemd-core) is
  # loaded through its executable's RUNPATH, which names that directory.
  [[ "${image_path}" != *.so* ]] || dirs+=("$(dirname "${image_path}")")
  dirs+=(/usr/lib/${triplet} /usr/lib /lib/${triplet} /lib)
  while IFS= read -r lib; do
    found=no
    for d in "${dirs[@]}"; do
      if in_root "${d}/${lib}"; then found=yes; break; fi
    done
    [[ "${found}" == yes ]] || missing_libs+=("${image_path}: ${lib}")
  done < <(sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' <<<"${dyn}")
done < <(find "${ROOT}" -xdev -type f -size +63c -print0)
if (( ${#missing_libs[@]} > 0 )); then
  printf '%s: error: needed but not in the root: %s\n' "${ME}" "${missing_libs[@]}" >&2
  die "${#missing_libs[@]} program interpreters or libraries are missing from the root: add the packages that ship them to the variant's included-packages or the Requires of the packages that need them"
fi
log "${elf_count} dynamic ELF files, every interpreter and library they need is in the root"

# ---------------------------------------------------------------------------
# 5. os-release and image features
# ---------------------------------------------------------------------------
os_release="${SYS_ROOT}/usr/lib/os-release"
if [[ ! -f "${os_release}" ]]; then
  log "warning: no package installed /usr/lib/os-release (is 'release' in PACKAGES?); creating one"
  printf 'NAME=Bottlerocket\nID=bottlerocket\n' >"${os_release}"
  chmod 0644 "${os_release}"
fi
link_if_absent ../usr/lib/os-release etc/os-release
version="${VERSION_ID} (${VARIANT})"
append="VERSION=\"${version}\"
PRETTY_NAME=\"${PRETTY_NAME} ${version}\"
VARIANT_ID=${VARIANT}
VERSION_ID=${VERSION_ID}
BUILD_ID=${BUILD_ID}
"
while read -r key value; do
  grep -q "^${key}=" "${os_release}" || append+="${key}=\"${value}\"
"
done <<'EOF'
HOME_URL https://github.com/bottlerocket-os/bottlerocket
SUPPORT_URL https://github.com/bottlerocket-os/bottlerocket/discussions
BUG_REPORT_URL https://github.com/bottlerocket-os/bottlerocket/issues
DOCUMENTATION_URL https://bottlerocket.dev
EOF
[[ -z "$(tail -c 1 "${os_release}")" ]] || append=$'\n'"${append}"
printf '%s' "${append}" >>"${os_release}"
grep -q "^VARIANT_ID=${VARIANT}\$" "${ROOT}/etc/os-release" \
  || die "/etc/os-release in the root does not lead to ${SYS_ROOT_REL}/usr/lib/os-release"

share="${SYS_ROOT}/usr/share/bottlerocket"
mkdir -p "${share}"
echo "DATA_PARTITION_FILESYSTEM=${DATA_FS}" >"${share}/image-features.env"
install -m 0644 "${inventory}" "${share}/application-inventory.json"
install -m 0644 "${inventory}" "${OUTPUT}/application-inventory.json"

# ---------------------------------------------------------------------------
# 6. /var/lib and /boot
# ---------------------------------------------------------------------------
rm -rf "${ROOT}/var/lib"

if [[ -f "${ROOT}/boot/vmlinuz" ]]; then
  # The HMAC that a FIPS kernel checks its image against.
  hmac="$(openssl dgst -sha512 -hmac FIPS-FTW-RHT2009 <"${ROOT}/boot/vmlinuz")"
  hmac="${hmac##*= }"
  [[ "${hmac}" =~ ^[0-9a-f]{128}$ ]] || die "cannot compute the HMAC of /boot/vmlinuz"
  printf '%s  vmlinuz\n' "${hmac}" >"${ROOT}/boot/.vmlinuz.hmac"
  chmod 0644 "${ROOT}/boot/.vmlinuz.hmac"
else
  log "warning: no package installed /boot/vmlinuz (is a kernel in PACKAGES?)"
fi
mkdir -p "${OUTPUT}/boot"
cp -a "${ROOT}/boot/." "${OUTPUT}/boot/"
find "${ROOT}/boot" -mindepth 1 -delete
log "boot: $(cd "${OUTPUT}/boot" && find . -mindepth 1 -maxdepth 1 -printf '%P ' | sort)"

# ---------------------------------------------------------------------------
# 7. The root filesystem
# ---------------------------------------------------------------------------
readonly ROOT_IMG="${OUTPUT}/root.ext4"
readonly HASH_IMG="${OUTPUT}/root.verity"
readonly MIB=$((1024 * 1024))
if [[ "${ROOT_FS}" == ext4 ]]; then
  log "mkfs.ext4 (${ROOT_SIZE_MIB} MiB)"
  if ! mkfs.ext4 -q -F -O ^has_journal -b 4096 \
      -E lazy_itable_init=0,stride=1024,stripe_width=1024 \
      -d "${ROOT}" "${ROOT_IMG}" "${ROOT_SIZE_MIB}M"; then
    die "mkfs.ext4 failed: does the root fit in ${ROOT_SIZE_MIB} MiB?"
  fi
  resize2fs -M "${ROOT_IMG}" >&2 || die "resize2fs -M failed"
  block_count="$(dumpe2fs -h "${ROOT_IMG}" 2>/dev/null | awk -F': *' '$1 == "Block count" { print $2 }')"
  [[ "${block_count}" =~ ^[0-9]+$ ]] || die "cannot read the block count of root.ext4"
  truncate -s $((block_count * 4096)) "${ROOT_IMG}"
  e2fsck -f -n "${ROOT_IMG}" >&2 || die "e2fsck finds errors in root.ext4"
else
  log "mkfs.erofs"
  if ! mkfs.erofs --quiet -z lz4hc,12 -C 262144 --all-root -T "${newest_buildtime}" \
      "${ROOT_IMG}" "${ROOT}" >&2; then
    die "mkfs.erofs failed"
  fi
fi
root_bytes="$(stat -c %s "${ROOT_IMG}")"
(( root_bytes % 4096 == 0 )) || die "root.ext4 is ${root_bytes} bytes, not a multiple of 4096"
(( root_bytes <= ROOT_SIZE_MIB * MIB )) \
  || die "the root filesystem needs ${root_bytes} bytes, more than ROOT-A's ${ROOT_SIZE_MIB} MiB"
log "root filesystem: ${root_bytes} bytes"

# ---------------------------------------------------------------------------
# 8. dm-verity
# ---------------------------------------------------------------------------
rm -f "${HASH_IMG}"
truncate -s "${HASH_SIZE_MIB}M" "${HASH_IMG}"
if ! vout="$(veritysetup format --format 1 --hash sha256 \
      --data-block-size 4096 --hash-block-size 4096 \
      "${ROOT_IMG}" "${HASH_IMG}")"; then
  die "veritysetup format failed"
fi
hash_bytes="$(stat -c %s "${HASH_IMG}")"
(( hash_bytes == HASH_SIZE_MIB * MIB )) \
  || die "the hash tree needs ${hash_bytes} bytes, more than HASH-A's ${HASH_SIZE_MIB} MiB"
field() { awk -F':[ \t]*' -v k="$1" '$1 == k { print $2 }' <<<"${vout}"; }
data_blocks="$(field 'Data blocks')"
root_hash="$(field 'Root hash')"
salt="$(field 'Salt')"
[[ "${data_blocks}" =~ ^[0-9]+$ ]] || die "veritysetup printed no data block count"
(( data_blocks * 4096 == root_bytes )) || die "veritysetup counted ${data_blocks} data blocks for ${root_bytes} bytes"
[[ "${root_hash}" =~ ^[0-9a-f]{64}$ ]] || die "veritysetup printed no root hash"
[[ "${salt}" =~ ^[0-9a-f]+$ ]] || die "veritysetup printed no salt"
veritysetup verify "${ROOT_IMG}" "${HASH_IMG}" "${root_hash}" \
  || die "veritysetup verify fails on the new hash tree"
printf 'DATA_BLOCKS=%s\nROOT_HASH=%s\nSALT=%s\n' "${data_blocks}" "${root_hash}" "${salt}" >"${OUTPUT}/verity.env"
log "verity: ${data_blocks} data blocks, root hash ${root_hash}"

rm -rf "${WORK}"
log "done: $(cd "${OUTPUT}" && du -h --apparent-size root.ext4 root.verity | tr '\t\n' ': ')"
