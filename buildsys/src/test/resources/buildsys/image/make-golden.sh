#!/usr/bin/env bash
# Regenerates the golden GPTs GptWriterTest compares against, with sgdisk (Debian's gdisk 1.0.9) run the way
# rpm2img runs it (buildsys.md §7.1 step 2), on the partition offsets and sizes of buildsys.md §7.2.
# Each golden is sectors 0-33 followed by the last 33 sectors of the disk, gzipped.
# GUIDs are fixed so the output is deterministic: the disk gets guid 0, the partitions without a fixed GUID
# guid 1, 2, ... in partition order, as the test's GUID supplier hands them out.
set -euo pipefail
cd "$(dirname "$0")"

guid() { printf '%08x-0000-4000-8000-%012x' "$1" "$1"; }
BOOT=6b636168-7420-6568-2070-6c616e657421 ROOT=5526016a-1a97-4ea4-b39a-b7c8c6ca4502
HASH=598f10af-c955-4456-6a99-7720068a6cea RESERVED=0c5d99a5-d331-4147-baef-08e2b855bdc9
PRIVATE=440408bb-eb0b-4328-a6e5-a29038fad706 DATA=626f7474-6c65-6474-6861-726d61726b73
EFI=C12A7328-F81F-11D2-BA4B-00A0C93EC93B EFI_BACKUP=B39CE39C-0A00-B4AB-2D11-F18F8237A21C
PREFERRED=5b94e8df-28b8-485c-9d19-362263b5944c FALLBACK=69040874-417d-4e26-a764-7885f22007ea

args=() n=0
# part START SIZE LABEL TYPE [GUID]  (MiB; the end sector is (start+size)*2048-1, as rpm2img computes it)
part() {
  local guid="${5:-}"
  if [ -z "${guid}" ]; then n=$((n + 1)); guid="$(guid "${n}")"; fi
  args+=(-n "0:$1M:$((($1 + $2) * 2048 - 1))" -c "0:$3" -t "0:$4" -u "0:${guid}")
  case "$3" in
    BOTTLEROCKET-BOOT-A) args+=(-A 0:set:48 -A 0:set:56) ;;
    BOTTLEROCKET-BOOT-B) args+=(-A 0:clear:48 -A 0:clear:56) ;;
  esac
}
bank() { # bank LETTER EFI_START EFI BOOT ROOT HASH RESERVED
  local b="$1" off="$2"
  if [ "${b}" == A ]; then part "${off}" "$3" EFI-SYSTEM "${EFI}"; else part "${off}" "$3" EFI-BACKUP "${EFI_BACKUP}"; fi
  off=$((off + $3)); part "${off}" "$4" "BOTTLEROCKET-BOOT-${b}" "${BOOT}"
  off=$((off + $4)); part "${off}" "$5" "BOTTLEROCKET-ROOT-${b}" "${ROOT}"
  off=$((off + $5)); part "${off}" "$6" "BOTTLEROCKET-HASH-${b}" "${HASH}"
  off=$((off + $6)); part "${off}" "$7" "BOTTLEROCKET-RESERVED-${b}" "${RESERVED}"
}
golden() { # golden NAME GIB
  local img; img="$(mktemp)"
  truncate -s "$2G" "${img}"
  sgdisk --clear -U "$(guid 0)" "${args[@]}" --sort "${img}" >/dev/null
  sgdisk -v "${img}" | grep -q 'No problems found'
  local sectors=$(($2 * 2097152))
  { dd if="${img}" bs=512 count=34 status=none; dd if="${img}" bs=512 skip=$((sectors - 33)) status=none; } \
    | gzip -9n > "$1.gpt.gz"
  rm -f "${img}"; args=() n=0
}

os_2g_ipu() {
  part 1 4 BIOS-BOOT ef02
  bank A 5 5 40 920 10 25
  bank B 1005 5 40 920 10 25
  part 2005 41 BOTTLEROCKET-PRIVATE "${PRIVATE}"
}
os_2g_ipu; part 2046 1 "" "${DATA}" "${FALLBACK}"; golden split-2g-ipu-os 2
part 1 1 "" "${DATA}" "${PREFERRED}"; golden split-1g-data 1
os_2g_ipu; part 2046 1024 "" "${DATA}" "${PREFERRED}"; golden unified-2g-1g-ipu-os 3
part 1 4 BIOS-BOOT ef02; bank A 5 10 80 1840 20 50; part 2005 41 BOTTLEROCKET-PRIVATE "${PRIVATE}"
part 2046 1 "" "${DATA}" "${FALLBACK}"; golden split-2g-no-ipu-os 2
