# SPDX-License-Identifier: MIT
# `petal obligations` on a tree with five licenses (texts fetched from the
# binary at test time, tags written here): groups, files, holders, NOTICE
# files, the OR choice, and what changes with --use.  Checked with python's
# json module and grep, not with petal.
. "$SRC/tests/lib.sh"
cd "$T"
mkdir -p tree/apache/sub tree/java tree/dual tree/server tree/bsd
"$PETAL" licenses MIT > tree/LICENSE
"$PETAL" licenses BSD-3-Clause > tree/bsd/COPYING
printf '// SPDX-License-Identifier: Apache-2.0\n// SPDX-FileCopyrightText: 2020 ACME Corp\nint a;\n' > tree/apache/sub/a.c
printf 'ACME Widget\nThis product includes software developed at ACME.\n' > tree/apache/NOTICE
printf '/* SPDX-License-Identifier: GPL-2.0-only WITH Classpath-exception-2.0 */\nclass X {}\n' > tree/java/X.java
printf '# SPDX-License-Identifier: MIT OR GPL-3.0-or-later\n# SPDX-FileCopyrightText: 2019 Jane Doe\n' > tree/dual/d.py
printf '// SPDX-License-Identifier: AGPL-3.0-only\n// SPDX-FileCopyrightText: 2021 Server Team\n' > tree/server/main.go

"$PETAL" obligations --format json -o bin.json tree
"$PETAL" obligations --format json --use saas tree > saas.json
python3 - bin.json saas.json <<'PY'
import json, sys
b = json.load(open(sys.argv[1])); s = json.load(open(sys.argv[2]))
assert b["use"] == "distribute-binary" and s["use"] == "saas", (b["use"], s["use"])
lic = {g["license"]: g for g in b["licenses"]}
want = {"AGPL-3.0-only", "Apache-2.0", "BSD-3-Clause", "GPL-2.0-only WITH Classpath-exception-2.0", "MIT"}
assert set(lic) == want, sorted(lic)
assert [g["license"] for g in b["licenses"]] == sorted(want), "groups not sorted"
assert lic["MIT"]["files"] == ["tree/LICENSE", "tree/dual/d.py"], lic["MIT"]["files"]
assert lic["MIT"]["holders"] == ["Jane Doe"], lic["MIT"]
assert lic["BSD-3-Clause"]["files"] == ["tree/bsd/COPYING"]
assert "no-endorsement" in lic["BSD-3-Clause"]["obligations"]
a = lic["Apache-2.0"]
assert a["notice_files"] == ["tree/apache/NOTICE"], a
assert a["holders"] == ["ACME Corp"], a
for o in ("include-license-text", "include-notice-file", "state-changes", "patent-grant"):
    assert o in a["obligations"], (o, a["obligations"])
g = lic["GPL-2.0-only WITH Classpath-exception-2.0"]
assert "disclose-source" in g["obligations"] and g["source_scope"] == "library", g
assert g["category"] == "weak-copyleft", g
ag = lic["AGPL-3.0-only"]
assert "network-disclosure" not in ag["obligations"] and ag["source_scope"] == "work", ag
assert ag["category"] == "network-copyleft"
ch = b["choices"]
assert len(ch) == 1 and ch[0]["expression"] == "MIT OR GPL-3.0-or-later", ch
assert ch[0]["chosen"] == "MIT" and ch[0]["count"] == 1, ch
assert b["summary"]["with_license"] == 6 and b["summary"]["review"] == 0, b["summary"]
# saas: only the network copyleft asks for source; Apache's NOTICE is a
# distribution duty
sl = {g["license"]: g for g in s["licenses"]}
assert "network-disclosure" in sl["AGPL-3.0-only"]["obligations"], sl["AGPL-3.0-only"]
assert "include-notice-file" not in sl["Apache-2.0"]["obligations"], sl["Apache-2.0"]
assert sl["Apache-2.0"]["notice_files"] == [], sl["Apache-2.0"]
assert sl["MIT"]["obligations"] == [], sl["MIT"]
assert "disclose-source" not in s["summary"]["obligations"], s["summary"]
PY

# text: one section per license, the choice said out loud
"$PETAL" obligations tree > out.txt
grep -qx 'Apache-2.0  \[permissive, curated\]' out.txt || fail "text: $(cat out.txt)"
grep -q '^  obligations: include-license-text, keep-copyright-notices, state-changes, include-notice-file' out.txt || fail "apache obligations"
grep -q '^    tree/apache/NOTICE$' out.txt || fail "notice file listed"
grep -q '^  MIT OR GPL-3.0-or-later -> MIT  (1)$' out.txt || fail "choice"
grep -q 'disclose-source (work)' out.txt || fail "scope"

# internal use: nothing but the terms that bind any use
"$PETAL" obligations --use internal --format json tree > int.json
python3 -c '
import json, sys
d = json.load(open("int.json"))
for g in d["licenses"]:
    for o in g["obligations"]:
        assert o in ("patent-grant", "patent-retaliation", "no-trademark-use", "no-endorsement"), (g["license"], o)
'

# the same bytes whatever the thread count
"$PETAL" obligations -j1 --format json tree > j1.json
"$PETAL" obligations -j4 --format json tree > j4.json
cmp -s j1.json j4.json || fail "-j1 and -j4 differ"
cmp -s j1.json bin.json || fail "-o and stdout differ"

# errors
expect_exit 2 "$PETAL" obligations --use shipping tree
expect_exit 2 "$PETAL" obligations --format xml tree
expect_exit 3 "$PETAL" obligations --format json tree no-such-path > part.json 2> err
grep -q 'no-such-path' err || fail "missing path not named: $(cat err)"
python3 -c 'import json; d = json.load(open("part.json")); assert len(d["licenses"]) == 5'
"$PETAL" obligations --help | grep -q -- '--use USE' || fail "help"

# Inputs not analysed are listed in the output, in path order, each with its
# status and reason: a file nobody may read, a FIFO, a nested archive past
# --max-depth (8 by default), an excluded file; a symlinked NOTICE is one
# of Apache's NOTICE files all the same.  Root reads anything, so as root
# petal runs as nobody (setpriv), as in unreadable.sh.
chmod 755 "$T"
mkdir -p bad/apache bad/deep
printf '// SPDX-License-Identifier: Apache-2.0\n' > bad/apache/a.c
printf 'Linked Widget\n' > bad/real-notice
ln -s ../real-notice bad/apache/NOTICE
printf '// SPDX-License-Identifier: GPL-3.0-only\n' > bad/secret.c
chmod 0 bad/secret.c
mkfifo bad/pipe
printf '// SPDX-License-Identifier: MIT\n' > bad/deep/m.c
(cd bad/deep && tar -cf l0.tar m.c && rm m.c &&
 for i in 1 2 3 4 5 6 7 8 9; do tar -cf l$i.tar l$((i - 1)).tar && rm l$((i - 1)).tar; done)
printf 'x\n' > bad/skip.me
touch bad.json bad.txt bad.err
chmod 666 bad.json bad.txt bad.err
as=
[ "$(id -u)" != 0 ] || as="setpriv --reuid=65534 --regid=65534 --clear-groups"
# shellcheck disable=SC2086
expect_exit 3 $as "$PETAL" obligations --format json --exclude skip.me -o bad.json bad 2> bad.err
grep -qx 'petal: bad/secret.c: cannot open: Permission denied' bad.err || fail "stderr: $(cat bad.err)"
python3 - bad.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
want = [
    {"path": "bad/deep/l9.tar!/l8.tar!/l7.tar!/l6.tar!/l5.tar!/l4.tar!/l3.tar!/l2.tar!/l1.tar!/l0.tar",
     "status": "skipped", "reason": "nested archive not opened: depth over --max-depth 8"},
    {"path": "bad/pipe", "status": "skipped",
     "reason": "special file (fifo, socket or device), not read"},
    {"path": "bad/secret.c", "status": "failed", "reason": "cannot open: Permission denied"},
    {"path": "bad/skip.me", "status": "skipped", "reason": "excluded by --exclude 'skip.me'"},
]
got = d["not_analysed"]
assert [u["path"] for u in got] == sorted(u["path"] for u in got), "not in path order"
assert got == want, json.dumps(got, indent=1)
assert d["summary"]["not_analysed"] == 4 and d["summary"]["failed"] == 1, d["summary"]
lic = {g["license"]: g for g in d["licenses"]}
assert set(lic) == {"Apache-2.0"}, sorted(lic)  # the GPL and MIT files were not read
assert lic["Apache-2.0"]["notice_files"] == ["bad/apache/NOTICE"], lic["Apache-2.0"]
PY
# text: the same list under its own heading, and the header says so
# shellcheck disable=SC2086
expect_exit 3 $as "$PETAL" obligations -q --exclude skip.me -o bad.txt bad
grep -q '; 4 not analysed (listed at the end)$' bad.txt || fail "text header: $(head -1 bad.txt)"
awk '/^Not analysed \(4\)/,0' bad.txt > na.txt
grep -qx '  bad/secret.c (failed: cannot open: Permission denied)' na.txt || fail "text: $(cat bad.txt)"
grep -qx '  bad/pipe (skipped: special file (fifo, socket or device), not read)' na.txt || fail "fifo"
grep -qx "  bad/skip.me (skipped: excluded by --exclude 'skip.me')" na.txt || fail "excluded"
[ "$(grep -c '^  bad/' na.txt)" -eq 4 ] || fail "text lists $(cat na.txt)"
# nothing to list: no section, an empty array
"$PETAL" obligations tree | grep -q '^Not analysed' && fail "empty section written"
python3 -c 'import json; d = json.load(open("bin.json")); assert d["not_analysed"] == [], d["not_analysed"]'

# a file over --max-file-size is analysed only in part: listed as truncated
mkdir -p big
i=0
while [ $i -lt 40 ]; do
	echo '/* padding padding padding padding padding padding padding */' >> big/pad.c
	i=$((i + 1))
done
printf '// SPDX-License-Identifier: GPL-3.0-only\n' >> big/pad.c
printf '// SPDX-License-Identifier: MIT\n' > big/ok.c
"$PETAL" obligations --format json --max-file-size 1K big > big.json
python3 - big.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["not_analysed"] == [{"path": "big/pad.c", "status": "truncated",
    "reason": "only its first bytes were analysed (over --max-file-size)"}], d["not_analysed"]
assert [g["license"] for g in d["licenses"]] == ["MIT"], d["licenses"]
PY
