# SPDX-License-Identifier: MIT
# Percent-encoding in the URIs petal writes, each with its own set of kept
# bytes (RFC 3986 unreserved plus): the SARIF root (file URI, '/' kept),
# the SARIF artifact (relative reference, '/' and '!' kept) and the SPDX
# document namespace (nothing kept: one segment).
. "$SRC/tests/lib.sh"
cd "$T"
mkdir -p 'r o#ot/s%rc'
printf '// SPDX-License-Identifier: GPL-3.0-only\n' > 'r o#ot/s%rc/a b!@~.c'
printf 'deny:\n  - GPL-3.0-only\n' > policy.yml
expect_exit 1 "$PETAL" check --policy policy.yml --format sarif -o s.sarif 'r o#ot'
python3 - s.sarif "$T" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
root = run["originalUriBaseIds"]["ROOT0"]["uri"]
want = "file://" + sys.argv[2] + "/r%20o%23ot/"
assert root == want, (root, want)
uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
assert uri == "s%25rc/a%20b!%40~.c", uri
PY
SOURCE_DATE_EPOCH=1700000000 expect_exit 0 "$PETAL" sbom -o d.spdx.json 'r o#ot'
python3 - d.spdx.json <<'PY'
import json, re, sys
ns = json.load(open(sys.argv[1]))["documentNamespace"]
assert re.fullmatch(r"https://spdx\.org/spdxdocs/petal/r%20o%23ot-[0-9a-f-]{36}", ns), ns
PY
