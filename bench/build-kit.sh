#!/usr/bin/env bash
# Measures real builds of the sample kit: cold build per arch (fresh cache; the SDK image is built first if this
# recipe's image does not exist yet, and timed separately), no-op rebuild wall time against `java -version`, and
# the cache hit ratio after a one-file change. Needs a Docker engine (scripts/ensure-docker.sh).
# Usage: bench/build-kit.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export TWOLITER_CACHE_DIR="$work/cache"

mkdir -p "$work/project"
for part in Twoliter.toml Release.toml Cargo.toml packages kits variants sources sdk policies; do
  cp -a "$here/$part" "$work/project/"
done
cd "$work/project"
tl() { "$here/twoliter" "$@"; }
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
summary() { tail -n 1 "$1"; }

tl --version >/dev/null   # builds the jar if needed, outside the measurements
echo "SDK image (built only if missing):  $(ms tl build package libhello --arch x86_64) ms"
rm -rf "$TWOLITER_CACHE_DIR" build
for arch in x86_64 aarch64; do
  t=$(ms tl build kit core-kit --arch "$arch" --events "$work/cold-$arch.json")
  echo "cold build of core-kit, $arch:       $t ms   $(summary "$work/cold-$arch.json")"
done

total=0
for _ in $(seq "$runs"); do total=$(( total + $(ms tl build kit core-kit --arch x86_64 --events "$work/noop.json") )); done
echo "no-op rebuild (mean of $runs):        $(( total / runs )) ms   $(summary "$work/noop.json")"
total=0
for _ in $(seq "$runs"); do total=$(( total + $(ms java -version) )); done
echo "java -version (mean of $runs):        $(( total / runs )) ms"

printf '\n' >> sources/hello-agent/hello-agent.c
t=$(ms tl build kit core-kit --arch x86_64 --events "$work/change.json")
line=$(summary "$work/change.json")
planned=$(sed -E 's/.*"planned":([0-9]+).*/\1/' <<<"$line")
cached=$(sed -E 's/.*"cached":([0-9]+).*/\1/' <<<"$line")
echo "one-file change (hello-agent.c):      $t ms   $line"
echo "cache hit ratio after the change:     $cached/$planned"
