#!/usr/bin/env bash
# Plans real Bottlerocket projects unchanged and prints a table of what planned.
#
#   scripts/conformance.sh CORPUS_DIR [--keep]
#
# CORPUS_DIR holds the archives of ../shared/corpus: bottlerocket-core-kit-<commit>.tar.gz (the core kit, 121
# packages) and bottlerocket-<commit>.tar.gz (the OS: variants that consume the core kit). Both are unpacked into a
# temporary directory (deleted at the end unless --keep); nothing is written beside the archives or in this checkout
# but the jar the launcher builds.
#
# It plans, with --dry-run (no Docker, no network):
#   1. the core kit, for x86_64 and aarch64: the number of actions of each kind;
#   2. each variant of the OS repository, for each arch it supports, with a Twoliter.override whose path points at the
#      core kit's checkout, so the kit is planned from its sources inside the variant's build (no registry needed).
# Each row says ok (with the actions per kind and the wall time, JVM start included) or the first error line.
# Variants with uefi-secure-boot = true may stop with the clear "not supported yet" error until signing exists; they
# show as "secure boot (expected)". Every other plan must succeed.
#
# Exit status: 0 when every plan that must succeed did, 1 otherwise, 2 for bad arguments.
set -euo pipefail

usage() { echo "usage: scripts/conformance.sh CORPUS_DIR [--keep]" >&2; exit 2; }
[[ $# -ge 1 ]] || usage
corpus="$(cd "$1" 2>/dev/null && pwd)" || { echo "conformance: '$1' is not a directory" >&2; exit 2; }
keep=no
[[ "${2:-}" == --keep ]] && keep=yes
[[ $# -le 2 ]] || usage
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
twoliter="${repo}/twoliter"

shopt -s nullglob
kit_archives=("${corpus}"/bottlerocket-core-kit-*.tar.gz)
os_archives=()
for archive in "${corpus}"/bottlerocket-*.tar.gz; do
  [[ "${archive}" == */bottlerocket-core-kit-* ]] || os_archives+=("${archive}")
done
shopt -u nullglob
if [[ ${#kit_archives[@]} -ne 1 || ${#os_archives[@]} -ne 1 ]]; then
  echo "conformance: ${corpus} must hold one bottlerocket-core-kit-*.tar.gz and one bottlerocket-*.tar.gz" \
    "(found ${#kit_archives[@]} and ${#os_archives[@]})" >&2
  exit 2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/twoliter-conformance.XXXXXX")"
cleanup() { [[ "${keep}" == yes ]] && echo "conformance: kept ${work}" >&2 || rm -rf "${work}"; }
trap cleanup EXIT
mkdir -p "${work}/core-kit" "${work}/os"
tar -xzf "${kit_archives[0]}" -C "${work}/core-kit"
tar -xzf "${os_archives[0]}" -C "${work}/os"
ck="${work}/core-kit"
os="${work}/os"

# The OS repository names the core kit in Twoliter.toml as vendor "bottlerocket"; the override composes its sources.
vendor="$(sed -n '/^\[\[kit\]\]/,/^$/s/^vendor *= *"\(.*\)"/\1/p' "${os}/Twoliter.toml" | head -n 1)"
kit="$(sed -n '/^\[\[kit\]\]/,/^$/s/^name *= *"\(.*\)"/\1/p' "${os}/Twoliter.toml" | head -n 1)"
printf '[%s.%s]\npath = "%s"\n' "${vendor}" "${kit}" "${ck}" > "${os}/Twoliter.override"

# Plans one target; sets $result ("ok ..." or the first error line) and returns the exit status of twoliter.
plan() {
  local project="$1" arch="$2"; shift 2
  local out="${work}/plan.out" start end status=0
  start="$(date +%s%N)"
  "${twoliter}" --project-path "${project}" build "$@" --arch "${arch}" --dry-run >"${out}" 2>&1 || status=$?
  end="$(date +%s%N)"
  local seconds
  seconds="$(awk -v ns="$(( end - start ))" 'BEGIN { printf "%.2f", ns / 1e9 }')"
  if [[ ${status} -eq 0 ]]; then
    # Plan lines: kind, target, arch, [step], then the 64-hex-digit key.
    local counts
    counts="$(awk '$NF ~ /^[0-9a-f]+$/ && length($NF) == 64 { n[$1]++ }
                   END { for (k in n) printf "%s=%d\n", k, n[k] }' "${out}" | sort | tr '\n' ' ')"
    result="ok ${counts}(${seconds} s)"
  else
    result="$(grep -m 1 -i 'error' "${out}" || head -n 1 "${out}")"
    result="${result:0:220}"
  fi
  return ${status}
}

failures=0
printf '%-28s %-8s %s\n' "TARGET" "ARCH" "RESULT"
for arch in x86_64 aarch64; do
  if plan "${ck}" "${arch}" kit "${kit}"; then :; else failures=$(( failures + 1 )); fi
  printf '%-28s %-8s %s\n' "kit ${kit}" "${arch}" "${result}"
done

for dir in "${os}"/variants/*/; do
  name="$(basename "${dir}")"
  manifest="${dir}Cargo.toml"
  [[ -f "${manifest}" ]] && grep -q '^\[package.metadata.build-variant' "${manifest}" || continue
  arches="$(sed -n 's/^supported-arches *= *\[\(.*\)\]/\1/p' "${manifest}" | tr -d '" ,' | sed 's/\(x86_64\|aarch64\)/\1 /g')"
  arches="${arches:-x86_64 aarch64}"
  secure=no
  grep -q '^uefi-secure-boot *= *true' "${manifest}" && secure=yes
  for arch in ${arches}; do
    if plan "${os}" "${arch}" variant "${name}"; then
      printf '%-28s %-8s %s\n' "${name}" "${arch}" "${result}"
    elif [[ "${secure}" == yes && "${result}" == *"not supported"* ]]; then
      printf '%-28s %-8s %s\n' "${name}" "${arch}" "secure boot (expected): ${result:0:100}"
    else
      printf '%-28s %-8s FAIL %s\n' "${name}" "${arch}" "${result}"
      failures=$(( failures + 1 ))
    fi
  done
done

if [[ ${failures} -gt 0 ]]; then
  echo "conformance: ${failures} plan(s) that must succeed failed" >&2
  exit 1
fi
echo "conformance: every plan that must succeed did"
