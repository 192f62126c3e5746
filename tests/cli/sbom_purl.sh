# SPDX-License-Identifier: MIT
# petal sbom: purls as the purl spec writes them for each ecosystem, in
# SPDX (externalRefs) and CycloneDX (purl) alike: a PyPI name lowercased
# with '_' as '-', an npm scope percent-encoded, a Maven groupId as the
# namespace, the rest as the manifest writes them.
. "$SRC/tests/lib.sh"
cd "$T"
mkdir -p in/py in/nu in/gem in/rs in/java in/node_modules/@types/node in/php
printf 'Metadata-Version: 2.1\nName: My_Cool.Package\nVersion: 1.0\nLicense: MIT\n' > in/py/PKG-INFO
printf '<?xml version="1.0"?>\n<package><metadata><id>Newtonsoft.Json</id><version>13.0.1</version><license type="expression">MIT</license></metadata></package>\n' > in/nu/Newtonsoft.Json.nuspec
printf 'Gem::Specification.new do |s|\n  s.name = "rake"\n  s.version = "13.0.6"\n  s.license = "MIT"\nend\n' > in/gem/rake.gemspec
printf '[package]\nname = "serde_json"\nversion = "1.0.99"\nlicense = "MIT OR Apache-2.0"\n' > in/rs/Cargo.toml
printf '<project><groupId>org.example</groupId><artifactId>widget</artifactId><version>1.0</version></project>\n' > in/java/pom.xml
printf '{"name":"@types/node","version":"20.1.0","license":"MIT"}\n' > in/node_modules/@types/node/package.json
printf '{"name":"acme/util","version":"2.0.0","license":"MIT"}\n' > in/php/composer.json
"$PETAL" sbom -q -o doc.json in || fail "sbom exited $?"
"$PETAL" sbom -q -f cyclonedx-json -o bom.json in || fail "sbom -f cyclonedx-json exited $?"
python3 - doc.json bom.json <<'PY'
import json, sys
want = {"pkg:pypi/my-cool.package@1.0", "pkg:nuget/Newtonsoft.Json@13.0.1", "pkg:gem/rake@13.0.6",
        "pkg:cargo/serde_json@1.0.99", "pkg:maven/org.example/widget@1.0",
        "pkg:npm/%40types/node@20.1.0", "pkg:composer/acme/util@2.0.0"}
doc = json.load(open(sys.argv[1]))
got = {r["referenceLocator"] for p in doc["packages"] for r in p.get("externalRefs", [])
       if r["referenceType"] == "purl"}
assert got == want, (sorted(got - want), sorted(want - got))
bom = json.load(open(sys.argv[2]))
def walk(cs):
    for c in cs:
        yield c
        yield from walk(c.get("components", []))
got = {c["purl"] for c in walk(bom["components"]) if "purl" in c}
assert got == want, (sorted(got - want), sorted(want - got))
PY
