# SPDX-License-Identifier: MIT
# The build-time generators' shared reading and writing (licenses/gen_util.c):
# a data file with CRLF line ends compiles to the same table as with LF, a
# line too long for the reader fails naming file:line, and an output that
# cannot be written fails with no half-written file left for make to trust.
. "$SRC/tests/lib.sh"
cd "$T"
G=$(dirname "$PETAL")/gen
[ -x "$G/gen_licmeta" ] || fail "no $G/gen_licmeta"
mkdir lf crlf
cp "$SRC/rules/licmeta.txt" lf/licmeta.txt
sed 's/$/\r/' "$SRC/rules/licmeta.txt" > crlf/licmeta.txt
(cd lf && "$G/gen_licmeta" licmeta.txt out.c) || fail "gen_licmeta on LF"
(cd crlf && "$G/gen_licmeta" licmeta.txt out.c 2> err) || fail "gen_licmeta on CRLF: $(cat crlf/err)"
cmp lf/out.c crlf/out.c || fail "CRLF and LF tables differ"

{ head -c 5000 /dev/zero | tr '\0' x; echo; } > long.txt
expect_exit 1 "$G/gen_licmeta" long.txt long.c 2> err
grep -q 'long.txt:1: line longer than' err || fail "long line: $(cat err)"
[ ! -e long.c ] && [ ! -e long.c.tmp ] || fail "output left behind"

expect_exit 1 "$G/gen_licmeta" lf/licmeta.txt no/such/dir/out.c 2> err
grep -q 'cannot write' err || fail "unwritable: $(cat err)"
