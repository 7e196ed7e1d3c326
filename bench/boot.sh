#!/usr/bin/env bash
# Measures how long the sample variant's images take to boot headless in QEMU under TCG (scripts/boot-test.sh):
# x86_64 under SeaBIOS and OVMF, aarch64 under AAVMF, from QEMU's start to "Reached target multi-user.target",
# "hello-agent starting" and "hello-go starting: instance" on the serial console. The baseline, measured in the same run, is sha256sum over the
# decompressed x86_64 OS image (a fixed amount of CPU and disk work on this machine); figures are given as ratios
# to it too. The images must be built first:
#   ./twoliter build variant aws-k8s-1.29-nvidia --arch x86_64 (and --arch aarch64)
# Usage: bench/boot.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
variant=aws-k8s-1.29-nvidia
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

image() { echo "$here/build/images/$1-$variant/latest/bottlerocket-$variant-$1.img.lz4"; }
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }

x86="$(image x86_64)"
[[ -f "$x86" ]] || { echo "bench: $x86 not found: build the x86_64 image first" >&2; exit 2; }
lz4 -q -d -f "$x86" "$work/os.img"
baseline=$(ms sha256sum "$work/os.img")
rm -f "$work/os.img"
echo "baseline: sha256sum of the 4 GiB x86_64 OS image: $baseline ms"

# boot_seconds ARGS...: the seconds boot-test.sh reports from QEMU's start to the expected console lines.
boot_seconds() {
  "$here/scripts/boot-test.sh" "$@" 2>&1 | sed -n 's/.*hello-agent started, \([0-9]*\) s after QEMU started.*/\1/p'
}

for case in "x86_64 bios" "x86_64 uefi" "aarch64 uefi"; do
  set -- $case
  img="$(image "$1")"
  if [[ ! -f "$img" ]]; then
    echo "$1 $2: skipped, $img not built"
    continue
  fi
  total=0
  for _ in $(seq "$runs"); do
    s=$(boot_seconds "$img" --firmware "$2")
    [[ -n "$s" ]] || { echo "$1 $2: the boot failed (run scripts/boot-test.sh $img --firmware $2)" >&2; exit 1; }
    total=$(( total + s ))
  done
  mean=$(( total / runs ))
  echo "$1 $2: multi-user.target and hello-agent after $mean s (mean of $runs), $(awk -v m="$mean" -v b="$baseline" 'BEGIN { printf "%.2f", m * 1000 / b }')x the baseline"
done
