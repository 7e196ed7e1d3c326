#!/usr/bin/env bash
# Measures kits over a registry: publish the sample's core-kit (x86_64) to Debian's docker-registry on loopback, then
# in a consumer project time `twoliter update`, a cold `twoliter fetch --arch x86_64`, and no-op fetches (which
# need no network at all) against `java -version`. Needs Docker (scripts/ensure-docker.sh) and docker-registry.
# Usage: bench/kit-fetch.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
work="$(mktemp -d)"
reg_pid=""
trap '[[ -n "$reg_pid" ]] && kill "$reg_pid" 2>/dev/null; rm -rf "$work"' EXIT

port=$(( 20000 + RANDOM % 20000 ))
mkdir -p "$work/registry"
printf 'version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' \
  "$work/registry" "$port" > "$work/registry.yml"
/usr/bin/docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
reg_pid=$!

mkdir -p "$work/publisher"
for part in Twoliter.toml Release.toml Cargo.toml packages kits variants sources sdk policies; do
  cp -a "$here/$part" "$work/publisher/"
done
sed -i "s/127.0.0.1:5000/127.0.0.1:$port/" "$work/publisher/Twoliter.toml"
tl() { "$here/twoliter" "$@"; }
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }

(cd "$work/publisher" && tl build kit core-kit --arch x86_64 >/dev/null && tl publish kit core-kit local >/dev/null)

mkdir -p "$work/consumer"
cp -a "$here/sdk" "$work/consumer/"
printf 'schema-version = 1\nrelease-version = "1.0.0"\n\n[vendor.local]\nregistry = "127.0.0.1:%s"\n\n[[kit]]\nname = "core-kit"\nversion = "1.0.0"\nvendor = "local"\n' \
  "$port" > "$work/consumer/Twoliter.toml"
printf '[workspace]\nmembers = []\n' > "$work/consumer/Cargo.toml"
cd "$work/consumer"
echo "update (resolve core-kit and the SDK, write the lock): $(ms tl update) ms"
echo "fetch --arch x86_64, cold (download and unpack):       $(ms tl fetch --arch x86_64) ms"
echo "  unpacked: $(du -sh build/external-kits/local/core-kit/x86_64 | cut -f1)"
total=0
for _ in $(seq "$runs"); do total=$(( total + $(ms tl fetch --arch x86_64) )); done
echo "fetch --arch x86_64, no-op (mean of $runs, no network):   $(( total / runs )) ms"
total=0
for _ in $(seq "$runs"); do total=$(( total + $(ms tl update) )); done
echo "update, lock unchanged (mean of $runs):                  $(( total / runs )) ms"
total=0
for _ in $(seq "$runs"); do total=$(( total + $(ms java -version) )); done
echo "java -version (mean of $runs):                           $(( total / runs )) ms"
