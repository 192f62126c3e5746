# SPDX-License-Identifier: MIT
# A directory and a file without read permission: each reported failed
# with the reason, the rest scanned, exit 3.  Root reads anything, so as
# root petal runs as nobody (setpriv, util-linux).
. "$SRC/tests/lib.sh"
cd "$T"
chmod 755 "$T"
mkdir -p tree/locked tree/open
printf '// SPDX-License-Identifier: MIT\n' > tree/open/a.c
printf 'x\n' > tree/locked/b.c
printf 'secret\n' > tree/open/secret.c
chmod 0 tree/locked tree/open/secret.c
touch out.jsonl err
chmod 666 out.jsonl err
as=
[ "$(id -u)" != 0 ] || as="setpriv --reuid=65534 --regid=65534 --clear-groups"
# shellcheck disable=SC2086
expect_exit 3 $as "$PETAL" scan -q -f jsonl -o out.jsonl tree 2> err
pyjsonl out.jsonl '
assert paths == ["tree/locked", "tree/open/a.c", "tree/open/secret.c"], paths
assert by["tree/locked"]["status"] == "failed", by["tree/locked"]
assert by["tree/locked"]["error"] == "cannot read directory: Permission denied", by["tree/locked"]
assert by["tree/open/secret.c"]["status"] == "failed"
assert by["tree/open/secret.c"]["error"] == "cannot open: Permission denied", by["tree/open/secret.c"]
assert by["tree/open/a.c"]["expression"] == "MIT"
'
grep -qx 'petal: tree/locked: cannot read directory: Permission denied' err || fail "stderr: $(cat err)"
