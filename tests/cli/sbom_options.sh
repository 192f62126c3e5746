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

# The root's purl follows --name and --version: the manifest's purl while
# they agree, that version's purl for another version, none for another name.
mkdir -p npm
printf '{"name":"@acme/webapp","version":"2.1.0","license":"MIT"}\n' > npm/package.json
purl() {
	"$PETAL" sbom -q "$@" -o p.json npm || fail "sbom $* exited $?"
	python3 -c 'import json,sys
p = json.load(open("p.json"))["packages"][0]
print(",".join(r["referenceLocator"] for r in p.get("externalRefs", []) if r["referenceType"] == "purl") or "none")'
}
[ "$(purl)" = "pkg:npm/%40acme/webapp@2.1.0" ] || fail "purl: $(purl)"
[ "$(purl --version 9.9)" = "pkg:npm/%40acme/webapp@9.9" ] || fail "purl --version: $(purl --version 9.9)"
[ "$(purl --name app)" = "none" ] || fail "purl --name: $(purl --name app)"
[ "$(purl --name webapp --version 2.1.0)" = "pkg:npm/%40acme/webapp@2.1.0" ] ||
	fail "purl, same name and version given"

# npm's "SEE LICENSE IN <file>": the LicenseRef's text is that file's, one
# ref per distinct text (two packages pointing at their own EULA.txt).
mkdir -p eula/node_modules/b
printf '{"name":"a","version":"1.0.0","license":"SEE LICENSE IN EULA.txt"}\n' > eula/package.json
printf 'Acme EULA: use on one machine only.\n' > eula/EULA.txt
printf '{"name":"b","version":"2.0.0","license":"SEE LICENSE IN EULA.txt"}\n' > eula/node_modules/b/package.json
printf 'Bolt EULA: no redistribution.\n' > eula/node_modules/b/EULA.txt
"$PETAL" sbom -q -o eula.json eula || fail "sbom exited $?"
python3 - eula.json <<'PY' || fail "SEE LICENSE IN: the file's text"
import json, sys
d = json.load(open(sys.argv[1]))
refs = {r["licenseId"]: r for r in d.get("hasExtractedLicensingInfos", [])}
decl = {p["name"]: p["licenseDeclared"] for p in d["packages"]}
ta, tb = refs[decl["a"]]["extractedText"], refs[decl["b"]]["extractedText"]
assert ta == "Acme EULA: use on one machine only.\n", ta
assert tb == "Bolt EULA: no redistribution.\n", tb
assert decl["a"] != decl["b"]
assert "./EULA.txt" in refs[decl["a"]]["comment"], refs[decl["a"]]["comment"]
PY
