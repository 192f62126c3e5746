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
