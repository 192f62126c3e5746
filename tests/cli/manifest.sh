# SPDX-License-Identifier: MIT
# Package manifests in a tree and in an npm tarball: each names its package
# and declared license (mapped to SPDX, or a problem when it cannot be);
# a malformed one is a problem, not a failure; the text summary lists them.
. "$SRC/tests/lib.sh"
cd "$T"
mkdir -p tree/py/foo-1.0.dist-info tree/rs tree/debian tree/bad tree/node/dist
cat > tree/rs/Cargo.toml <<'X'
[package]
name = "tiny"
version = "0.3.1"
license = "MIT/Apache-2.0"
X
cat > tree/py/foo-1.0.dist-info/METADATA <<'X'
Metadata-Version: 2.1
Name: foo
Version: 1.0
Classifier: License :: OSI Approved :: BSD License

A BSD licensed thing.
X
cat > tree/debian/copyright <<'X'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: tiny

Files: *
Copyright: 2024 Jane
License: GPL-2+
X
printf '{"name": "broken", "license": "MIT",}\n' > tree/bad/package.json
printf '{"type": "module"}\n' > tree/node/dist/package.json
cat > tree/pom.xml <<'X'
<project><groupId>org.example</groupId><artifactId>demo</artifactId>
<version>1.2</version>
<licenses><license><name>The Apache Software License, Version 2.0</name></license></licenses>
</project>
X
python3 - <<'PY'
import io, json, tarfile
pj = json.dumps({"name": "left-pad", "version": "1.3.0", "license": "WTFPL"}).encode()
b = io.BytesIO()
with tarfile.open(fileobj=b, mode="w:gz") as t:
    ti = tarfile.TarInfo("package/package.json")
    ti.size = len(pj)
    t.addfile(ti, io.BytesIO(pj))
open("tree/left-pad-1.3.0.tgz", "wb").write(b.getvalue())
PY
"$PETAL" scan --format jsonl tree > out.jsonl
pyjsonl out.jsonl '
def pk(p):
    assert len(by[p].get("packages", [])) == 1, (p, by[p])
    return by[p]["packages"][0]
def man(p):
    return [f for f in by[p]["findings"] if f.get("method") == "manifest"]

p = pk("tree/rs/Cargo.toml")
assert (p["ecosystem"], p["name"], p["version"]) == ("cargo", "tiny", "0.3.1"), p
assert p["declared"] == "MIT OR Apache-2.0" and p["declared_raw"] == "MIT/Apache-2.0", p
assert by["tree/rs/Cargo.toml"]["expression"] == "MIT OR Apache-2.0"
f = man("tree/rs/Cargo.toml")[0]
assert f["rule"] == "manifest:Cargo.toml" and f["start_line"] == 4, f

p = pk("tree/py/foo-1.0.dist-info/METADATA")
assert (p["ecosystem"], p["name"], p["declared"]) == ("pypi", "foo", None), p
assert "ambiguous" in man("tree/py/foo-1.0.dist-info/METADATA")[0]["problem"]

p = pk("tree/debian/copyright")
assert (p["ecosystem"], p["name"], p["declared"]) == ("deb", "tiny", "GPL-2.0-or-later"), p

p = pk("tree/pom.xml")
assert (p["ecosystem"], p["namespace"], p["name"]) == ("maven", "org.example", "demo"), p
assert p["declared"] == "Apache-2.0", p

p = pk("tree/left-pad-1.3.0.tgz!/package/package.json")
assert (p["ecosystem"], p["name"], p["version"], p["declared"]) == ("npm", "left-pad", "1.3.0", "WTFPL"), p

bad = by["tree/bad/package.json"]
assert bad["status"] == "scanned" and "packages" not in bad, bad
assert man("tree/bad/package.json")[0]["problem"].startswith("malformed package.json: line 1"), bad
# {"type": "module"} declares nothing; the tree'"'"'s debian/copyright covers it
dist = by["tree/node/dist/package.json"]
assert "packages" not in dist, dist
assert [f["rule"] for f in man("tree/node/dist/package.json")] == ["manifest:debian/copyright"], dist
assert dist["expression"] == "GPL-2.0-or-later", dist
n = sum(len(r.get("packages", [])) for r in recs)
assert n == 5, n
'
"$PETAL" scan --format text tree > out.txt
grep -q '^Packages declared by manifests: 5$' out.txt || fail "no package count: $(cat out.txt)"
grep -q '^  npm left-pad 1.3.0: WTFPL  (tree/left-pad-1.3.0.tgz!/package/package.json)$' out.txt ||
	fail "left-pad not listed: $(cat out.txt)"
grep -q 'malformed package.json' out.txt || fail "the malformed manifest is not a problem"
grep -q '^  pypi foo 1.0: BSD License (as written, not SPDX)  (tree/py/foo-1.0.dist-info/METADATA)$' out.txt ||
	fail "an undeclared license is not marked as such: $(cat out.txt)"
