# SPDX-License-Identifier: MIT
# `petal licenses ID` prints the reference text; scanning that text, or a
# LICENSE file holding two texts, finds them by text matching.
. "$SRC/tests/lib.sh"
cd "$T"
"$PETAL" licenses mit > LICENSE
head -n 1 LICENSE | grep -qx 'MIT License' || fail "licenses mit: $(head -n 1 LICENSE)"
"$PETAL" licenses GPL-2.0-or-later 2> err | head -n 1 | grep -q 'GNU GENERAL PUBLIC LICENSE' || fail "alias"
grep -q 'same text as GPL-2.0-only' err || fail "alias note: $(cat err)"
expect_exit 2 "$PETAL" licenses No-Such-License
{ "$PETAL" licenses Apache-2.0; printf '\n\n'; "$PETAL" licenses BSD-3-Clause; } > COPYING
"$PETAL" scan --format jsonl LICENSE COPYING > out.jsonl
pyjsonl out.jsonl '
f = by["LICENSE"]["findings"][0]
assert by["LICENSE"]["expression"] == "MIT", by["LICENSE"]
assert f["method"] == "text" and f["coverage"] == 100 and f["start_line"] == 1, f
assert f["unmatched_words"] == {"file": 0, "reference": 0}, f
c = by["COPYING"]
assert c["expression"] == "Apache-2.0 AND BSD-3-Clause", c
spans = [(f["rule"], f["start_line"]) for f in c["findings"]]
assert spans[0] == ("Apache-2.0", 1) and spans[1][0] == "BSD-3-Clause", spans
assert c["findings"][0]["end_line"] < spans[1][1], c["findings"]
'
# below --min-coverage, a partial match is not the license
head -n 8 LICENSE > half
"$PETAL" scan --format jsonl half > half.jsonl
pyjsonl half.jsonl '
r = by["half"]
assert r["expression"] is None, r
assert r["findings"] and r["findings"][0]["problem"].startswith("partial match"), r
'
