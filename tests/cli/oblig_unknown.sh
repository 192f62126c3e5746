# SPDX-License-Identifier: MIT
# petal obligations and notice: legal text that no known license matches
# (a scan finding "unknown") is not left out: it is the group
# LicenseRef-petal-unknown-text, to review, with its files and holders, and
# the notice reproduces the text found, once, whatever -j.
. "$SRC/tests/lib.sh"
cd "$T"
mkdir -p in/vendor/acme in/src
# the terms: tests/data/novel_license.txt (written for these tests)
{ printf 'Copyright (c) 2022 Acme Widgets Ltd\n\n'; cat "$SRC/tests/data/novel_license.txt"; } > in/vendor/acme/LICENSE
cp in/vendor/acme/LICENSE in/src/COPYING.acme
printf '// SPDX-License-Identifier: MIT\n' > in/src/main.c
"$PETAL" scan -q -f jsonl in > scan.jsonl
pyjsonl scan.jsonl '
u = [f for f in by["in/src/COPYING.acme"]["findings"] if f.get("method") == "unknown"]
assert len(u) == 1, by["in/src/COPYING.acme"]'
"$PETAL" obligations -q -f json -o ob.json in || fail "obligations exited $?"
python3 - ob.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
g = {l["license"]: l for l in d["licenses"]}
u = g["LicenseRef-petal-unknown-text"]
assert u["review"] is True and u["category"] == "unknown", u
assert u["files"] == ["in/src/COPYING.acme", "in/vendor/acme/LICENSE"], u
assert u["holders"] == ["Acme Widgets Ltd"], u
assert d["summary"]["review"] == 1, d["summary"]
PY
"$PETAL" obligations -q in | grep -q '^LicenseRef-petal-unknown-text  \[unknown, nodata\]$' ||
	fail "text: $("$PETAL" obligations -q in)"
"$PETAL" notice -q -j1 -o n1.txt in || fail "notice exited $?"
"$PETAL" notice -q -j2 -o n2.txt in
cmp n1.txt n2.txt || fail "-j1 and -j2 differ"
[ "$(grep -c '^3. Patents. Each contributor grants a patent license to make, use, sell and$' n1.txt)" = 1 ] ||
	fail "the unknown text is not reproduced once: $(cat n1.txt)"
grep -q '^The text found in the files above (no known license):$' n1.txt || fail "$(cat n1.txt)"
