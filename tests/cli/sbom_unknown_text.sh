# SPDX-License-Identifier: MIT
# petal sbom: a license text petal cannot name -- legal prose that shares
# no phrases with a known license -- is defined in hasExtractedLicensingInfos
# (SPDX) and evidence.licenses (CycloneDX) with its whole text, every line
# of the span the scan reported, not just its first line.
. "$SRC/tests/lib.sh"
cd "$T"
mkdir -p in
# the terms: tests/data/novel_license.txt (written for these tests)
{ printf 'ACME Community Source License, version 1\n\n'; cat "$SRC/tests/data/novel_license.txt"
  printf '\nNot part of it: the README follows.\n'; } > in/COPYING.acme
"$PETAL" scan -q -f jsonl in > scan.jsonl
"$PETAL" sbom -q -o doc.spdx.json in || fail "sbom exited $?"
"$PETAL" sbom -q -f cyclonedx-json -o doc.cdx.json in || fail "sbom -f cyclonedx-json exited $?"
python3 - scan.jsonl doc.spdx.json doc.cdx.json <<'PY'
import json, sys
rec = json.loads(open(sys.argv[1]).read().splitlines()[0])
unk = [f for f in rec["findings"] if f.get("method") == "unknown"]
assert len(unk) == 1, rec["findings"]
first, last = unk[0]["start_line"], unk[0]["end_line"]
lines = open("in/COPYING.acme").read().splitlines(True)
want = "".join(lines[first - 1:last])
assert last - first >= 10, (first, last)
# the span runs to the end of the sentence its last legal term is in (the
# paragraph's end), not past the blank line after it
assert want.rstrip("\n").endswith("any dispute shall be settled there."), want[-120:]
assert "README follows" not in want

doc = json.load(open(sys.argv[2]))
f = [x for x in doc["files"] if x["fileName"] == "./COPYING.acme"][0]
ref = f["licenseInfoInFiles"]
assert len(ref) == 1 and ref[0].startswith("LicenseRef-petal-unknown-"), ref
ex = {e["licenseId"]: e for e in doc["hasExtractedLicensingInfos"]}
got = ex[ref[0]]["extractedText"]
assert got.rstrip("\n") == want.rstrip("\n"), "extractedText is not lines %d-%d: %r" % (first, last, got)

cdx = json.load(open(sys.argv[3]))
ev = cdx["metadata"]["component"]["evidence"]["licenses"]
t = [e["license"]["text"]["content"] for e in ev if e["license"].get("name") == ref[0]]
assert t and t[0].rstrip("\n") == want.rstrip("\n"), "CycloneDX evidence text: %r" % t
PY
