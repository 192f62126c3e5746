# SPDX-License-Identifier: MIT
# petal sbom -f cyclonedx-json: a person with an e-mail ("Person: NAME
# (EMAIL)", from --creator or a manifest's author) is a CycloneDX contact
# with "name" and "email", not one name holding both; valid against the
# schema.
. "$SRC/tests/lib.sh"
cd "$T"
mkdir -p in/a in/b
printf '{"name":"a","version":"1.0.0","author":"Jane Doe <jane@x.org> (https://x.org)"}\n' > in/a/package.json
printf '[package]\nname = "b"\nversion = "1.0.0"\n' > in/b/Cargo.toml
"$PETAL" sbom -q -f cyclonedx-json --creator 'Person: Rel Eng (releng@acme.example)' \
	--creator 'Organization: Acme' -o bom.json in || fail "sbom exited $?"
python3 - bom.json <<'PY'
import json, sys
bom = json.load(open(sys.argv[1]))
assert bom["metadata"]["authors"] == [{"name": "Rel Eng", "email": "releng@acme.example"},
                                      {"name": "Acme"}], bom["metadata"]["authors"]
a = [c for c in bom["components"] if c["name"] == "a"][0]
assert a["supplier"] == {"name": "Jane Doe", "contact": [{"name": "Jane Doe", "email": "jane@x.org"}]}, a
PY
shared=${PETAL_SHARED:-$SRC/../shared}
if [ -x "$shared/validate-json" ]; then
	"$shared/validate-json" cyclonedx bom.json || fail "bom.json invalid"
else
	echo "skip: schema validation: $shared/validate-json not found (CI keeps ../shared beside the repository)"
fi
