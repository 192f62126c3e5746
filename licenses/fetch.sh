#!/bin/sh
# SPDX-License-Identifier: MIT
# licenses/fetch.sh PKG SRI DESTDIR -- fetch one pinned npm package, check it.
#
#   sh licenses/fetch.sh spdx-license-list@6.12.0 sha512-... build/cache/spdx-license-list
#
# `npm pack PKG` downloads the tarball into a temporary directory (npm keeps
# its own cache in DESTDIR/../npm-cache, so a second fetch works offline).
# Its sha512 is compared with SRI, the registry's dist.integrity pinned in
# the Makefile; a mismatch deletes the tarball and fails.  Only a verified
# tarball is unpacked, into a temporary directory beside DESTDIR that is
# then renamed to DESTDIR (DESTDIR/package/...): a reader sees the old tree
# or the new one, never half of one.  Every failure leaves nothing behind,
# says what to do and exits 1.
set -eu

if [ $# -ne 3 ]; then
	echo "usage: sh licenses/fetch.sh PKG SRI DESTDIR" >&2
	exit 2
fi
pkg=$1
sri=$2
mkdir -p "$(dirname "$3")"
dest=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
cache=$(dirname "$dest")/npm-cache

die() {
	echo "petal: $*" >&2
	exit 1
}

for tool in npm openssl base64 tar; do
	command -v "$tool" >/dev/null 2>&1 ||
		die "$tool is needed to fetch $pkg: run \`make deps\` first"
done

tmp=$(mktemp -d "$dest.tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
mkdir "$tmp/pack" "$tmp/x"

if ! npm pack "$pkg" --silent --prefer-offline --cache "$cache" \
	--pack-destination "$tmp/pack" >"$tmp/out" 2>"$tmp/err"; then
	grep -v '^npm warn' "$tmp/err" | tail -n 5 | sed 's/^/    /' >&2
	echo "petal: cannot fetch $pkg from the npm registry (offline?)." >&2
	die "run 'make' once with network access (npm keeps the package in" \
	    "$cache), or copy $(dirname "$dest")/ from a machine that has it."
fi

set -- "$tmp"/pack/*.tgz
if [ $# -ne 1 ] || [ ! -f "$1" ]; then
	die "npm pack $pkg: expected one tarball, got: $*"
fi
tgz=$1

got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
if [ "$got" != "$sri" ]; then
	rm -f "$tgz"
	echo "petal: $pkg: integrity mismatch, refusing it (tarball deleted)" >&2
	echo "    want $sri" >&2
	echo "    got  $got" >&2
	die "if the pin in the Makefile is right, clear $cache and fetch again"
fi

tar -xzf "$tgz" -C "$tmp/x" --no-same-owner ||
	die "$pkg: cannot unpack $(basename "$tgz")"
[ -d "$tmp/x/package" ] || die "$pkg: the tarball has no package/ directory"

# Swap in the new tree: the old one is renamed aside first, so DESTDIR
# never holds a partial tree, and removed last.
if [ -e "$dest" ]; then
	mv "$dest" "$tmp/old"
fi
mv "$tmp/x" "$dest"
echo "fetched $pkg ($got)"
