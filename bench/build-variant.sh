#!/usr/bin/env bash
# Measures the sample variant aws-k8s-1.29-nvidia (x86_64, 4 GiB OS + 1 GiB data disk): a cold build in a fresh
# cache (the SDK image already built), the image step alone, a no-op rebuild, and the image step's throughput
# against dd writing the same number of bytes on this machine. Needs a Docker engine (scripts/ensure-docker.sh).
# Usage: bench/build-variant.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export TWOLITER_CACHE_DIR="$work/cache"
variant=aws-k8s-1.29-nvidia

mkdir -p "$work/project"
for part in Twoliter.toml Release.toml Cargo.toml packages kits variants sources sdk policies; do
  cp -a "$here/$part" "$work/project/"
done
cd "$work/project"
tl() { "$here/twoliter" "$@"; }
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
millis_of() { grep "\"step\":\"$2\"" "$1" | sed -E 's/.*"millis":([0-9]+).*/\1/'; }

tl --version >/dev/null
tl build package libhello --arch x86_64 >/dev/null 2>&1   # makes sure the SDK image exists, outside the timing
rm -rf "$TWOLITER_CACHE_DIR" build

t=$(ms tl build variant "$variant" --arch x86_64 --events "$work/cold.json")
echo "cold build (packages, kit, rootfs, image): $t ms   $(tail -n 1 "$work/cold.json")"
rootfs=$(millis_of "$work/cold.json" rootfs)
image=$(millis_of "$work/cold.json" image)
echo "  rootfs step: $rootfs ms, image step: $image ms"

total=0
for _ in $(seq "$runs"); do total=$(( total + $(ms tl build variant "$variant" --arch x86_64 --events "$work/noop.json") )); done
echo "no-op rebuild (mean of $runs): $(( total / runs )) ms   $(tail -n 1 "$work/noop.json")"

sed -i 's/"selinux=0",/"selinux=0", "loglevel=4",/' "variants/$variant/Cargo.toml"
grep -q loglevel=4 "variants/$variant/Cargo.toml" || { echo "bench: the kernel parameters did not change" >&2; exit 1; }
t=$(ms tl build variant "$variant" --arch x86_64 --events "$work/kernel.json")
echo "kernel-parameters change (image step only): $t ms   $(tail -n 1 "$work/kernel.json")"

# The image step writes a 4 GiB OS disk and a 1 GiB data disk (sparse), then compresses them with lz4 -9.
bytes=$(( 5 * 1024 * 1024 * 1024 ))
echo "image step: $(( bytes / 1024 / 1024 * 1000 / image )) MiB of disk image per second (sparse writes + lz4 -9)"
t=$(ms dd if=/dev/zero of="$work/dd.img" bs=4M count=1280 conv=fsync)
echo "dd of the same 5 GiB (zeros, fsync): $t ms = $(( bytes / 1024 / 1024 * 1000 / t )) MiB/s"
rm -f "$work/dd.img"
