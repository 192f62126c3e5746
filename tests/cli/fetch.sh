# SPDX-License-Identifier: MIT
# licenses/fetch.sh, offline: with npm's cache it fetches and checks the
# pinned package; a wrong integrity hash is refused; with no cache it says
# what to do.  Nothing is left behind on failure.
. "$SRC/tests/lib.sh"
cd "$T"
sri=$(sed -n 's/^EXC_SRI *:= *//p' "$SRC/Makefile")
export npm_config_offline=true
mkdir ok && cp -r "$SRC/build/cache/npm-cache" ok/
sh "$SRC/licenses/fetch.sh" spdx-exceptions@2.5.0 "$sri" ok/pkg > out 2>&1 || fail "$(cat out)"
[ -f ok/pkg/package/index.json ] || fail "not unpacked"
mkdir bad && cp -r "$SRC/build/cache/npm-cache" bad/
expect_exit 1 sh "$SRC/licenses/fetch.sh" spdx-exceptions@2.5.0 sha512-AAAA bad/pkg 2> err
grep -q 'integrity mismatch, refusing it' err || fail "$(cat err)"
[ ! -e bad/pkg ] || fail "a refused package was unpacked"
mkdir none
expect_exit 1 sh "$SRC/licenses/fetch.sh" spdx-exceptions@2.5.0 "$sri" none/pkg 2> err
grep -q "cannot fetch spdx-exceptions@2.5.0" err || fail "$(cat err)"
grep -q "run 'make' once with network access" err || fail "$(cat err)"
[ ! -e none/pkg ] || fail "something was unpacked"
[ -z "$(ls -d none/pkg.tmp.* 2>/dev/null)" ] || fail "temp dir left behind"
