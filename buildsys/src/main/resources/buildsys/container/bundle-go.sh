#!/bin/bash
# bundle-go.sh: vendors the Go modules of one source archive inside a
# container of the project's SDK image, for a package whose external file
# says bundle-modules = ["go"]. buildsys copies this script into the
# container and runs it; it is not meant to run anywhere else.
#
# CONTRACT
#   Container: created from the SDK image with the host's network (the Go
#   module proxy must be reachable), user root, working directory /.
#
#   Environment:
#     ARCHIVE           file name of the archive, under /twoliter/input/
#     BUNDLE_OUTPUT     file name of the bundle to write, e.g. bundled-x.tar.gz
#     BUNDLE_ROOT_PATH  the module's directory inside the archive, relative to
#                       the archive's root; empty: the archive's top directory
#     GOPROXY, GONOPROXY, GOPRIVATE, GOSUMDB, GONOSUMDB, GOINSECURE and the
#     proxy variables: passed to go when set (optional).
#     SSL_CERT_FILE       the host's CA certificates, copied in by buildsys,
#                         which go trusts instead of the SDK's (optional).
#
#   What it does, as the unprivileged builder user, in an empty directory:
#     1. Unpacks the archive (GNU tar: no absolute names, no "..").
#     2. In the module directory:
#          go list -mod=readonly ./... >/dev/null && go mod vendor
#        so the module's go.sum must already cover every module (readonly),
#        and every downloaded module is checked against it.
#     3. Writes <module dir>/vendor, with its path from the archive's root,
#        as a gzip tarball with sorted names, mtime 0, owner 0:0 and no gzip
#        timestamp, so equal modules give equal bytes. Specs unpack it over
#        the source ("%setup -T -D -b N").
#
#   Output: /twoliter/output/$BUNDLE_OUTPUT, and nothing else.
#
#   Exit status: 0 on success; on failure non-zero with a line starting
#   "bundle-go: error:" on stderr.
set -euo pipefail

die() {
  echo "bundle-go: error: $*" >&2
  exit 1
}

: "${ARCHIVE:?}" "${BUNDLE_OUTPUT:?}"
BUNDLE_ROOT_PATH="${BUNDLE_ROOT_PATH:-}"
BUILDER=builder
work=/home/${BUILDER}/bundle
input="/twoliter/input/${ARCHIVE}"
output=/twoliter/output

[[ -f "${input}" ]] || die "the archive '${ARCHIVE}' is not in /twoliter/input"
command -v go >/dev/null || die "the SDK image has no 'go' on PATH; add a Go toolchain to the SDK"

top="$(tar -tf "${input}" | head -n 1 || true)"
top="${top#./}"
top="${top%%/*}"
module="${BUNDLE_ROOT_PATH:-${top}}"
[[ -n "${module}" ]] || die "'${ARCHIVE}' has no top directory; set bundle-root-path to the module's directory"
case "/${module}/" in
  */../*) die "bundle-root-path '${module}' leaves the archive" ;;
esac

rm -rf "${work}"
install -d -o "${BUILDER}" -g "${BUILDER}" "${work}"
install -d "${output}"

# The builder's environment: only what go needs, and the host's Go and proxy
# settings when they were given.
goenv=(HOME="/home/${BUILDER}" PATH="${PATH}" GOFLAGS=-modcacherw GOTOOLCHAIN=local)
for name in GOPROXY GONOPROXY GOPRIVATE GOSUMDB GONOSUMDB GOINSECURE SSL_CERT_FILE \
            HTTP_PROXY HTTPS_PROXY NO_PROXY http_proxy https_proxy no_proxy; do
  if [[ -n "${!name:-}" ]]; then
    goenv+=("${name}=${!name}")
  fi
done

as_builder() {
  runuser -u "${BUILDER}" -- env -i "${goenv[@]}" "$@"
}

as_builder tar -xf "${input}" -C "${work}" --no-same-owner --no-same-permissions
[[ -d "${work}/${module}" ]] || die "'${module}' is not a directory of '${ARCHIVE}'; fix bundle-root-path"
[[ -f "${work}/${module}/go.mod" ]] || die "'${module}' of '${ARCHIVE}' has no go.mod; fix bundle-root-path"

echo "bundle-go: $(as_builder go version); module ${module} of ${ARCHIVE}"
as_builder bash -c 'cd "$1" && go list -mod=readonly ./... >/dev/null && go mod vendor' bash "${work}/${module}" \
  || die "go could not vendor the modules of '${module}' (see the lines above)"
[[ -d "${work}/${module}/vendor" ]] || die "'${module}' has no dependencies to vendor; drop bundle-modules"

(cd "${work}" && tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu \
  -cf - "${module}/vendor") | gzip -n -9 > "${output}/${BUNDLE_OUTPUT}"
chmod 0644 "${output}/${BUNDLE_OUTPUT}"
echo "bundle-go: wrote ${BUNDLE_OUTPUT} ($(stat -c %s "${output}/${BUNDLE_OUTPUT}") bytes," \
  "$(find "${work}/${module}/vendor" -name '*.go' | wc -l) Go files)"
rm -rf "${work}"
