#!/usr/bin/env bash
# Measures planning the real Bottlerocket projects of ../shared/corpus, JVM start included: the core kit (121
# packages, 11 Go bundles) and one variant of the OS repository with the core kit built from source through a
# Twoliter.override path (128 + 11 actions), against `java -version` in the same run as the floor.
# Usage: bench/plan-corpus.sh [RUNS] [CORPUS_DIR]   (defaults: 10, ../shared/corpus beside this checkout)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-10}"
corpus="${2:-${here}/../shared/corpus}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/ck" "$work/os"
tar -xzf "$(ls "$corpus"/bottlerocket-core-kit-*.tar.gz)" -C "$work/ck"
tar -xzf "$(ls "$corpus"/bottlerocket-*.tar.gz | grep -v core-kit)" -C "$work/os"
printf '[bottlerocket.bottlerocket-core-kit]\npath = "%s"\n' "$work/ck" > "$work/os/Twoliter.override"

"$here/twoliter" --version >/dev/null   # builds the jar if needed, outside the measurement

measure() {
  local label="$1"; shift
  "$@" >/dev/null 2>&1
  local start end
  start=$(date +%s%N)
  for _ in $(seq "$runs"); do "$@" >/dev/null 2>&1; done
  end=$(date +%s%N)
  local ms=$(( (end - start) / runs / 1000000 ))
  printf '%-66s %6d ms (mean of %d)' "$label" "$ms" "$runs"
  if [[ -n "${floor:-}" ]]; then
    awk -v a="$ms" -v b="$floor" 'BEGIN { printf "  %.1fx java -version\n", a / b }'
  else
    echo
    floor="$ms"
  fi
}
floor=""
measure "java -version" java -version
measure "build kit bottlerocket-core-kit --dry-run (134 actions)" "$here/twoliter" --project-path "$work/ck" \
  build kit bottlerocket-core-kit --arch x86_64 --dry-run
measure "build variant aws-k8s-1.27 --dry-run, kit from source (139 actions)" "$here/twoliter" \
  --project-path "$work/os" build variant aws-k8s-1.27 --arch x86_64 --dry-run
