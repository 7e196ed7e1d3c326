#!/usr/bin/env bash
# Measures `twoliter make ami` against the AWS emulator (pubsys's test AwsEmulator on loopback): the upload rate of
# each image (decompress the .img.lz4 as a stream, skip all-zero 512 KiB blocks, SHA-256 and send the rest) as the
# CLI reports it, and the wall time of a whole run (uploads, snapshot and AMI waits of 3 polls 2 s apart, as
# upstream), against reading and hashing the same image with `lz4 -dc | sha256sum`. Builds the sample variant
# first if needed (Docker; scripts/ensure-docker.sh). Usage: bench/ami-upload.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
variant=aws-k8s-1.29-nvidia
work="$(mktemp -d)"
emu_pid=""
trap '[[ -n "$emu_pid" ]] && kill "$emu_pid" 2>/dev/null; rm -rf "$work"' EXIT

cd "$here"
./mvnw -B -q -o install -DskipTests >/dev/null 2>&1 || ./mvnw -B -q install -DskipTests >/dev/null
./mvnw -B -q -o dependency:build-classpath -pl pubsys -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp" >/dev/null
port=$(( 20000 + RANDOM % 20000 ))
java -cp "pubsys/target/test-classes:pubsys/target/classes:$(cat "$work/cp")" pubsys.testing.AwsEmulator "$port" \
  > "$work/emu.env" 2> "$work/emu.log" &
emu_pid=$!
for _ in $(seq 50); do grep -q AWS_ENDPOINT_URL "$work/emu.env" 2>/dev/null && break; sleep 0.2; done
# shellcheck disable=SC1091
source "$work/emu.env"
export NO_PROGRESS=true

./twoliter build variant "$variant" --arch x86_64 >/dev/null
dir="build/images/x86_64-$variant/latest"
os=$(ls "$dir"/bottlerocket-"$variant"-x86_64-1.*.img.lz4 | grep -v -- '-data\.img\.lz4$' | head -n 1)
echo "image: $(basename "$os") ($(du -k --apparent-size "$os" | cut -f1) KiB compressed)"

ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
for i in $(seq "$runs"); do
  s=$(date +%s%N)
  ./twoliter make ami -e PUBLISH_REGIONS=us-west-2 -e BUILDSYS_VARIANT="$variant" -e PUBLISH_AMI_NAME="bench-$$-$i" \
    --arch x86_64 > "$work/run-$i.log" 2>&1
  e=$(date +%s%N)
  grep -h "^Uploaded" "$work/run-$i.log" | sed 's/^/  /'
  echo "make ami run $i (one region, new AMI): $(( (e - s) / 1000000 )) ms"
done
echo "lz4 -dc | sha256sum of the OS image:   $(ms bash -c "lz4 -dc '$os' | sha256sum") ms"
echo "lz4 -dc > /dev/null of the OS image:   $(ms bash -c "lz4 -dc '$os' > /dev/null") ms"
