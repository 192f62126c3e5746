# SPDX-License-Identifier: MIT
# petal sbom: a supplier or version that names nothing is a usage error
# (exit 2, the option named), not an SBOM whose supplier is "Person:"; and
# --check counts such a supplier as missing in any SPDX JSON document.
. "$SRC/tests/lib.sh"
cd "$T"
mkdir -p in
printf '// SPDX-License-Identifier: MIT\n' > in/a.c
expect_exit 2 "$PETAL" sbom -q --supplier 'Person:' -o x.json in 2> err
grep -q "^petal sbom: --supplier 'Person:': no name" err || fail "stderr: $(cat err)"
[ ! -e x.json ] || fail "x.json written on a usage error"
expect_exit 2 "$PETAL" sbom -q --supplier 'Organization:   ' -o x.json in 2>/dev/null
expect_exit 2 "$PETAL" sbom -q --version '' -o x.json in 2> err
grep -q "^petal sbom: --version: empty" err || fail "stderr: $(cat err)"
"$PETAL" sbom -q --supplier 'Organization: Acme' --version 1.0 -o ok.json in || fail "sbom exited $?"
expect_exit 0 "$PETAL" sbom --check ok.json > out || fail "$(cat out)"
python3 - ok.json blank.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["packages"][0]["supplier"] = "Organization: "
json.dump(d, open(sys.argv[2], "w"))
PY
expect_exit 1 "$PETAL" sbom --check blank.json > out
grep -q '^SPDXRef-Package-root (in): no supplier$' out || fail "--check: $(cat out)"
