#!/bin/bash
# build-image.sh: assembles a variant's disk image(s) from the root filesystem
# and hash tree made by build-rootfs.sh, the kernel files, a grub.cfg and a
# partition plan, inside a container of the project's SDK image
# (sdk/Dockerfile). buildsys copies this script into the container and runs
# it; it is not meant to run anywhere else.
#
# CONTRACT
#   Container: created from the SDK image with "--network none", user root,
#   working directory /. The caller copies in a tar with the layout below,
#   runs "bash /twoliter/build-image.sh", then copies /twoliter/output/ out.
#   No privileges are needed: no loop devices, no mounts. Everything is
#   written into sparse files.
#
#   Environment (all required):
#     ARCH                  target architecture: x86_64 or aarch64
#     IMAGE_FORMAT          raw, qcow2 or vmdk
#     PARTITION_PLAN        split (OS disk + data disk) or unified (one disk)
#     GRUB_SET_PRIVATE_VAR  yes or no: whether GRUB sets $private to the
#                           PRIVATE partition (for "initrd ($private)/...")
#                           and PRIVATE holds bootconfig.data
#     DATA_FS               ext4 or xfs (xfs: the data partition is left zeroed
#                           and formatted on first boot)
#
#   Input (read only):
#     /twoliter/root.ext4      root filesystem image (ext4 or erofs), from
#                              build-rootfs.sh
#     /twoliter/root.verity    its dm-verity hash device image (superblock at
#                              block 0), from build-rootfs.sh
#     /twoliter/boot/          kernel files for the BOOT partition (vmlinuz
#                              required; config, System.map, .vmlinuz.hmac
#                              ...), i.e. build-rootfs.sh's boot/. Its efi/,
#                              grub/ and boot-config.d/ subdirectories, if
#                              any, are not copied to BOOT.
#     /twoliter/grub.cfg       the complete GRUB configuration, copied as is to
#                              BOOT's /grub/grub.cfg. If it holds a line
#                                set dm_verity_root="root,,,ro,0 <sectors>
#                                  verity <version> <data dev> <hash dev>
#                                  <data bs> <hash bs> <data blocks>
#                                  <hash start> <alg> <root hash> <salt> ..."
#                              the table is checked against root.ext4 and
#                              root.verity (veritysetup verify) and its
#                              PARTNROFF=<n> offsets against the plan.
#     /twoliter/bootconfig/*   bootconfig snippets, concatenated in version
#                              order of their names (sort -V) into PRIVATE's
#                              bootconfig.data. May be empty or absent: then
#                              the content is "kernel {}\ninit {}\n". Having
#                              snippets with GRUB_SET_PRIVATE_VAR=no is an
#                              error (nothing would load them).
#     /twoliter/plan.env       the partition plan, see below.
#
#   plan.env: lines KEY=VALUE (no quotes, no spaces around '='); blank lines
#   and lines starting with '#' are ignored; unknown keys are an error.
#     OS_DISK_MIB=<n>        size of the OS disk image in MiB
#     DATA_DISK_MIB=<n>      size of the data disk image in MiB; 0 when unified
#     PART_<NAME>=<number>:<startMib>:<sizeMib>:<typeGuid>:<partGuid>:<label>:<attrs>
#                            one per partition of the OS disk. NAME is one of
#                            BIOS EFI_A BOOT_A ROOT_A HASH_A RESERVED_A EFI_B
#                            BOOT_B ROOT_B HASH_B RESERVED_B PRIVATE DATA_A
#                            (the B bank is absent without in-place updates;
#                            EFI_A BOOT_A ROOT_A HASH_A PRIVATE DATA_A are
#                            required, and BIOS on x86_64).
#                              number    GPT entry number; numbers must be
#                                        1..N in the order of the starts (what
#                                        "sgdisk --sort" would give), and
#                                        ROOT_A = BOOT_A+1, HASH_A = BOOT_A+2
#                                        (the verity table uses PARTNROFF)
#                              startMib, sizeMib   the partition is sectors
#                                        start*2048 .. (start+size)*2048-1
#                              typeGuid  a GUID or an sgdisk type code (ef02)
#                              partGuid  a GUID, or R for a random one
#                              label     the GPT name, may be empty; no ':'
#                              attrs     comma-separated sgdisk attribute
#                                        operations, each "set:<bit>" or
#                                        "clear:<bit>", may be empty; e.g.
#                                        BOOT_A has set:48,set:56 (gptprio
#                                        priority 1, successful). This is the
#                                        last field: it may contain ':'.
#     DATA_PART=<number>:<startMib>:<sizeMib>:<typeGuid>:<partGuid>:<label>:<attrs>
#                            the data disk's partition (split only)
#     DATA_FS_MIB=<n>        size of the data filesystem: split, written at
#                            DATA_PART's start on the data disk (upstream's
#                            GPT entry there is only 1 MiB, the filesystem
#                            DATA_FS_MIB, and the partition is grown on first
#                            boot); unified, written at DATA_A's start, where
#                            it must fit (default: DATA_A's size).
#   Example (4 GiB OS disk, split, in-place updates):
#     OS_DISK_MIB=4096
#     DATA_DISK_MIB=1024
#     PART_BIOS=1:1:4:ef02:R:BIOS-BOOT:
#     PART_BOOT_A=3:10:80:6b636168-7420-6568-2070-6c616e657421:R:BOTTLEROCKET-BOOT-A:set:48,set:56
#     ...
#     DATA_PART=1:1:1:626f7474-6c65-6474-6861-726d61726b73:5b94e8df-28b8-485c-9d19-362263b5944c::
#     DATA_FS_MIB=1022
#
#   What it does:
#     1. Sparse disk files (truncate) of OS_DISK_MIB and DATA_DISK_MIB; GPTs
#        with "sgdisk --clear" and, per partition, -n <num>:<start>M:<end
#        sector> -c -t -u [-A]; then checks every entry with "sgdisk -p".
#     2. GRUB, built here with grub-mkimage from the SDK's GRUB modules (no
#        shim, no signatures: Secure Boot is not supported), with prefix
#        (,gpt<BOOT_A>)/grub, so GRUB reads /grub/grub.cfg from BOOT-A of the
#        disk it was loaded from (only bank A: Debian's GRUB has no gptprio),
#        and an embedded early config that sets and exports
#          boot_uuid   the PARTUUID of BOOT-A (probe --part-uuid), for the
#                      verity table's PARTUUID=$boot_uuid/PARTNROFF=<n>
#          private     "<boot disk>,gpt<PRIVATE>" (e.g. hd0,gpt12) when
#                      GRUB_SET_PRIVATE_VAR=yes
#        Built-in modules (BOOT has no module directory): part_gpt ext2 normal
#        configfile linux boot echo test sleep reboot search probe regexp,
#        plus biosdisk serial terminal (BIOS), efi_gop (EFI), gzio (arm64).
#        So grub.cfg may use $root (BOOT-A), $boot_uuid and $private.
#        x86_64: an i386-pc core image written into the BIOS partition and
#        GRUB's boot.img into the MBR boot code, patched with the core image's
#        location as grub-bios-setup would do (grub-bios-setup itself cannot
#        work on a file in a container: it looks for the block device under
#        its own directory). The MBR's partition table is kept.
#        Both arches: EFI/BOOT/bootx64.efi (x86_64-efi) or bootaa64.efi
#        (arm64-efi) in a FAT image (mkfs.vfat -I -S 512, mtools) at EFI-A.
#     3. BOOT-A: ext4 without journal (mkfs.ext4 -O ^has_journal -d, then
#        resize2fs -M) holding boot/ (mode go-rwx) and grub/grub.cfg.
#        ROOT-A: root.ext4. HASH-A: root.verity. Both must fit.
#        PRIVATE: ext4 -b 4096 -i 4096 -I 256 of PRIVATE's size, holding
#        bootconfig.data when GRUB_SET_PRIVATE_VAR=yes: the snippets (or the
#        default) with the kernel's bootconfig trailer (NUL padding to 4
#        bytes, le32 size, le32 byte-sum checksum, "#BOOTCONFIG\n"), as
#        "bootconfig -a" would append it to an empty initrd (Debian has no
#        bootconfig tool, so the syntax is not checked here).
#        DATA: ext4 -m 0 of DATA_FS_MIB, or nothing (zeros) for xfs; at
#        DATA_A's start (unified) or at DATA_PART's start on the data disk.
#        Only bank A is populated. Everything is written with
#        dd conv=notrunc,sparse.
#     4. "sgdisk -v" must report no problems on each disk.
#     5. Converts / compresses the disks and the update images.
#
#   Output (/twoliter/output/, emptied first):
#     raw:    os.img.lz4  [data.img.lz4]       lz4 -9 --content-size (lz4 frame format)
#     qcow2:  os.qcow2    [data.qcow2]         qemu-img convert -O qcow2
#     vmdk:   os.vmdk     [data.vmdk]          qemu-img, streamOptimized
#     always: boot.ext4.lz4    the BOOT filesystem image (as written at BOOT-A)
#             root.ext4.lz4    root.ext4
#             root.verity.lz4  root.verity
#   The data disk ([...]) only with PARTITION_PLAN=split.
#
#   Exit status: 0 on success. On any failure, non-zero with a line starting
#   "build-image: error:" on stderr; /twoliter/output/ must then not be used.
#
#   Network: none is needed or tried.
set -euo pipefail
shopt -s nullglob

readonly ME=build-image
readonly TW=/twoliter
readonly OUTPUT="${TW}/output"
readonly MIB=$((1024 * 1024))

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
for var in ARCH IMAGE_FORMAT PARTITION_PLAN GRUB_SET_PRIVATE_VAR DATA_FS; do
  [[ -n "${!var:-}" ]] || die "${var} is not set"
done
case "${ARCH}" in
  x86_64) grub_efi_target=x86_64-efi; efi_boot_name=bootx64.efi ;;
  aarch64) grub_efi_target=arm64-efi; efi_boot_name=bootaa64.efi ;;
  *) die "ARCH '${ARCH}' is not supported (x86_64 or aarch64)" ;;
esac
case "${IMAGE_FORMAT}" in
  raw|qcow2|vmdk) ;;
  *) die "IMAGE_FORMAT '${IMAGE_FORMAT}' is not supported (raw, qcow2 or vmdk)" ;;
esac
case "${PARTITION_PLAN}" in
  split|unified) ;;
  *) die "PARTITION_PLAN '${PARTITION_PLAN}' is not supported (split or unified)" ;;
esac
case "${GRUB_SET_PRIVATE_VAR}" in
  yes|no) ;;
  *) die "GRUB_SET_PRIVATE_VAR '${GRUB_SET_PRIVATE_VAR}' must be yes or no" ;;
esac
case "${DATA_FS}" in
  ext4|xfs) ;;
  *) die "DATA_FS '${DATA_FS}' is not supported (ext4 or xfs)" ;;
esac

readonly ROOT_IMG="${TW}/root.ext4"
readonly HASH_IMG="${TW}/root.verity"
readonly BOOT_IN="${TW}/boot"
readonly GRUB_CFG="${TW}/grub.cfg"
readonly PLAN="${TW}/plan.env"
for f in "${ROOT_IMG}" "${HASH_IMG}" "${GRUB_CFG}" "${PLAN}"; do
  [[ -f "${f}" ]] || die "${f} is missing"
done
[[ -s "${ROOT_IMG}" ]] || die "${ROOT_IMG} is empty"
[[ -f "${BOOT_IN}/vmlinuz" ]] || die "${BOOT_IN}/vmlinuz is missing: there is no kernel to boot"

# ---------------------------------------------------------------------------
# The partition plan
# ---------------------------------------------------------------------------
readonly PART_NAMES=(BIOS EFI_A BOOT_A ROOT_A HASH_A RESERVED_A EFI_B BOOT_B ROOT_B HASH_B RESERVED_B PRIVATE DATA_A)
declare -A P_NUM=() P_START=() P_SIZE=() P_TYPE=() P_GUID=() P_LABEL=() P_ATTRS=()
OS_DISK_MIB="" DATA_DISK_MIB="" DATA_FS_MIB="" DATA_PART=""

is_known_part() {
  local n
  for n in "${PART_NAMES[@]}"; do [[ "$1" == "${n}" ]] && return 0; done
  return 1
}
# parse_part <key> <value>: PART_* / DATA_PART fields into the P_* maps.
parse_part() {
  local key="$1" num start size type guid label attrs item
  IFS=: read -r num start size type guid label attrs <<<"$2"
  [[ "${num}" =~ ^[1-9][0-9]*$ ]] || die "plan.env: ${key}: partition number '${num}' is not a positive number"
  [[ "${start}" =~ ^[1-9][0-9]*$ ]] || die "plan.env: ${key}: start '${start}' is not a positive number of MiB"
  [[ "${size}" =~ ^[1-9][0-9]*$ ]] || die "plan.env: ${key}: size '${size}' is not a positive number of MiB"
  [[ "${type}" =~ ^([0-9A-Fa-f]{4}|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})$ ]] \
    || die "plan.env: ${key}: '${type}' is neither a type GUID nor an sgdisk type code"
  [[ "${guid}" == R || "${guid}" =~ ^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$ ]] \
    || die "plan.env: ${key}: '${guid}' is neither a GUID nor R"
  [[ "${label}" =~ ^[A-Za-z0-9._-]*$ ]] || die "plan.env: ${key}: label '${label}' may only hold letters, digits and . _ -"
  if [[ -n "${attrs}" ]]; then
    local -a items
    IFS=, read -r -a items <<<"${attrs}"
    for item in "${items[@]}"; do
      [[ "${item}" =~ ^(set|clear):([0-9]|[1-5][0-9]|6[0-3])$ ]] \
        || die "plan.env: ${key}: attribute '${item}' is not set:<bit> or clear:<bit> (bit 0-63)"
    done
  fi
  P_NUM[${key}]="${num}" P_START[${key}]="${start}" P_SIZE[${key}]="${size}"
  P_TYPE[${key}]="${type}" P_GUID[${key}]="${guid}" P_LABEL[${key}]="${label}" P_ATTRS[${key}]="${attrs}"
}

while IFS= read -r line || [[ -n "${line}" ]]; do
  line="${line%$'\r'}"
  [[ -z "${line//[[:space:]]/}" || "${line}" == \#* ]] && continue
  [[ "${line}" =~ ^([A-Z0-9_]+)=(.*)$ ]] || die "plan.env: cannot read line '${line}' (KEY=VALUE expected)"
  key="${BASH_REMATCH[1]}" value="${BASH_REMATCH[2]}"
  case "${key}" in
    OS_DISK_MIB|DATA_DISK_MIB|DATA_FS_MIB)
      [[ "${value}" =~ ^(0|[1-9][0-9]*)$ ]] || die "plan.env: ${key}='${value}' is not a number of MiB"
      printf -v "${key}" '%s' "${value}" ;;
    DATA_PART)
      DATA_PART=1; parse_part DATA_PART "${value}" ;;
    PART_*)
      name="${key#PART_}"
      is_known_part "${name}" || die "plan.env: unknown partition ${key} (known: ${PART_NAMES[*]/#/PART_})"
      [[ -z "${P_NUM[${name}]:-}" ]] || die "plan.env: ${key} is given twice"
      parse_part "${name}" "${value}" ;;
    *) die "plan.env: unknown key ${key}" ;;
  esac
done <"${PLAN}"

[[ -n "${OS_DISK_MIB}" && "${OS_DISK_MIB}" -gt 0 ]] || die "plan.env: OS_DISK_MIB is missing or 0"
[[ -n "${DATA_DISK_MIB}" ]] || die "plan.env: DATA_DISK_MIB is missing"
required=(EFI_A BOOT_A ROOT_A HASH_A PRIVATE DATA_A)
[[ "${ARCH}" != x86_64 ]] || required+=(BIOS)
for name in "${required[@]}"; do
  [[ -n "${P_NUM[${name}]:-}" ]] || die "plan.env: PART_${name} is missing"
done
if [[ "${PARTITION_PLAN}" == split ]]; then
  (( DATA_DISK_MIB > 0 )) || die "plan.env: DATA_DISK_MIB must be > 0 for a split plan"
  [[ -n "${DATA_PART}" ]] || die "plan.env: DATA_PART is missing (split plan)"
  [[ -n "${DATA_FS_MIB}" && "${DATA_FS_MIB}" -gt 0 ]] || die "plan.env: DATA_FS_MIB is missing (split plan)"
  (( P_START[DATA_PART] + DATA_FS_MIB + 1 <= DATA_DISK_MIB )) \
    || die "plan.env: the data filesystem (${DATA_FS_MIB} MiB at ${P_START[DATA_PART]} MiB) does not fit the ${DATA_DISK_MIB} MiB data disk"
  (( P_START[DATA_PART] + P_SIZE[DATA_PART] + 1 <= DATA_DISK_MIB )) \
    || die "plan.env: DATA_PART does not fit the ${DATA_DISK_MIB} MiB data disk"
else
  (( DATA_DISK_MIB == 0 )) || die "plan.env: DATA_DISK_MIB must be 0 for a unified plan"
  [[ -z "${DATA_PART}" ]] || die "plan.env: DATA_PART is only for a split plan"
  DATA_FS_MIB="${DATA_FS_MIB:-${P_SIZE[DATA_A]}}"
  (( DATA_FS_MIB > 0 && DATA_FS_MIB <= P_SIZE[DATA_A] )) \
    || die "plan.env: DATA_FS_MIB (${DATA_FS_MIB}) does not fit DATA_A (${P_SIZE[DATA_A]} MiB)"
fi

# The OS disk's partitions in start order must be numbered 1..N, must not
# overlap, and must leave the last MiB to the backup GPT.
mapfile -t os_parts < <(for n in "${PART_NAMES[@]}"; do
  [[ -n "${P_NUM[${n}]:-}" ]] && echo "${P_START[${n}]} ${n}"; done | sort -n | awk '{ print $2 }')
expect=1 prev_end=1
for name in "${os_parts[@]}"; do
  (( P_NUM[${name}] == expect )) \
    || die "plan.env: PART_${name} is number ${P_NUM[${name}]}, but in start order it is number ${expect}"
  (( P_START[${name}] >= prev_end )) || die "plan.env: PART_${name} starts inside the partition before it (or the primary GPT)"
  prev_end=$(( P_START[${name}] + P_SIZE[${name}] ))
  expect=$((expect + 1))
done
(( prev_end + 1 <= OS_DISK_MIB )) || die "plan.env: the partitions end at ${prev_end} MiB, past the ${OS_DISK_MIB} MiB OS disk less its backup GPT"
(( P_NUM[ROOT_A] == P_NUM[BOOT_A] + 1 && P_NUM[HASH_A] == P_NUM[BOOT_A] + 2 )) \
  || die "plan.env: ROOT_A and HASH_A must be the two entries after BOOT_A"

log "arch ${ARCH}, ${IMAGE_FORMAT}, ${PARTITION_PLAN}: OS disk ${OS_DISK_MIB} MiB (${#os_parts[@]} partitions), data disk ${DATA_DISK_MIB} MiB, data ${DATA_FS} ${DATA_FS_MIB} MiB"

# ---------------------------------------------------------------------------
# Input checks
# ---------------------------------------------------------------------------
root_bytes="$(stat -c %s "${ROOT_IMG}")"
hash_bytes="$(stat -c %s "${HASH_IMG}")"
(( root_bytes <= P_SIZE[ROOT_A] * MIB )) || die "root.ext4 (${root_bytes} bytes) does not fit ROOT-A (${P_SIZE[ROOT_A]} MiB)"
(( hash_bytes <= P_SIZE[HASH_A] * MIB )) || die "root.verity (${hash_bytes} bytes) does not fit HASH-A (${P_SIZE[HASH_A]} MiB)"

# The verity table in grub.cfg must describe these two files and these
# partitions.
table_line="$(grep -E '^[[:space:]]*set[[:space:]]+dm_verity_root=' "${GRUB_CFG}" | head -n 1 || true)"
if [[ -n "${table_line}" ]]; then
  table="${table_line#*=}"; table="${table#\"}"; table="${table%\"}"
  read -r -a t <<<"${table#*,ro,}"
  # t: 0 <sectors> verity <version> <data dev> <hash dev> <data bs> <hash bs>
  #    <data blocks> <hash start> <alg> <root hash> <salt> [<#opt> <opts>...]
  if (( ${#t[@]} < 13 )) || [[ "${t[2]}" != verity ]]; then
    die "grub.cfg: cannot read the dm_verity_root table '${table}'"
  fi
  for i in 1 3 6 7 8 9; do
    [[ "${t[i]}" =~ ^[0-9]+$ ]] || die "grub.cfg: field '${t[i]}' of the dm_verity_root table is not a number"
  done
  (( t[1] == t[8] * t[6] / 512 )) || die "grub.cfg: the verity target is ${t[1]} sectors long, but ${t[8]} data blocks are ${t[8]} * ${t[6]} / 512"
  for pair in "4:ROOT_A" "5:HASH_A"; do
    dev="${t[${pair%%:*}]}" name="${pair#*:}"
    if [[ "${dev}" =~ PARTNROFF=([0-9]+)$ ]]; then
      (( BASH_REMATCH[1] == P_NUM[${name}] - P_NUM[BOOT_A] )) \
        || die "grub.cfg: the verity table's ${dev} is not ${name} (partition ${P_NUM[${name}]}, BOOT_A ${P_NUM[BOOT_A]})"
    fi
  done
  salt="${t[12]}"; [[ "${salt}" != - ]] || salt=""
  log "checking grub.cfg's verity table: ${t[8]} blocks, root hash ${t[11]}"
  if ! veritysetup verify --no-superblock --format "${t[3]}" \
      --data-block-size "${t[6]}" --hash-block-size "${t[7]}" \
      --data-blocks "${t[8]}" --hash-offset $(( t[9] * t[7] )) \
      --hash "${t[10]}" --salt "${salt:--}" \
      "${ROOT_IMG}" "${HASH_IMG}" "${t[11]}" >&2; then
    die "root.ext4 and root.verity do not match the dm_verity_root table in grub.cfg"
  fi
else
  log "warning: grub.cfg sets no dm_verity_root: its verity table is not checked"
fi

# Bootconfig snippets.
snippets=()
if [[ -d "${TW}/bootconfig" ]]; then
  mapfile -t snippets < <(find "${TW}/bootconfig" -mindepth 1 -maxdepth 1 -type f -printf '%f\n' | sort -V)
fi
if (( ${#snippets[@]} > 0 )) && [[ "${GRUB_SET_PRIVATE_VAR}" != yes ]]; then
  die "there are bootconfig snippets (${snippets[*]}), but GRUB_SET_PRIVATE_VAR=no: nothing would load them"
fi

rm -rf "${OUTPUT}"
mkdir -p "${OUTPUT}"
WORK="$(mktemp -d /tmp/twoliter-image.XXXXXX)"
readonly WORK
readonly OS_IMG="${WORK}/os.img"
readonly DATA_IMG="${WORK}/data.img"

# put_at <file> <image> <start MiB> <name>: writes file into image at the
# partition's start, leaving holes where the file is zero.
put_at() {
  dd if="$1" of="$2" bs=1M seek="$3" conv=notrunc,sparse status=none \
    || die "cannot write $4 into ${2##*/}"
}
# fits <file> <size MiB> <what>
fits() {
  local bytes
  bytes="$(stat -c %s "$1")"
  (( bytes <= $2 * MIB )) || die "$3 (${bytes} bytes) does not fit its ${2} MiB partition"
}
# hexat <file> <offset> <count>: the bytes there, as hex digits.
hexat() { od -A n -t x1 -v -j "$2" -N "$3" "$1" | tr -d ' \n'; }
# le_bytes <value> <count>: the value as <count> little-endian bytes, written
# as printf escapes.
le_bytes() {
  local v="$1" i out=""
  for ((i = 0; i < $2; i++)); do out+="$(printf '\\x%02x' $(( (v >> (8 * i)) & 0xff )))"; done
  printf '%s' "${out}"
}
# patch_at <file> <offset> <printf escapes>: overwrites bytes in place.
patch_at() {
  # shellcheck disable=SC2059
  printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}

# ---------------------------------------------------------------------------
# 1. Disks and partition tables
# ---------------------------------------------------------------------------
# partition_disk <image> <key>...: one GPT with these partitions, then checks
# that sgdisk reports each as planned.
partition_disk() {
  local img="$1"; shift
  local -a args=(--clear)
  local key num first last item
  for key in "$@"; do
    num="${P_NUM[${key}]}"
    first=$(( P_START[${key}] * 2048 ))
    last=$(( (P_START[${key}] + P_SIZE[${key}]) * 2048 - 1 ))
    args+=(-n "${num}:${P_START[${key}]}M:${last}" -t "${num}:${P_TYPE[${key}]}" -u "${num}:${P_GUID[${key}]}")
    [[ -z "${P_LABEL[${key}]}" ]] || args+=(-c "${num}:${P_LABEL[${key}]}")
    if [[ -n "${P_ATTRS[${key}]}" ]]; then
      local -a items
      IFS=, read -r -a items <<<"${P_ATTRS[${key}]}"
      for item in "${items[@]}"; do args+=(-A "${num}:${item}"); done
    fi
  done
  sgdisk "${args[@]}" "${img}" >/dev/null || die "sgdisk could not write the partition table of ${img##*/}"
  # Read every entry back: sgdisk -i shows the full name, GUIDs and flags.
  local info want_attrs got
  for key in "$@"; do
    num="${P_NUM[${key}]}"
    first=$(( P_START[${key}] * 2048 ))
    last=$(( (P_START[${key}] + P_SIZE[${key}]) * 2048 - 1 ))
    info="$(sgdisk -i "${num}" "${img}")" || die "sgdisk -i ${num} fails on ${img##*/}"
    want_attrs=0
    if [[ -n "${P_ATTRS[${key}]}" ]]; then
      local -a items
      IFS=, read -r -a items <<<"${P_ATTRS[${key}]}"
      for item in "${items[@]}"; do
        [[ "${item}" != set:* ]] || want_attrs=$(( want_attrs | (1 << ${item#set:}) ))
      done
    fi
    got="$(awk -F': ' '
      $1 == "First sector" { split($2, a, " "); f = a[1] }
      $1 == "Last sector" { split($2, a, " "); l = a[1] }
      $1 == "Partition GUID code" { split($2, a, " "); t = toupper(a[1]) }
      $1 == "Partition unique GUID" { u = toupper($2) }
      $1 == "Attribute flags" { x = toupper($2) }
      $1 == "Partition name" { n = $2; gsub(/^\047|\047$/, "", n) }
      END { print f, l, t, u, x; print n }' <<<"${info}")"
    local want_type="${P_TYPE[${key}]^^}" want_guid="${P_GUID[${key}]^^}"
    [[ "${#want_type}" -ne 4 ]] || want_type="$(sgdisk_type_guid "${want_type}")"
    [[ "${want_guid}" != R ]] || want_guid="$(awk 'NR == 1 { print $4 }' <<<"${got}")"
    local want
    want="$(printf '%s %s %s %s %016X\n%s' "${first}" "${last}" "${want_type}" "${want_guid}" "${want_attrs}" "${P_LABEL[${key}]}")"
    [[ "${got}" == "${want}" ]] \
      || die "${img##*/}: partition ${num} (${key}) is not as planned: sgdisk shows
${got}
instead of
${want}"
  done
}
# sgdisk_type_guid <4-digit code>: the type GUID sgdisk uses for that code.
sgdisk_type_guid() {
  case "${1^^}" in
    EF02) echo 21686148-6449-6E6F-744E-656564454649 ;;
    EF00) echo C12A7328-F81F-11D2-BA4B-00A0C93EC93B ;;
    8300) echo 0FC63DAF-8483-4772-8E79-3D69D8477DE4 ;;
    *) die "plan.env: type code $1 is not one this script can check (use the type GUID)" ;;
  esac
}

truncate -s "${OS_DISK_MIB}M" "${OS_IMG}"
partition_disk "${OS_IMG}" "${os_parts[@]}"
if [[ "${PARTITION_PLAN}" == split ]]; then
  truncate -s "${DATA_DISK_MIB}M" "${DATA_IMG}"
  partition_disk "${DATA_IMG}" DATA_PART
fi
log "partition tables written"

# ---------------------------------------------------------------------------
# 2. GRUB
# ---------------------------------------------------------------------------
readonly GRUB_DIR=/usr/lib/grub
grub_prefix="(,gpt${P_NUM[BOOT_A]})/grub"

# write_early_cfg <file> [bios]: the config embedded in the core image. GRUB
# runs it with its rescue parser, before normal mode: one plain command per
# line, no comments, no "if". $root is already BOOT-A of the boot disk, from
# the prefix; normal mode then reads $prefix/grub.cfg. For BIOS, GRUB also
# talks to the first serial port (115200 8N1) besides the screen; under EFI
# the firmware's console already reaches the serial port.
write_early_cfg() {
  {
    if [[ "${2:-}" == bios ]]; then
      echo 'serial --unit=0 --speed=115200 --word=8 --parity=no --stop=1'
      echo 'terminal_input serial console'
      echo 'terminal_output serial console'
    fi
    # shellcheck disable=SC2016 # GRUB expands these, not bash
    echo 'probe --set boot_uuid --part-uuid ($root)'
    echo 'export boot_uuid'
    if [[ "${GRUB_SET_PRIVATE_VAR}" == yes ]]; then
      echo "regexp --set 1:boot_disk '^([^,]+),' \$root"
      echo "set private=\${boot_disk},gpt${P_NUM[PRIVATE]}"
      echo 'export private'
    fi
  } >"$1"
}
# Modules for reading grub.cfg from an ext4 BOOT on a GPT disk and booting
# Linux from it; everything is built in (BOOT has no module directory).
grub_modules=(part_gpt ext2 normal configfile linux boot echo test sleep reboot search probe regexp)

if [[ "${ARCH}" == x86_64 ]]; then
  [[ -n "${P_NUM[BIOS]:-}" ]] || die "plan.env: PART_BIOS is needed for BIOS boot on x86_64"
  bios_dir="${WORK}/grub-bios"
  mkdir -p "${bios_dir}"
  write_early_cfg "${bios_dir}/early.cfg" bios
  grub-mkimage -O i386-pc -d "${GRUB_DIR}/i386-pc" -o "${bios_dir}/core.img" \
    -c "${bios_dir}/early.cfg" -p "${grub_prefix}" \
    biosdisk serial terminal "${grub_modules[@]}" \
    || die "grub-mkimage failed for i386-pc"
  fits "${bios_dir}/core.img" "${P_SIZE[BIOS]}" "GRUB's BIOS core image"

  # What grub-bios-setup does for a GPT disk with a BIOS boot partition:
  # core.img goes into that partition; boot.img becomes the MBR's boot code
  # (keeping the disk signature and partition table) and loads the first
  # sector of core.img, whose block list then loads the rest.
  # Offsets in boot.img (GRUB's i386/pc/boot.h): kernel sector 0x5c (le64),
  # boot drive check 0x66 (a jmp, NOPed for hard disks). In core.img's first
  # sector (diskboot.img): the block list entry at 0x1f4: start (le64),
  # length in sectors (le16), segment (le16, 0x820).
  cp "${GRUB_DIR}/i386-pc/boot.img" "${bios_dir}/mbr.img"
  [[ "$(stat -c %s "${bios_dir}/mbr.img")" -eq 512 \
     && "$(hexat "${bios_dir}/mbr.img" $((0x5c)) 8)" == 0100000000000000 \
     && "$(hexat "${bios_dir}/mbr.img" $((0x66)) 2)" == eb05 \
     && "$(hexat "${bios_dir}/mbr.img" 510 2)" == 55aa ]] \
    || die "${GRUB_DIR}/i386-pc/boot.img does not have the layout this script knows"
  core_bytes="$(stat -c %s "${bios_dir}/core.img")"
  core_rest=$(( (core_bytes + 511) / 512 - 1 ))
  [[ "$(hexat "${bios_dir}/core.img" $((0x1f4)) 8)" == 0200000000000000 \
     && "$(hexat "${bios_dir}/core.img" $((0x1fe)) 2)" == 2008 \
     && $((16#$(hexat "${bios_dir}/core.img" $((0x1fd)) 1)$(hexat "${bios_dir}/core.img" $((0x1fc)) 1))) -eq ${core_rest} ]] \
    || die "GRUB's i386-pc core image does not have the layout this script knows"
  core_sector=$(( P_START[BIOS] * 2048 ))
  dd if="${OS_IMG}" of="${bios_dir}/mbr.img" bs=1 skip=440 seek=440 count=70 conv=notrunc status=none
  patch_at "${bios_dir}/mbr.img" $((0x5c)) "$(le_bytes "${core_sector}" 8)"
  patch_at "${bios_dir}/mbr.img" $((0x66)) '\x90\x90'
  patch_at "${bios_dir}/core.img" $((0x1f4)) "$(le_bytes $((core_sector + 1)) 8)"
  put_at "${bios_dir}/core.img" "${OS_IMG}" "${P_START[BIOS]}" "GRUB's core image"
  dd if="${bios_dir}/mbr.img" of="${OS_IMG}" bs=512 count=1 conv=notrunc status=none
  log "GRUB for BIOS: core image (${core_bytes} bytes) at sector ${core_sector}, prefix ${grub_prefix}"
fi

efi_dir="${WORK}/grub-efi"
mkdir -p "${efi_dir}"
write_early_cfg "${efi_dir}/early.cfg"
efi_modules=("${grub_modules[@]}" efi_gop)
# Debian's arm64 kernels are gzip-compressed.
[[ "${ARCH}" != aarch64 ]] || efi_modules+=(gzio)
grub-mkimage -O "${grub_efi_target}" -d "${GRUB_DIR}/${grub_efi_target}" -o "${efi_dir}/grub.efi" \
  -c "${efi_dir}/early.cfg" -p "${grub_prefix}" "${efi_modules[@]}" \
  || die "grub-mkimage failed for ${grub_efi_target}"
efi_img="${WORK}/efi.vfat"
truncate -s "${P_SIZE[EFI_A]}M" "${efi_img}"
mkfs.vfat -I -S 512 "${efi_img}" >/dev/null || die "mkfs.vfat failed"
export MTOOLS_SKIP_CHECK=1
mmd -i "${efi_img}" ::/EFI ::/EFI/BOOT || die "mmd failed"
mcopy -i "${efi_img}" "${efi_dir}/grub.efi" "::/EFI/BOOT/${efi_boot_name}" \
  || die "cannot copy GRUB into the EFI system partition (${P_SIZE[EFI_A]} MiB too small?)"
put_at "${efi_img}" "${OS_IMG}" "${P_START[EFI_A]}" EFI-A
log "GRUB for EFI: EFI/BOOT/${efi_boot_name} ($(stat -c %s "${efi_dir}/grub.efi") bytes, ${grub_efi_target})"

# ---------------------------------------------------------------------------
# 3. Filesystems
# ---------------------------------------------------------------------------
# BOOT-A
boot_tree="${WORK}/boot"
mkdir -p "${boot_tree}/grub"
for entry in "${BOOT_IN}"/* "${BOOT_IN}"/.[!.]* "${BOOT_IN}"/..?*; do
  case "${entry##*/}" in
    efi|grub|boot-config.d) continue ;;
  esac
  cp -a "${entry}" "${boot_tree}/"
done
install -m 0600 "${GRUB_CFG}" "${boot_tree}/grub/grub.cfg"
chown -R 0:0 "${boot_tree}"
chmod -R go-rwx "${boot_tree}"
boot_img="${WORK}/boot.ext4"
mkfs.ext4 -q -F -O ^has_journal -d "${boot_tree}" "${boot_img}" "${P_SIZE[BOOT_A]}M" \
  || die "mkfs.ext4 failed for BOOT (does boot/ fit in ${P_SIZE[BOOT_A]} MiB?)"
resize2fs -M "${boot_img}" >/dev/null 2>&1 || die "resize2fs -M failed for BOOT"
block_line="$(dumpe2fs -h "${boot_img}" 2>/dev/null | awk -F': *' '$1 == "Block count" { c = $2 } $1 == "Block size" { s = $2 } END { print c, s }')"
read -r blocks block_size <<<"${block_line}"
[[ "${blocks}" =~ ^[0-9]+$ && "${block_size}" =~ ^[0-9]+$ ]] || die "cannot read BOOT's size"
truncate -s $((blocks * block_size)) "${boot_img}"
fits "${boot_img}" "${P_SIZE[BOOT_A]}" BOOT
put_at "${boot_img}" "${OS_IMG}" "${P_START[BOOT_A]}" BOOT-A

# ROOT-A, HASH-A
put_at "${ROOT_IMG}" "${OS_IMG}" "${P_START[ROOT_A]}" ROOT-A
put_at "${HASH_IMG}" "${OS_IMG}" "${P_START[HASH_A]}" HASH-A

# PRIVATE
private_tree="${WORK}/private"
mkdir -p "${private_tree}"
if [[ "${GRUB_SET_PRIVATE_VAR}" == yes ]]; then
  bc_text="${WORK}/bootconfig.txt"
  if (( ${#snippets[@]} > 0 )); then
    : >"${bc_text}"
    for s in "${snippets[@]}"; do
      cat "${TW}/bootconfig/${s}" >>"${bc_text}"
      [[ -z "$(tail -c 1 "${bc_text}")" ]] || echo >>"${bc_text}"
    done
    log "bootconfig from ${snippets[*]}"
  else
    printf 'kernel {}\ninit {}\n' >"${bc_text}"
  fi
  if command -v bootconfig >/dev/null 2>&1; then
    : >"${private_tree}/bootconfig.data"
    bootconfig -a "${bc_text}" "${private_tree}/bootconfig.data" >&2 || die "bootconfig rejects the snippets"
  else
    # The trailer the kernel looks for at the end of the initrd: the text
    # and a NUL, NUL-padded so the whole is a multiple of 4 bytes, then the
    # padded size and the byte sum (both le32), then the magic.
    [[ "$(tr -d '\0' <"${bc_text}" | wc -c)" -eq "$(stat -c %s "${bc_text}")" ]] || die "the bootconfig snippets contain NUL bytes"
    text_bytes="$(stat -c %s "${bc_text}")"
    bc_size=$(( (text_bytes + 1 + 3) / 4 * 4 ))
    (( bc_size <= 32767 )) || die "the bootconfig is ${bc_size} bytes, more than the kernel's 32767"
    bc_sum="$(od -A n -t u1 -v "${bc_text}" | awk '{ for (i = 1; i <= NF; i++) s += $i } END { printf "%d", s % 4294967296 }')"
    {
      cat "${bc_text}"
      head -c $(( bc_size - text_bytes )) /dev/zero
      # shellcheck disable=SC2059
      printf "$(le_bytes "${bc_size}" 4)$(le_bytes "${bc_sum}" 4)"
      printf '#BOOTCONFIG\n'
    } >"${private_tree}/bootconfig.data"
  fi
  chmod 0644 "${private_tree}/bootconfig.data"
fi
private_img="${WORK}/private.ext4"
mkfs.ext4 -q -F -b 4096 -i 4096 -I 256 -d "${private_tree}" "${private_img}" "${P_SIZE[PRIVATE]}M" \
  || die "mkfs.ext4 failed for PRIVATE"
put_at "${private_img}" "${OS_IMG}" "${P_START[PRIVATE]}" PRIVATE

# DATA
if [[ "${PARTITION_PLAN}" == split ]]; then
  data_target="${DATA_IMG}" data_start="${P_START[DATA_PART]}"
else
  data_target="${OS_IMG}" data_start="${P_START[DATA_A]}"
fi
if [[ "${DATA_FS}" == ext4 ]]; then
  data_img="${WORK}/data.ext4"
  mkfs.ext4 -q -F -m 0 "${data_img}" "${DATA_FS_MIB}M" || die "mkfs.ext4 failed for DATA"
  put_at "${data_img}" "${data_target}" "${data_start}" DATA
  rm -f "${data_img}"
fi
log "filesystems written"

# ---------------------------------------------------------------------------
# 4. Check the partition tables
# ---------------------------------------------------------------------------
disks=("${OS_IMG}")
[[ "${PARTITION_PLAN}" != split ]] || disks+=("${DATA_IMG}")
for img in "${disks[@]}"; do
  verify="$(sgdisk -v "${img}" 2>&1)" || die "sgdisk -v fails on ${img##*/}: ${verify}"
  if ! grep -q 'No problems found' <<<"${verify}" || grep -qi 'warning' <<<"${verify}"; then
    die "sgdisk -v finds problems on ${img##*/}: ${verify}"
  fi
done

# ---------------------------------------------------------------------------
# 5. Output
# ---------------------------------------------------------------------------
# --content-size records the decompressed size in the frame header, so `make ami` knows how many EBS blocks an
# image has without decompressing it twice; readers that ignore it (lz4 -d, upstream's tools) are unaffected.
compress() { lz4 -9 -q -f --content-size "$1" "$2" || die "lz4 failed on ${1##*/}"; }
for img in "${disks[@]}"; do
  base="${img##*/}"; base="${base%.img}"
  case "${IMAGE_FORMAT}" in
    raw) compress "${img}" "${OUTPUT}/${base}.img.lz4" ;;
    qcow2) qemu-img convert -f raw -O qcow2 "${img}" "${OUTPUT}/${base}.qcow2" || die "qemu-img cannot convert ${base} to qcow2" ;;
    vmdk) qemu-img convert -f raw -O vmdk -o subformat=streamOptimized "${img}" "${OUTPUT}/${base}.vmdk" \
            || die "qemu-img cannot convert ${base} to vmdk" ;;
  esac
done
compress "${boot_img}" "${OUTPUT}/boot.ext4.lz4"
compress "${ROOT_IMG}" "${OUTPUT}/root.ext4.lz4"
compress "${HASH_IMG}" "${OUTPUT}/root.verity.lz4"

rm -rf "${WORK}"
log "done: $(cd "${OUTPUT}" && du -h --apparent-size -- * | tr '\t\n' ': ')"
