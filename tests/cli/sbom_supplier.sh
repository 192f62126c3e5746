# SPDX-License-Identifier: MIT
# petal sbom: a supplier taken from a manifest's author is written in SPDX's
# form, "Person: NAME (EMAIL)": an npm "Name <mail> (url)" keeps the name and
# the e-mail, drops the URL (SPDX readers take what is in parentheses for
# the e-mail); --supplier without a kind is an Organization, the same way.
. "$SRC/tests/lib.sh"
cd "$T"
mkdir -p in/a in/c
printf '{"name":"a","version":"1.0.0","author":"Jane Doe <jane@x.org> (https://x.org)"}\n' > in/a/package.json
printf '[package]\nname = "c"\nversion = "1.0.0"\nauthors = ["Carl <carl@z.org>"]\n' > in/c/Cargo.toml
"$PETAL" sbom -q --supplier 'Acme Inc <oss@acme.example>' -o doc.json in || fail "sbom exited $?"
"$PETAL" sbom -q -f spdx-tv -o doc.tv in || fail "sbom -f spdx-tv exited $?"
python3 - doc.json <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
sup = {p["name"]: p["supplier"] for p in doc["packages"]}
assert sup["a"] == "Person: Jane Doe (jane@x.org)", sup
assert sup["c"] == "Person: Carl (carl@z.org)", sup
assert doc["packages"][0]["supplier"] == "Organization: Acme Inc (oss@acme.example)", sup
PY
grep -q '^PackageSupplier: Person: Jane Doe (jane@x.org)$' doc.tv || fail "tag-value: $(grep Supplier doc.tv)"
