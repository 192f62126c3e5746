# SPDX-License-Identifier: MIT
# petal check judges files as the scan delivers them; a file whose
# exception may be one by package waits for the manifests, which the walk
# delivers after the files beside and below them (lib/x.js before
# package.json).  On a tree with allowed, denied, review, excepted (by
# path, by package, by an allow list) and baseline-accepted files: the
# verdicts, the exit codes, and the four formats telling the same story,
# for -j1 and -j3 alike.
. "$SRC/tests/lib.sh"
cd "$T"
mkdir -p t/src t/vendor t/gen t/node_modules/left-pad/lib t/node_modules/left-pad/node_modules/evil \
	t/pkg2/lib t/right/lib
tag() { printf '%s\n// SPDX-License-Identifier: %s\nint x;\n' "${3:-}" "$2" > "t/$1"; }
tag src/mit.c MIT
tag src/lgpl.py LGPL-2.1-only
tag src/gpl.c GPL-3.0-only '/* two lines */
'
tag src/old.c GPL-2.0-only
tag vendor/z.c GPL-2.0-only
tag gen/out.c GPL-3.0-only
tag gen/out2.c GPL-2.0-only
tag node_modules/left-pad/lib/x.js AGPL-3.0-only
tag node_modules/left-pad/node_modules/evil/index.js GPL-3.0-only
tag pkg2/lib/a.c GPL-3.0-only
tag right/lib/r.js GPL-3.0-only
tag right/lib/s.js AGPL-3.0-only
pkg() { printf '{"name": "%s", "version": "1.0.0", "license": "MIT"}\n' "$2" > "t/$1/package.json"; }
pkg node_modules/left-pad left-pad
pkg node_modules/left-pad/node_modules/evil evil
pkg pkg2 left-pad
pkg right right
cat > policy.yml <<'EOF'
default: review
allow: [category:permissive]
review: [category:weak-copyleft]
deny: [category:strong-copyleft, category:network-copyleft]
no-license: ignore
exceptions:
  - path: vendor/
    reason: vendored (LEGAL-1)
  - package: left-pad
    reason: left-pad approved (LEGAL-2)
  - path: "gen/**/*.c"
    reason: generated (LEGAL-3)
    allow: [GPL-3.0-only]
  - package: right
    reason: right approved for GPL-3.0-only (LEGAL-4)
    allow: [GPL-3.0-only]
EOF

# the walk really puts these files before their manifests
"$PETAL" scan -q -j1 --format jsonl t > scan.jsonl
python3 - scan.jsonl <<'PY'
import json, sys
paths = [json.loads(l)["path"] for l in open(sys.argv[1])]
for f, m in [("t/node_modules/left-pad/lib/x.js", "t/node_modules/left-pad/package.json"),
             ("t/pkg2/lib/a.c", "t/pkg2/package.json"), ("t/right/lib/r.js", "t/right/package.json")]:
    assert paths.index(f) < paths.index(m), (f, m, paths)
PY

for j in 1 3; do
	expect_exit 1 "$PETAL" check -j$j --policy policy.yml t > "r$j.txt"
	expect_exit 1 "$PETAL" check -j$j --policy policy.yml --format json -o "r$j.json" t
done
cmp r1.txt r3.txt || fail "text: -j1 and -j3 differ"
cmp r1.json r3.json || fail "json: -j1 and -j3 differ"

# verdicts, by hand from the policy
python3 - r1.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
files = {f["path"][2:]: f["verdict"] for f in d["files"]}
want = {
    "src/mit.c": "pass", "src/lgpl.py": "review", "src/gpl.c": "fail", "src/old.c": "fail",
    "vendor/z.c": "pass", "gen/out.c": "pass", "gen/out2.c": "fail",
    "node_modules/left-pad/lib/x.js": "pass", "node_modules/left-pad/package.json": "pass",
    "node_modules/left-pad/node_modules/evil/index.js": "fail",
    "node_modules/left-pad/node_modules/evil/package.json": "pass",
    "pkg2/lib/a.c": "pass", "pkg2/package.json": "pass",
    "right/lib/r.js": "pass", "right/lib/s.js": "fail", "right/package.json": "pass",
}
assert files == want, {k: (files.get(k), want.get(k)) for k in set(files) | set(want)
                       if files.get(k) != want.get(k)}
st = {(v["path"][2:], v["state"]): v for v in d["violations"]}
exc = {p: v["exception"] for (p, s), v in st.items() if s == "excepted"}
assert exc == {"vendor/z.c": "vendored (LEGAL-1)", "gen/out.c": "generated (LEGAL-3)",
               "node_modules/left-pad/lib/x.js": "left-pad approved (LEGAL-2)",
               "pkg2/lib/a.c": "left-pad approved (LEGAL-2)",
               "right/lib/r.js": "right approved for GPL-3.0-only (LEGAL-4)"}, exc
fails = sorted(p for (p, s) in st if s == "fail")
assert fails == ["gen/out2.c", "node_modules/left-pad/node_modules/evil/index.js",
                 "right/lib/s.js", "src/gpl.c", "src/old.c"], fails
assert st[("src/gpl.c", "fail")]["start_line"] == 3
assert st[("right/lib/s.js", "fail")]["rule"] == "deny/category:network-copyleft"
s = d["summary"]
assert (s["files"], s["pass"], s["review"], s["fail"]) == (16, 10, 1, 5), s
assert (s["violations"], s["warnings"], s["excepted"], s["baselined"]) == (5, 1, 5, 0), s
PY
grep -q '^5 violations, 0 in the baseline, 1 warnings, 5 accepted by exceptions, 0 scan errors: FAIL$' r1.txt ||
	fail "r1.txt: $(cat r1.txt)"

# the baseline: all but src/gpl.c accepted
python3 - r1.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["violations"] = [v for v in d["violations"] if v["path"] != "t/src/gpl.c"]
json.dump(d, open("base.json", "w"))
PY
for fmt in text json sarif junit; do
	for j in 1 3; do
		expect_exit 1 "$PETAL" check -j$j --policy policy.yml --baseline base.json --format $fmt \
			-o "b$j.$fmt" t
	done
	cmp "b1.$fmt" "b3.$fmt" || fail "$fmt: -j1 and -j3 differ"
done
xmllint --noout b1.junit || fail "b1.junit is not well-formed"

# the four formats tell the same story
python3 - b1.text b1.json b1.sarif b1.junit "$T/t" <<'PY'
import json, re, sys, xml.etree.ElementTree as ET
text = open(sys.argv[1]).read()
d = json.load(open(sys.argv[2]))
sarif = json.load(open(sys.argv[3]))["runs"][0]
suite = ET.parse(sys.argv[4]).getroot().find("testsuite")
s = d["summary"]
assert (s["violations"], s["baselined"], s["excepted"], s["warnings"]) == (1, 4, 5, 1), s
st = sorted((v["path"], v["state"]) for v in d["violations"])
# text: a line per hit not excepted, and the same counts
lines = sorted((m.group(2), m.group(1).lower()) for m in
               re.finditer(r"^(FAIL|REVIEW|BASELINE) +(\S+?):\d+: ", text, re.M))
assert lines == sorted(x for x in st if x[1] != "excepted"), (lines, st)
m = re.search(r"\): (\d+) files: (\d+) pass, (\d+) review, (\d+) fail$", text, re.M)
assert m and tuple(map(int, m.groups())) == (s["files"], s["pass"], s["review"], s["fail"]), m
assert "%d violations, %d in the baseline, %d warnings, %d accepted by exceptions" % (
    s["violations"], s["baselined"], s["warnings"], s["excepted"]) in text
# sarif: a result per hit; suppressions for the excepted, baselineState for the rest
res = []
for r in sarif["results"]:
    uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    state = ("excepted" if r.get("suppressions") else
             "baseline" if r["baselineState"] == "unchanged" else
             "review" if r["level"] == "warning" else "fail")
    res.append(("t/" + uri, state))
assert sorted(res) == st, (sorted(res), st)
# junit: a testcase per file, failures only for the new violation
cases = {c.get("name"): c for c in suite.findall("testcase")}
assert sorted(cases) == sorted(f["path"] for f in d["files"]), sorted(cases)
failed = sorted(n for n, c in cases.items() if c.find("failure") is not None)
assert failed == ["t/src/gpl.c"] and suite.get("failures") == "1", failed
for p, state in st:
    if state in ("excepted", "baseline"):
        assert state in cases[p].find("system-out").text, (p, state)
PY

# everything in the baseline: exit 0
"$PETAL" check --policy policy.yml --format json -o all.json t || true
expect_exit 0 "$PETAL" check --policy policy.yml --baseline all.json t > all.txt
expect_exit 0 "$PETAL" check --policy policy.yml --baseline all.json --format json -o all.json.2 t
grep -q '^0 violations, 5 in the baseline' all.txt || fail "all.txt: $(cat all.txt)"
# the files the policy fails are said to fail only by accepted violations
nfail=$(sed -n 's/^petal check .* \([0-9]*\) fail$/\1/p' all.txt)
[ "$nfail" -gt 0 ] || fail "no failing files in all.txt: $(cat all.txt)"
grep -q "^(of the failing files, $nfail fail only by violations the baseline accepts)$" all.txt ||
	fail "all.txt: $(cat all.txt)"
grep -q '^(of the failing' r1.txt && fail "r1.txt (no baseline) names accepted violations"
python3 -c 'import json,sys; s = json.load(open(sys.argv[1]))["summary"]; assert s["fail_baselined"] == 0, s' r1.json ||
	fail "r1.json: fail_baselined"
python3 -c 'import json,sys; s = json.load(open(sys.argv[1]))["summary"]; assert s["fail_baselined"] == s["fail"] > 0, s' all.json.2 ||
	fail "with the baseline: fail_baselined"

# JUnit: a path or an exception reason with markup in a failure or in
# system-out is escaped (both were written raw: not well-formed)
mkdir -p x/vendor
printf '// SPDX-License-Identifier: GPL-3.0-only\n' > "x/odd&<name>.c"
printf '// SPDX-License-Identifier: LGPL-2.1-only\n' > 'x/a&b.c'
printf '// SPDX-License-Identifier: GPL-3.0-only\n' > 'x/vendor/<v>.c'
printf 'deny: [category:strong-copyleft]\nreview: [category:weak-copyleft]\nexceptions:\n  - {path: vendor/, reason: "R&D <legal>"}\n' > x.yml
expect_exit 1 "$PETAL" check --policy x.yml --format junit -o x.xml x
xmllint --noout x.xml || fail "x.xml is not well-formed: $(cat x.xml)"
python3 - x.xml <<'PY'
import sys, xml.etree.ElementTree as ET
cases = {c.get("name"): c for c in ET.parse(sys.argv[1]).getroot().iter("testcase")}
assert cases["x/odd&<name>.c"].find("failure").text.startswith("x/odd&<name>.c:1: GPL-3.0-only")
assert cases["x/a&b.c"].find("system-out").text.startswith("review: x/a&b.c:1: LGPL-2.1-only")
assert cases["x/vendor/<v>.c"].find("system-out").text.startswith("excepted (R&D <legal>): x/vendor/<v>.c:1:")
PY
