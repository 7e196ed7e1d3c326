#!/usr/bin/env bash
# Makes packages/hello-go/hello-go-<version>.tar.gz, the "release archive" of
# the sample Go program, from sources/hello-go/ (main.go, go.mod, go.sum), with
# sorted names, mtime 0, owner 0:0 and no gzip timestamp, so the same sources
# give the same bytes; then prints the sha512 that packages/hello-go/Cargo.toml
# must declare. The archive is committed beside the spec, like gnu-hello's, so
# building never fetches it; its Go modules are vendored by the build (Go
# module bundling), not stored here.
#   scripts/hello-go-archive.sh [VERSION]   (default 1.0.0)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
version="${1:-1.0.0}"
name="hello-go-${version}"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
mkdir "${work}/${name}"
cp sources/hello-go/main.go sources/hello-go/go.mod sources/hello-go/go.sum "${work}/${name}/"
chmod 0644 "${work}/${name}"/*
chmod 0755 "${work}/${name}"
out="packages/hello-go/${name}.tar.gz"
mkdir -p packages/hello-go
(cd "${work}" && tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu -cf - "${name}") \
  | gzip -n -9 > "${out}.tmp"
mv "${out}.tmp" "${out}"
echo "${out}"
sha512sum "${out}" | cut -d' ' -f1
