#!/usr/bin/env bash
# Measures loading a generated project of 1,000 packages and querying the dependencies of all of them, JVM start
# included, against `java -version` as the floor. Usage: bench/graph-1000.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-10}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A project in upstream's layout: 1,000 packages, each build-depending on up to three earlier ones, one kit holding
# them all and one variant on the kit.
python3 - "$work" <<'PY'
import os, random, sys
root = sys.argv[1]
random.seed(1)
def write(path, text):
    os.makedirs(os.path.dirname(os.path.join(root, path)), exist_ok=True)
    with open(os.path.join(root, path), "w") as f:
        f.write(text)
write("Twoliter.toml", 'schema-version = 1\nrelease-version = "1.0.0"\n[vendor.local]\nregistry = "127.0.0.1:5000"\n')
write("Cargo.toml", '[workspace]\nmembers = ["packages/*", "kits/*", "variants/*"]\n')
write("sdk/Dockerfile", "FROM debian:bookworm\n")
n = 1000
for i in range(n):
    name = f"pkg-{i:04d}"
    deps = sorted(set(random.sample(range(i), min(i, random.randint(0, 3)))))
    dep_lines = "".join(f'pkg-{d:04d} = {{ path = "../pkg-{d:04d}" }}\n' for d in deps)
    write(f"packages/{name}/Cargo.toml", f'[package]\nname = "{name}"\nversion = "0.1.0"\n\n'
          f'[package.metadata.build-package]\nsource-groups = []\n\n[build-dependencies]\n{dep_lines}')
    write(f"packages/{name}/{name}.spec", f"Name: %{{_cross_os}}{name}\nVersion: 1.0\nSource0: {name}.txt\n")
    write(f"packages/{name}/{name}.txt", name + "\n")
kit_deps = "".join(f'pkg-{i:04d} = {{ path = "../../packages/pkg-{i:04d}" }}\n' for i in range(n))
write("kits/big-kit/Cargo.toml", '[package]\nname = "big-kit"\nversion = "0.1.0"\n\n'
      f'[package.metadata.build-kit]\nvendor = "local"\n\n[build-dependencies]\n{kit_deps}')
write("variants/aws-dev/Cargo.toml", '[package]\nname = "aws-dev"\nversion = "0.1.0"\n\n'
      '[package.metadata.build-variant]\nincluded-packages = ["pkg-0000"]\n\n'
      '[build-dependencies]\nbig-kit = { path = "../../kits/big-kit" }\n')
PY

"$here/twoliter" --version >/dev/null   # builds the jar if needed, outside the measurement
check="$("$here/twoliter" --project-path "$work" query --deps //packages/... | wc -l)"
[[ "$check" == 1000 ]] || { echo "expected 1000 labels, got $check" >&2; exit 1; }

if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --warmup 2 --runs "$runs" \
    "java -version" \
    "$here/twoliter --project-path $work query --deps //packages/..." \
    "$here/twoliter --project-path $work build variant aws-dev --arch x86_64 --dry-run"
else
  measure() {
    local label="$1"; shift
    "$@" >/dev/null 2>&1
    local start end
    start=$(date +%s%N)
    for _ in $(seq "$runs"); do "$@" >/dev/null 2>&1; done
    end=$(date +%s%N)
    printf '%-60s %6d ms (mean of %d)\n' "$label" $(( (end - start) / runs / 1000000 )) "$runs"
  }
  measure "java -version" java -version
  measure "twoliter query --deps //packages/... (1,000 packages)" "$here/twoliter" --project-path "$work" query \
    --deps //packages/...
  measure "twoliter build variant --dry-run (1,002 actions)" "$here/twoliter" --project-path "$work" build variant \
    aws-dev --arch x86_64 --dry-run
fi
