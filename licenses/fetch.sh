#!/bin/sh
# SPDX-License-Identifier: MIT
# licenses/fetch.sh PKG SRI DESTDIR -- fetch one pinned npm package, check it.
#
# `npm pack PKG` downloads the tarball (npm keeps its own cache next to
# DESTDIR), its sha512 is compared with SRI (the registry's
# dist.integrity, pinned in the Makefile), and only then is it unpacked
# into DESTDIR (DESTDIR/package/...), atomically.  A mismatch or a failed
# download leaves nothing behind and says what to do.
set -eu
pkg=$1
sri=$2
mkdir -p "$(dirname "$3")"
dest=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
cache=$(dirname "$dest")/npm-cache
tmp=$(mktemp -d "${dest}.tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if ! command -v npm >/dev/null 2>&1; then
	echo "petal: npm is needed to fetch $pkg: run 'make deps' (installs Debian's npm)" >&2
	exit 1
fi
if ! (cd "$tmp" && npm pack "$pkg" --silent --cache "$cache" --prefer-offline >/dev/null 2>"$tmp/err"); then
	echo "petal: cannot fetch $pkg from the npm registry (offline?):" >&2
	sed 's/^/    /' "$tmp/err" | tail -n 5 >&2
	echo "petal: run 'make' once with network access (the package is cached in" \
	     "$(dirname "$dest")), or copy that directory from a machine that has it" >&2
	exit 1
fi
tgz=$(ls "$tmp"/*.tgz)
got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
if [ "$got" != "$sri" ]; then
	echo "petal: $pkg: integrity mismatch, refusing it" >&2
	echo "    want $sri" >&2
	echo "    got  $got" >&2
	exit 1
fi
mkdir "$tmp/x"
tar -xzf "$tgz" -C "$tmp/x"
rm -rf "$dest"
mv "$tmp/x" "$dest"
echo "fetched $pkg ($got)"
