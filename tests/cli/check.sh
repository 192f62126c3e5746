# SPDX-License-Identifier: MIT
# petal check: exit codes end to end (0 pass, reviews included; 1 violation;
# 2 usage or bad policy, with file:line:column; 3 scan error, report still
# written), exceptions, --use, the baseline, and the four formats: JSON
# read back, SARIF valid against the 2.1.0 schema, JUnit well-formed.
. "$SRC/tests/lib.sh"
cd "$T"
mkdir -p t/src t/vendor/zlib t/web
printf '// SPDX-License-Identifier: MIT\nint a;\n' > t/src/mit.c
printf '/* dual */\n// SPDX-License-Identifier: MIT OR GPL-3.0-only\n' > t/src/dual.c
printf '# SPDX-License-Identifier: LGPL-2.1-only\n' > t/src/lgpl.py
printf '/*\n * SPDX-License-Identifier: GPL-2.0-only\n */\n' > t/vendor/zlib/gpl.c
printf '// SPDX-License-Identifier: GPL-2.0-only WITH Classpath-exception-2.0\n' > t/src/cp.java
cat > policy.yml <<'EOF'
use: distribute-binary
default: review
allow:
  - category:permissive
  - category:public-domain
  - GPL-2.0-only WITH Classpath-exception-2.0
review:
  - category:weak-copyleft
deny:
  - category:strong-copyleft
  - category:network-copyleft
when:
  internal:
    allow: [category:strong-copyleft]
exceptions:
  - path: vendor/
    reason: vendored copy, approved by legal (LEGAL-12)
EOF

# passes: the dual license, the exception, the vendored file; LGPL is a warning
expect_exit 0 "$PETAL" check --policy policy.yml t > pass.txt
grep -q 'REVIEW  t/src/lgpl.py:1: LGPL-2.1-only: needs review by review/category:weak-copyleft (policy line 8)' pass.txt ||
	fail "pass.txt: $(cat pass.txt)"
grep -q '0 violations, 0 in the baseline, 1 warnings, 1 accepted by exceptions, 0 scan errors: PASS' pass.txt ||
	fail "pass.txt: $(cat pass.txt)"

# a GPL file fails, naming file, line, license, rule and evidence
printf '\n\n// SPDX-License-Identifier: GPL-3.0-only\n' > t/src/gpl.c
expect_exit 1 "$PETAL" check --policy policy.yml t > fail.txt
grep -q '^FAIL    t/src/gpl.c:3: GPL-3.0-only: denied by deny/category:strong-copyleft (policy line 10)$' fail.txt ||
	fail "fail.txt: $(cat fail.txt)"
grep -q '^        SPDX-License-Identifier: GPL-3.0-only$' fail.txt || fail "fail.txt: $(cat fail.txt)"
# ... unless the use says otherwise
expect_exit 0 "$PETAL" check --policy policy.yml --use internal t > /dev/null

# usage errors: 2, and a bad policy names file:line:column
printf 'allow: [MIT]\nreview: []\nforbid: [GPL-3.0-only]\n' > bad.yml
expect_exit 2 "$PETAL" check --policy bad.yml t 2> err
grep -q "^petal: bad.yml:3:1: unknown key 'forbid' in the policy" err || fail "stderr: $(cat err)"
printf 'exceptions:\n  - path: vendor/\n' > noreason.yml
expect_exit 2 "$PETAL" check --policy noreason.yml t 2> err
grep -q "^petal: noreason.yml:2:5: an exception needs a 'reason'" err || fail "stderr: $(cat err)"
printf 'deny: [GPL-3.0-only, NOT-A-LICENSE]\n' > badid.yml
expect_exit 2 "$PETAL" check --policy badid.yml t 2> err
grep -q "^petal: badid.yml:1:22: invalid license entry: unknown license id 'NOT-A-LICENSE'" err ||
	fail "stderr: $(cat err)"
expect_exit 2 "$PETAL" check --policy missing.yml t 2> err
grep -q '^petal: missing.yml: cannot read: No such file' err || fail "stderr: $(cat err)"
expect_exit 2 "$PETAL" check t 2>/dev/null
expect_exit 2 "$PETAL" check --policy policy.yml --format yaml t 2>/dev/null
expect_exit 2 "$PETAL" check --policy policy.yml --use cloud t 2>/dev/null
printf '{"files": []}' > notbase.json
expect_exit 2 "$PETAL" check --policy policy.yml --baseline notbase.json t 2> err
grep -q '^petal: notbase.json: not a .petal check --format json. report' err || fail "stderr: $(cat err)"

# JSON, then the baseline: known violations pass, new ones fail
expect_exit 1 "$PETAL" check --policy policy.yml --format json -o base.json t
python3 - base.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
v = {(x["path"], x["state"]): x for x in d["violations"]}
g = v[("t/src/gpl.c", "fail")]
assert g["license"] == "GPL-3.0-only" and g["rule"] == "deny/category:strong-copyleft", g
assert g["start_line"] == 3 and g["policy_line"] == 10, g
assert g["evidence"] == "SPDX-License-Identifier: GPL-3.0-only", g
e = v[("t/vendor/zlib/gpl.c", "excepted")]
assert e["exception"].startswith("vendored copy") and e["verdict"] == "fail", e
files = {f["path"]: f["verdict"] for f in d["files"]}
assert files == {"t/src/cp.java": "pass", "t/src/dual.c": "pass", "t/src/gpl.c": "fail",
                 "t/src/lgpl.py": "review", "t/src/mit.c": "pass",
                 "t/vendor/zlib/gpl.c": "pass"}, files
assert d["summary"]["violations"] == 1 and d["summary"]["files"] == 6, d["summary"]
PY
expect_exit 0 "$PETAL" check --policy policy.yml --baseline base.json t > b.txt
grep -q '^BASELINE t/src/gpl.c:3: GPL-3.0-only' b.txt || fail "b.txt: $(cat b.txt)"
printf '// SPDX-License-Identifier: AGPL-3.0-only\n' > t/web/server.js
expect_exit 1 "$PETAL" check --policy policy.yml --baseline base.json t > b2.txt
grep -q '^FAIL    t/web/server.js:1: AGPL-3.0-only: denied by deny/category:network-copyleft' b2.txt ||
	fail "b2.txt: $(cat b2.txt)"
grep -q '1 violations, 1 in the baseline' b2.txt || fail "b2.txt: $(cat b2.txt)"

# SARIF: uris relative to the root, lines for the annotations, rules = policy rules
expect_exit 1 "$PETAL" check --policy policy.yml --format sarif --baseline base.json -o s.sarif t
python3 - s.sarif "$T/t" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
run = d["runs"][0]
assert d["version"] == "2.1.0"
assert run["originalUriBaseIds"]["ROOT0"]["uri"] == "file://" + sys.argv[2] + "/", run["originalUriBaseIds"]
rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
assert "deny/category:strong-copyleft" in rules and "deny/category:network-copyleft" in rules, rules
by = {}
for r in run["results"]:
    loc = r["locations"][0]["physicalLocation"]
    by[loc["artifactLocation"]["uri"]] = (r, loc)
    assert loc["artifactLocation"]["uriBaseId"] == "ROOT0"
    assert rules[r["ruleIndex"]] == r["ruleId"]
r, loc = by["web/server.js"]
assert r["level"] == "error" and r["baselineState"] == "new", r
assert loc["region"]["startLine"] == 1 and loc["region"]["endLine"] == 1, loc
r, loc = by["src/gpl.c"]
assert r["baselineState"] == "unchanged" and loc["region"]["startLine"] == 3, (r, loc)
r, loc = by["src/lgpl.py"]
assert r["level"] == "warning", r
r, loc = by["vendor/zlib/gpl.c"]
assert r["suppressions"][0]["justification"].startswith("vendored copy"), r
assert loc["region"]["startLine"] == 2, loc
PY
shared=${PETAL_SHARED:-$SRC/../shared}
if [ -x "$shared/validate-json" ]; then
	if out=$("$shared/validate-json" sarif s.sarif 2>&1); then
		:
	elif echo "$out" | grep -q RefResolution; then
		# validate-json registers schemas by "$id"; the SARIF schema (draft-04)
		# names itself with "id", so its own $refs are looked up online.
		echo "note: validate-json cannot resolve the SARIF schema's refs offline; same schema, direct"
		python3 -W ignore - "$shared/sarif/sarif-2.1.0.schema.json" s.sarif <<'PY' || fail "SARIF invalid"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
res = jsonschema.RefResolver(base_uri=schema["id"], referrer=schema, store={schema["id"]: schema})
v = jsonschema.validators.validator_for(schema)(schema, resolver=res,
        format_checker=jsonschema.FormatChecker())
errs = list(v.iter_errors(json.load(open(sys.argv[2]))))
for e in errs[:10]:
    print("/".join(map(str, e.absolute_path)), e.message[:300])
sys.exit(1 if errs else 0)
PY
	else
		fail "SARIF invalid: $out"
	fi
else
	echo "skip: SARIF schema validation: $shared/validate-json not found (CI keeps ../shared beside the repository)"
fi

# JUnit: well-formed, one testcase per file, failures for new violations
expect_exit 1 "$PETAL" check --policy policy.yml --format junit --baseline base.json -o j.xml t
xmllint --noout j.xml || fail "j.xml is not well-formed"
python3 - j.xml <<'PY'
import sys, xml.etree.ElementTree as ET
s = ET.parse(sys.argv[1]).getroot().find("testsuite")
cases = {c.get("name"): c for c in s.findall("testcase")}
assert len(cases) == 7 and s.get("tests") == "7", list(cases)
failed = sorted(n for n, c in cases.items() if c.find("failure") is not None)
assert failed == ["t/web/server.js"], failed
assert "deny/category:network-copyleft" in cases["t/web/server.js"].find("failure").text
assert "baseline" in cases["t/src/gpl.c"].find("system-out").text
assert s.get("failures") == "1", s.attrib
PY
# bytes XML forbids, in a path and in evidence, stay well-formed
printf '// SPDX-License-Identifier: GPL-3.0-only <&"\001>\n' > "t/src/odd&<name>.c"
expect_exit 1 "$PETAL" check --policy policy.yml --format junit -o j2.xml t
xmllint --noout j2.xml || fail "j2.xml is not well-formed"

# a scan error: exit 3, and the report is written anyway
rm "t/src/odd&<name>.c" t/web/server.js t/src/gpl.c
expect_exit 3 "$PETAL" check --policy policy.yml --format json -o e.json t missing 2> err
grep -q '^petal: missing: No such file or directory' err || fail "stderr: $(cat err)"
python3 - e.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
f = {x["path"]: x for x in d["files"]}
assert f["missing"]["verdict"] == "error" and "No such file" in f["missing"]["error"], f["missing"]
assert f["t/src/mit.c"]["verdict"] == "pass" and d["summary"]["scan_errors"] == 1
PY
expect_exit 3 "$PETAL" check --policy policy.yml --format sarif -o e.sarif t missing 2>/dev/null
python3 -c '
import json, sys
inv = json.load(open("e.sarif"))["runs"][0]["invocations"][0]
assert inv["executionSuccessful"] is False and inv["toolExecutionNotifications"], inv
'

# the report is the same for any number of threads
expect_exit 0 "$PETAL" check -j1 --policy policy.yml --format sarif -o j1.sarif t
expect_exit 0 "$PETAL" check -j3 --policy policy.yml --format sarif -o j3.sarif t
cmp j1.sarif j3.sarif || fail "-j1 and -j3 differ"

# every input once, a skipped one with its reason: json status/error,
# junit <skipped> counted in the suite
mkdir -p sk && printf '// SPDX-License-Identifier: MIT\n' > sk/a.c && mkfifo sk/pipe
expect_exit 0 "$PETAL" check --policy policy.yml --format json -o sk.json sk
python3 - sk.json <<'PY'
import json, sys
f = {x["path"]: x for x in json.load(open(sys.argv[1]))["files"]}
assert sorted(f) == ["sk/a.c", "sk/pipe"], sorted(f)
assert f["sk/pipe"]["status"] == "skipped" and f["sk/pipe"]["error"], f["sk/pipe"]
assert f["sk/a.c"]["status"] == "scanned" and "error" not in f["sk/a.c"], f["sk/a.c"]
PY
expect_exit 0 "$PETAL" check --policy policy.yml --format junit -o sk.xml sk
xmllint --noout sk.xml || fail "sk.xml is not well-formed"
grep -q '<skipped message="' sk.xml || fail "junit: the FIFO is not <skipped>"
grep -q 'skipped="1"' sk.xml || fail "junit: skipped count"
