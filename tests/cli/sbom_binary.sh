# SPDX-License-Identifier: MIT
# petal sbom: a binary is hashed and labelled, its bytes are not examined
# for licenses, so SPDX must not assert that it carries none: its
# licenseInfoInFiles, licenseConcluded (--conclude) and copyrightText are
# NOASSERTION, in JSON and tag-value alike; a text file without a license
# stays NONE.  The package verification code still covers the binary.
# (A binary a REUSE.toml stanza covers keeps its license: tests/cli/reuse.sh.)
. "$SRC/tests/lib.sh"
cd "$T"
mkdir -p in
printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000Copyright (c) 2020 Foo Corp\000SPDX-License-Identifier: GPL-2.0-only\000' > in/tool
printf 'int main(void) { return 0; }\n' > in/plain.c
"$PETAL" scan -q -f jsonl in > scan.jsonl
pyjsonl scan.jsonl 'assert by["in/tool"]["type"] == "binary", by["in/tool"]'
"$PETAL" sbom -q --conclude -o doc.json in || fail "sbom exited $?"
"$PETAL" sbom -q --conclude -f spdx-tv -o doc.tv in || fail "sbom -f spdx-tv exited $?"
python3 - doc.json <<'PY'
import json, sys, hashlib
doc = json.load(open(sys.argv[1]))
by = {f["fileName"]: f for f in doc["files"]}
b = by["./tool"]
assert b["licenseInfoInFiles"] == ["NOASSERTION"], b
assert b["licenseConcluded"] == "NOASSERTION" and b["copyrightText"] == "NOASSERTION", b
t = by["./plain.c"]
assert t["licenseInfoInFiles"] == ["NONE"] and t["copyrightText"] == "NONE", t
sums = sorted(hashlib.sha1(open("in/" + n, "rb").read()).hexdigest() for n in ("tool", "plain.c"))
vc = hashlib.sha1("".join(sums).encode()).hexdigest()
assert doc["packages"][0]["packageVerificationCode"]["packageVerificationCodeValue"] == vc
PY
awk '/^FileName: \.\/tool$/{f=1} f&&/^LicenseInfoInFile:/{print; exit}' doc.tv | grep -q '^LicenseInfoInFile: NOASSERTION$' ||
	fail "tag-value: $(cat doc.tv)"
