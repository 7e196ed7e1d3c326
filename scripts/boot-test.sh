#!/usr/bin/env bash
# Boots a variant's disk image headless in QEMU and checks what its serial console says.
#
#   scripts/boot-test.sh IMAGE.img.lz4 [--firmware bios|uefi] [--arch x86_64|aarch64] [--timeout SECONDS]
#                        [--tamper] [--bank-b] [--accel tcg|kvm] [--log FILE] [--keep]
#
# IMAGE is the OS image a build wrote (build/images/<arch>-<variant>/latest/bottlerocket-<variant>-<arch>.img.lz4, or
# the same uncompressed). The data image beside it (...-data.img.lz4) is attached as the second disk when present.
# Both are decompressed into a temporary directory: the build's files are never written.
#
# Exit status 0 only when the expectation is met:
#   default   the console shows "Reached target multi-user.target", "hello-agent starting" (the sample's C daemon)
#             and "hello-go starting: instance" (its Go program, built from Go modules vendored by the build);
#   --tamper  one byte of ROOT-A (in the root filesystem's first block, which mounting reads) is flipped in the copy
#             first, and the console must show dm-verity's corruption error without the system reaching
#             multi-user.target.
# Otherwise exit 1 and the last console lines are printed. Exit 2 for bad arguments or missing tools.
#
# --firmware  bios (SeaBIOS; x86_64 only) or uefi (OVMF on x86_64, AAVMF on aarch64). Default: uefi on aarch64,
#             bios on x86_64.
# --arch      default: from the image's file name (...-x86_64.img.lz4, ...-aarch64.img.lz4).
# --timeout   seconds to wait for the console (default 420 on x86_64, 900 on aarch64: TCG is slow).
# --bank-b    write the update images beside IMAGE (-boot.ext4.lz4, -root.ext4.lz4, -root.verity.lz4) into bank B of
#             the copy and mark B as the next boot (gptprio attributes, as Bottlerocket's updater does); it passes
#             only when the kernel's dm-verity table names BOOT-B's partition (so its root is ROOT-B). It fails today:
#             Debian's GRUB has no gptprio and always boots bank A (see the README's status).
# --accel     tcg (default) or kvm. KVM is only for machines where it works: on some, OVMF fails under KVM with
#             "KVM internal error ... emulation failure" and SeaBIOS is very slow.
# --log FILE  keep the serial console's output in FILE (default: a file in the temporary directory).
# --keep      keep the temporary directory.
#
# Needs qemu-system-x86 / qemu-system-arm, ovmf / qemu-efi-aarch64, lz4, and sgdisk for --tamper and --bank-b
# (scripts/test.sh installs them). The guest gets QEMU's user network with restrict=on: nothing leaves the VM.
set -euo pipefail

usage() { sed -n '3,5p' "$0" | sed 's/^# \{0,1\}//' >&2; }
die() { echo "boot-test: error: $*" >&2; exit 2; }
log() { echo "boot-test: $*" >&2; }

image="" firmware="" arch="" timeout="" tamper=no bank_b=no accel=tcg console_log="" keep=no
while (( $# > 0 )); do
  case "$1" in
    --firmware) firmware=${2:?--firmware needs bios or uefi}; shift 2 ;;
    --arch) arch=${2:?--arch needs x86_64 or aarch64}; shift 2 ;;
    --timeout) timeout=${2:?--timeout needs seconds}; shift 2 ;;
    --tamper) tamper=yes; shift ;;
    --bank-b) bank_b=yes; shift ;;
    --accel) accel=${2:?--accel needs tcg or kvm}; shift 2 ;;
    --log) console_log=${2:?--log needs a file}; shift 2 ;;
    --keep) keep=yes; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) usage; die "unknown option '$1'" ;;
    *) [[ -z "${image}" ]] || die "only one image, got '${image}' and '$1'"; image=$1; shift ;;
  esac
done
[[ -n "${image}" ]] || { usage; die "no image given"; }
[[ -f "${image}" ]] || die "image '${image}' does not exist (build it first: ./twoliter build variant VARIANT --arch ARCH)"

if [[ -z "${arch}" ]]; then
  case "${image##*/}" in
    *-x86_64.img*|*-x86_64-*.img*) arch=x86_64 ;;
    *-aarch64.img*|*-aarch64-*.img*) arch=aarch64 ;;
    *) die "cannot tell the architecture from '${image##*/}': pass --arch x86_64 or --arch aarch64" ;;
  esac
fi
case "${arch}" in
  x86_64) firmware=${firmware:-bios}; timeout=${timeout:-420} ;;
  aarch64) firmware=${firmware:-uefi}; timeout=${timeout:-900} ;;
  *) die "--arch '${arch}' is not x86_64 or aarch64" ;;
esac
case "${firmware}" in
  bios) [[ "${arch}" == x86_64 ]] || die "--firmware bios exists only on x86_64; aarch64 boots with --firmware uefi" ;;
  uefi) ;;
  *) die "--firmware '${firmware}' is not bios or uefi" ;;
esac
case "${accel}" in tcg|kvm) ;; *) die "--accel '${accel}' is not tcg or kvm" ;; esac
[[ "${timeout}" =~ ^[1-9][0-9]*$ ]] || die "--timeout '${timeout}' is not a positive number of seconds"

need() { command -v "$1" >/dev/null 2>&1 || die "$1 is not installed (apt-get install $2)"; }
case "${arch}" in
  x86_64) need qemu-system-x86_64 qemu-system-x86 ;;
  aarch64) need qemu-system-aarch64 qemu-system-arm ;;
esac
[[ "${image}" != *.lz4 ]] || need lz4 lz4
[[ "${tamper}" == no && "${bank_b}" == no ]] || need sgdisk gdisk

work=$(mktemp -d "${TMPDIR:-/tmp}/boot-test.XXXXXX")
qemu_pid=""
cleanup() {
  if [[ -n "${qemu_pid}" ]] && kill -0 "${qemu_pid}" 2>/dev/null; then kill "${qemu_pid}" 2>/dev/null || true; fi
  if [[ "${keep}" == yes ]]; then log "kept ${work}"; else rm -rf "${work}"; fi
}
trap cleanup EXIT
console_log=${console_log:-${work}/console.log}
: >"${console_log}"

# decompress SRC DEST: a sparse copy of an image, lz4 or raw.
decompress() {
  if [[ "$1" == *.lz4 ]]; then
    lz4 -q -d -f --sparse "$1" "$2"
  else
    cp --sparse=always "$1" "$2"
  fi
}
os_disk="${work}/os.img"
decompress "${image}" "${os_disk}"
data_image=""
for candidate in "${image%.img*}-data.img${image##*.img}" "${image%.img*}-data.img.lz4" "${image%.img*}-data.img"; do
  if [[ -f "${candidate}" ]]; then data_image=${candidate}; break; fi
done
data_disk=""
if [[ -n "${data_image}" ]]; then
  data_disk="${work}/data.img"
  decompress "${data_image}" "${data_disk}"
fi

# partition_start DISK LABEL: the first sector of the partition named LABEL.
partition_start() {
  local start
  start=$(sgdisk -p "$1" 2>/dev/null | awk -v l="$2" '$NF == l { print $2; exit }')
  [[ "${start}" =~ ^[0-9]+$ ]] || die "no partition named $2 in the image"
  echo "${start}"
}
partition_number() {
  local num
  num=$(sgdisk -p "$1" 2>/dev/null | awk -v l="$2" '$NF == l { print $1; exit }')
  [[ "${num}" =~ ^[0-9]+$ ]] || die "no partition named $2 in the image"
  echo "${num}"
}

if [[ "${tamper}" == yes ]]; then
  # Byte 1024 of the root filesystem: its superblock, in the first 4 KiB block, which mounting reads.
  offset=$(( $(partition_start "${os_disk}" BOTTLEROCKET-ROOT-A) * 512 + 1024 ))
  byte=$(dd if="${os_disk}" bs=1 skip="${offset}" count=1 status=none | od -An -tu1 | tr -d ' ')
  printf "$(printf '\\%03o' $(( byte ^ 0xff )))" | dd of="${os_disk}" bs=1 seek="${offset}" conv=notrunc status=none
  log "flipped the byte at offset ${offset} of the copy (ROOT-A + 1024): ${byte} -> $(( byte ^ 0xff ))"
fi

if [[ "${bank_b}" == yes ]]; then
  base=${image%.img*}
  for part in boot:BOOT root:ROOT verity:HASH; do
    file="${base}-${part%%:*}.ext4.lz4"
    [[ "${part%%:*}" != verity ]] || file="${base}-root.verity.lz4"
    [[ -f "${file}" ]] || die "update image ${file} not found beside ${image}"
    label="BOTTLEROCKET-${part##*:}-B"
    start=$(partition_start "${os_disk}" "${label}")
    lz4 -q -d -c "${file}" | dd of="${os_disk}" bs=1M seek="$(( start * 512 ))" oflag=seek_bytes conv=notrunc,sparse status=none
    log "wrote ${file##*/} into ${label}"
  done
  # gptprio: priority in bits 48-51, tries left in 52-55, successful in 56. B: priority 2, one try; A: priority 1.
  num_a=$(partition_number "${os_disk}" BOTTLEROCKET-BOOT-A)
  num_b=$(partition_number "${os_disk}" BOTTLEROCKET-BOOT-B)
  sgdisk -A "${num_b}:set:49" -A "${num_b}:set:52" -A "${num_b}:clear:56" \
         -A "${num_a}:set:48" -A "${num_a}:clear:49" "${os_disk}" >/dev/null
  log "marked BOOT-B (partition ${num_b}) as the next boot"
  # The dm-verity table of the kernel that bank B's grub.cfg starts names BOOT-B's partition GUID (PARTNROFF=1 is
  # ROOT-B); bank A's names BOOT-A's.
  boot_b_guid=$(sgdisk -i "${num_b}" "${os_disk}" | sed -n 's/^Partition unique GUID: //p' | tr 'A-F' 'a-f')
  [[ -n "${boot_b_guid}" ]] || die "cannot read BOOT-B's partition GUID"
fi

qemu=()
case "${arch}" in
  x86_64)
    qemu=(qemu-system-x86_64 -M q35 -cpu max)
    if [[ "${firmware}" == uefi ]]; then
      code=/usr/share/OVMF/OVMF_CODE_4M.fd vars=/usr/share/OVMF/OVMF_VARS_4M.fd
      [[ -f "${code}" ]] || die "${code} not found (apt-get install ovmf)"
      cp "${vars}" "${work}/vars.fd"
      qemu+=(-drive "if=pflash,format=raw,unit=0,readonly=on,file=${code}"
             -drive "if=pflash,format=raw,unit=1,file=${work}/vars.fd")
    fi
    ;;
  aarch64)
    qemu=(qemu-system-aarch64 -M virt -cpu cortex-a57)
    code=/usr/share/AAVMF/AAVMF_CODE.fd vars=/usr/share/AAVMF/AAVMF_VARS.fd
    [[ -f "${code}" ]] || die "${code} not found (apt-get install qemu-efi-aarch64)"
    cp "${vars}" "${work}/vars.fd"
    qemu+=(-drive "if=pflash,format=raw,unit=0,readonly=on,file=${code}"
           -drive "if=pflash,format=raw,unit=1,file=${work}/vars.fd")
    ;;
esac
qemu+=(-accel "${accel}" -m 1024 -smp 2 -display none -monitor none -no-reboot
       -serial "file:${console_log}"
       -drive "if=virtio,format=raw,file=${os_disk}"
       -nic "user,model=virtio-net-pci,restrict=on")
[[ -z "${data_disk}" ]] || qemu+=(-drive "if=virtio,format=raw,file=${data_disk}")

extras=${data_disk:+, with the data disk}; [[ "${tamper}" == no ]] || extras+=", tampered"; [[ "${bank_b}" == no ]] || extras+=", bank B"
log "booting ${image##*/} (${arch}, ${firmware}, ${accel}${extras}); timeout ${timeout} s"
start_s=${SECONDS}
"${qemu[@]}" </dev/null >"${work}/qemu.out" 2>&1 &
qemu_pid=$!

reached() { grep -aq "$1" "${console_log}"; }
readonly MULTI_USER='Reached target multi-user.target'
readonly AGENT='hello-agent starting'
readonly GO_PROGRAM='hello-go starting: instance'
readonly VERITY_ERROR='device-mapper: verity: .*\(corrupted\|error\)\|dm-verity device corrupted'
outcome=""
while (( SECONDS - start_s < timeout )); do
  if [[ "${tamper}" == yes ]]; then
    if reached "${MULTI_USER}"; then outcome=fail-reached; break; fi
    if grep -aq "${VERITY_ERROR}" "${console_log}"; then
      # Let the kernel finish its message (and restart), then make sure userspace never came up.
      sleep 5
      if reached "${MULTI_USER}"; then outcome=fail-reached; else outcome=pass; fi
      break
    fi
  elif reached "${MULTI_USER}" && reached "${AGENT}" && reached "${GO_PROGRAM}"; then
    outcome=pass
    if [[ "${bank_b}" == yes ]] && ! grep -aq "PARTUUID=${boot_b_guid}/PARTNROFF=1" "${console_log}"; then
      outcome=fail-bank-a
    fi
    break
  fi
  if ! kill -0 "${qemu_pid}" 2>/dev/null; then
    sleep 1
    if [[ "${tamper}" == yes ]] && grep -aq "${VERITY_ERROR}" "${console_log}" && ! reached "${MULTI_USER}"; then
      outcome=pass
    else
      outcome=fail-exited
    fi
    break
  fi
  sleep 1
done
elapsed=$(( SECONDS - start_s ))
kill "${qemu_pid}" 2>/dev/null || true
wait "${qemu_pid}" 2>/dev/null || true
qemu_pid=""

show_tail() {
  echo "---- last console lines (${console_log}) ----" >&2
  tr -d '\r' <"${console_log}" | grep -av '^\s*$' | tail -n 40 >&2 || true
  if [[ -s "${work}/qemu.out" ]]; then
    echo "---- qemu ----" >&2
    tail -n 10 "${work}/qemu.out" >&2
  fi
}
case "${outcome}" in
  pass)
    if [[ "${tamper}" == yes ]]; then
      log "PASS: the kernel refused the tampered root after ${elapsed} s:"
      grep -a "${VERITY_ERROR}" "${console_log}" | tr -d '\r' | head -n 3 >&2
    else
      log "PASS: multi-user.target reached, hello-agent and hello-go started, ${elapsed} s after QEMU started"
      grep -a -m 1 "${AGENT}" "${console_log}" | tr -d '\r' >&2
      grep -a -m 1 "${GO_PROGRAM}" "${console_log}" | tr -d '\r' >&2
    fi
    exit 0
    ;;
  fail-reached) log "FAIL: the tampered image reached multi-user.target after ${elapsed} s" ;;
  fail-exited) log "FAIL: QEMU stopped after ${elapsed} s without the expected console lines" ;;
  fail-bank-a) log "FAIL: the system came up after ${elapsed} s, but from bank A: the kernel's root does not name BOOT-B (${boot_b_guid})" ;;
  *)
    if [[ "${tamper}" == yes ]]; then
      log "FAIL: no dm-verity error on the console within ${timeout} s"
    else
      log "FAIL: within ${timeout} s the console did not show all of '${MULTI_USER}', '${AGENT}' and '${GO_PROGRAM}'"
    fi
    ;;
esac
show_tail
exit 1
