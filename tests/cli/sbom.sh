# SPDX-License-Identifier: MIT
# petal sbom on a tree with nested archives, binaries, a REUSE LicenseRef
# text, an unknown license text and files without licenses:
#  - every document validated against the official schemas (../shared, or
#    $PETAL_SHARED; skipped, saying so, where neither is present);
#  - independent checks (Python, sha1sum/sha256sum): every input file once,
#    checksums, verification codes, SPDXIDs referenced exist, LicenseRefs
#    used are defined;
#  - tag-value carries what the JSON carries;
#  - -j1 and -j2 with the same SOURCE_DATE_EPOCH give the same bytes;
#  - the SBOM file written inside the input is left out, run after run;
#  - --check reports the NTIA minimum elements missing.
. "$SRC/tests/lib.sh"
cd "$T"
export SOURCE_DATE_EPOCH=1700000000
LIST=$SRC/build/cache/spdx-license-list/package
python3 - "$LIST/spdx-full.json" <<'PY'
import io, json, os, sys, tarfile, zipfile

def put(path, data):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    open(path, "wb").write(data)

def tgz(members):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode="w:gz") as t:
        for name, data in members:
            ti = tarfile.TarInfo(name)
            ti.size, ti.mtime = len(data), 0
            t.addfile(ti, io.BytesIO(data))
    return b.getvalue()

put("in/src/main.c", b"// SPDX-License-Identifier: MIT\n// Copyright (c) 2021 Alice Example\nint main(void) { return 0; }\n")
put("in/src/sys.h", b"/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */\n")
put("in/src/acme.c", b"/* SPDX-License-Identifier: LicenseRef-Acme OR Apache-2.0 */\n")
put("in/src/mystery.c", b"/* SPDX-License-Identifier: LicenseRef-Mystery */\n")
put("in/LICENSES/LicenseRef-Acme.txt", b"Acme Test License\n\nYou may use this test file for tests.\n")
put("in/plain.txt", b"nothing to see here\n")
put("in/empty", b"")
put("in/bin/blob.bin", bytes(range(256)) * 4)
# a quarter of a long license text: license-like, but no license
epl = json.load(open(sys.argv[1]))["EPL-1.0"]["licenseText"]
weird = epl[len(epl) * 60 // 100: len(epl) * 85 // 100].encode()
put("in/docs/weird.txt", weird)
inner = tgz([("x/file.c", b"// SPDX-License-Identifier: BSD-2-Clause\n"), ("x/none.txt", b"no license\n")])
z = io.BytesIO()
with zipfile.ZipFile(z, "w") as zf:
    zf.writestr("deep/inner-2.5.tar.gz", inner)
    zf.writestr("deep/notes.md", b"# SPDX-License-Identifier: MIT\n")
    zf.writestr("deep/weird.txt", weird)
put("in/vendor/bundle.zip", z.getvalue())
PY
ln -s plain.txt in/link

# Same bytes for any thread count, in every format.
for fmt in spdx-json spdx-tv cyclonedx-json; do
	"$PETAL" sbom -q -j1 -f "$fmt" -o "j1.$fmt" in || fail "sbom -f $fmt exited $?"
	"$PETAL" sbom -q -j2 -f "$fmt" -o "j2.$fmt" in
	cmp "j1.$fmt" "j2.$fmt" || fail "-j1 and -j2 differ ($fmt)"
done
"$PETAL" sbom -q -j2 --conclude --creator "Person: Tess Ter" -o concl.json in
"$PETAL" sbom -q -j1 --conclude --creator "Person: Tess Ter" -f spdx-tv -o concl.tv in
"$PETAL" sbom -q -f cyclonedx-json --cdx-files --conclude -o files.cdx.json in

# Documents with manifest packages (purls, suppliers, DEPENDS_ON), from
# the unit test's synthetic records until the manifest readers land.
mkdir dump
PETAL_SBOM_DUMP=$T/dump "$(dirname "$PETAL")/tests/test_sbom" >/dev/null 2>&1 ||
	fail "test_sbom failed"

# Official schemas, offline: validate KIND FILE... (every JSON document
# this test writes goes through it).
V=${PETAL_SHARED:-$SRC/../shared}/validate-json
if [ -x "$V" ] && python3 -c 'import jsonschema' 2>/dev/null; then
	validate() { "$V" "$@" || fail "not valid against the $1 schema: $*"; }
else
	echo "SKIP schema validation: needs ../shared/validate-json (a sibling of the repository)" \
		"and python3-jsonschema"
	validate() { :; }
fi
validate spdx j1.spdx-json j2.spdx-json concl.json dump/manifests.spdx.json
validate cyclonedx j1.cyclonedx-json j2.cyclonedx-json files.cdx.json dump/manifests.cdx.json \
	dump/skips.cdx.json

# Independent checks.  $1: the document; recomputes from the input tree.
check_spdx() {
	python3 - "$1" "$LIST/readme.md" <<'PY'
import hashlib, io, json, os, re, subprocess, sys, tarfile, zipfile
doc = json.load(open(sys.argv[1]))

def sums(data):
    s1 = subprocess.run(["sha1sum"], input=data, capture_output=True, check=True).stdout.split()[0].decode()
    s2 = subprocess.run(["sha256sum"], input=data, capture_output=True, check=True).stdout.split()[0].decode()
    return s1, s2

# every file of the input, archives opened, as "./path!/entry"
want = {}
def archive(name, data):
    want[name] = data
    if name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for i in z.infolist():
                entry(name + "!/" + i.filename, z.read(i))
    else:
        with tarfile.open(fileobj=io.BytesIO(data)) as t:
            for m in t.getmembers():
                if m.isfile():
                    entry(name + "!/" + m.name, t.extractfile(m).read())
def entry(name, data):
    if name.endswith((".zip", ".tar.gz")):
        archive(name, data)
    else:
        want[name] = data
for top, dirs, files in os.walk("in"):
    for f in files:
        p = os.path.join(top, f)
        if not os.path.islink(p):
            entry("./" + os.path.relpath(p, "in"), open(p, "rb").read())

names = [f["fileName"] for f in doc["files"]]
assert len(names) == len(set(names)), "a file appears twice"
assert set(names) == set(want), (sorted(set(names) ^ set(want)))
real = {}
for f in doc["files"]:
    s1, s2 = sums(want[f["fileName"]])
    real[f["SPDXID"]] = s1
    got = {c["algorithm"]: c["checksumValue"] for c in f["checksums"]}
    assert got == {"SHA1": s1, "SHA256": s2}, (f["fileName"], got)

# SPDXIDs: unique, and every reference resolves
ids = ["SPDXRef-DOCUMENT"] + [p["SPDXID"] for p in doc["packages"]] + list(real)
assert len(ids) == len(set(ids)), "an SPDXID twice"
for p in doc["packages"]:
    for h in p.get("hasFiles", []):
        assert h in real, h
for r in doc["relationships"]:
    assert r["spdxElementId"] in ids and r["relatedSpdxElement"] in ids, r
for d in doc.get("documentDescribes", []):
    assert d in ids
# each file in exactly one package
owned = [h for p in doc["packages"] for h in p.get("hasFiles", [])]
assert sorted(owned) == sorted(real), "files not owned exactly once"

# verification codes, recomputed from the bytes
for p in doc["packages"]:
    if not p["filesAnalyzed"]:
        continue
    v = "".join(sorted(real[h] for h in p["hasFiles"]))
    assert p["packageVerificationCode"]["packageVerificationCodeValue"] == hashlib.sha1(v.encode()).hexdigest(), p["name"]

# LicenseRefs used are defined
defined = {e["licenseId"]: e for e in doc.get("hasExtractedLicensingInfos", [])}
used = set()
for el in doc["files"] + doc["packages"]:
    for k in ("licenseInfoInFiles", "licenseInfoFromFiles", "licenseConcluded", "licenseDeclared"):
        v = el.get(k, [])
        for s in v if isinstance(v, list) else [v]:
            used |= set(re.findall(r"LicenseRef-[A-Za-z0-9.-]+", s))
assert used <= set(defined), used - set(defined)
assert set(defined) <= used, "defined but unused: %s" % (set(defined) - used)

# what petal says about the files
by = {f["fileName"]: f for f in doc["files"]}
assert by["./src/main.c"]["licenseInfoInFiles"] == ["MIT"]
assert by["./src/sys.h"]["licenseInfoInFiles"] == ["GPL-2.0-only WITH Linux-syscall-note"]
assert by["./src/acme.c"]["licenseInfoInFiles"] == ["Apache-2.0", "LicenseRef-Acme"]
assert by["./plain.txt"]["licenseInfoInFiles"] == ["NONE"]
assert by["./plain.txt"]["copyrightText"] == "NONE"
assert by["./empty"]["licenseInfoInFiles"] == ["NONE"]
assert by["./bin/blob.bin"]["fileTypes"] == ["BINARY"]
unk = by["./docs/weird.txt"]["licenseInfoInFiles"]
assert len(unk) == 1 and unk[0].startswith("LicenseRef-petal-unknown-"), unk
ut = defined[unk[0]]["extractedText"]
assert len(ut) > 1000 and ut in open("in/docs/weird.txt").read(), "the unknown text is not the file's lines"
# the same text inside an archive: the same definition, its whole text too
assert by["./vendor/bundle.zip!/deep/weird.txt"]["licenseInfoInFiles"] == unk
assert defined["LicenseRef-Acme"]["extractedText"] == open("in/LICENSES/LicenseRef-Acme.txt").read()
assert "no text" in defined["LicenseRef-Mystery"]["extractedText"]
z = "./vendor/bundle.zip"
assert sorted(by[z]["licenseInfoInFiles"]) == sorted(["BSD-2-Clause", "MIT", unk[0]]), by[z]
assert by[z + "!/deep/inner-2.5.tar.gz!/x/none.txt"]["licenseInfoInFiles"] == ["NONE"]

# packages: the root, the zip and the tar.gz inside it
pk = {p["name"]: p for p in doc["packages"]}
root = doc["packages"][0]
assert root["name"] == "in" and doc["documentDescribes"] == [root["SPDXID"]]
assert set(pk) == {"in", "bundle", "inner"}, set(pk)
assert pk["inner"]["versionInfo"] == "2.5"
rels = {(r["spdxElementId"], r["relationshipType"], r["relatedSpdxElement"]) for r in doc["relationships"]}
assert (root["SPDXID"], "CONTAINS", pk["bundle"]["SPDXID"]) in rels
assert (pk["bundle"]["SPDXID"], "CONTAINS", pk["inner"]["SPDXID"]) in rels
assert ("SPDXRef-DOCUMENT", "DESCRIBES", root["SPDXID"]) in rels
zsum = sums(want[z])
assert {c["algorithm"]: c["checksumValue"] for c in pk["bundle"]["checksums"]} == {"SHA1": zsum[0], "SHA256": zsum[1]}
assert set(root["licenseInfoFromFiles"]) >= {"MIT", "LicenseRef-Acme", "BSD-2-Clause"}

# creation info: SOURCE_DATE_EPOCH, the pinned list's version, the symlink named
ci = doc["creationInfo"]
assert ci["created"] == "2023-11-14T22:13:20Z", ci
m = re.search(r"SPDX License List version (\d+\.\d+)", open(sys.argv[2]).read())
assert m and ci["licenseListVersion"] == m.group(1), (ci, m and m.group(1))
assert ci["creators"][0].startswith("Tool: petal-")
assert "in/link (symlink" in doc["comment"], doc.get("comment")
PY
}
check_spdx j1.spdx-json || fail "independent checks (spdx-json)"
check_spdx concl.json || fail "independent checks (--conclude)"
python3 - concl.json <<'PY' || fail "--conclude"
import json, sys
doc = json.load(open(sys.argv[1]))
by = {f["fileName"]: f for f in doc["files"]}
assert by["./src/acme.c"]["licenseConcluded"] == "LicenseRef-Acme OR Apache-2.0"
assert by["./plain.txt"]["licenseConcluded"] == "NOASSERTION"  # nothing found: no conclusion
assert "Person: Tess Ter" in doc["creationInfo"]["creators"]
PY

# Tag-value carries what the JSON carries: parse it, compare field by field.
tv_vs_json() {
	python3 - "$1" "$2" <<'PY'
import json, re, sys
doc = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read()
pairs = []
for m in re.finditer(r"^([A-Za-z]+): (?:<text>(.*?)</text>|([^\n]*))$", text, re.M | re.S):
    pairs.append((m.group(1), m.group(2) if m.group(2) is not None else m.group(3)))
head, pkgs, files, refs, rels, cur = {}, [], [], [], [], None
for k, v in pairs:
    if k == "PackageName":
        cur = {"name": v, "files": [], "infos": [], "sums": {}}; pkgs.append(cur); continue
    if k == "FileName":
        cur = {"fileName": v, "infos": [], "sums": {}}; files.append(cur); pkgs[-1]["files"].append(cur); continue
    if k == "LicenseID":
        cur = {"licenseId": v}; refs.append(cur); continue
    if k == "Relationship":
        rels.append(tuple(v.split())); continue
    if cur is None:
        head.setdefault(k, []).append(v); continue
    if k in ("LicenseInfoInFile", "PackageLicenseInfoFromFiles"):
        cur["infos"].append(v)
    elif k in ("FileChecksum", "PackageChecksum"):
        a, s = v.split(": "); cur["sums"][a] = s
    else:
        assert k not in cur, (k, cur)
        cur[k] = v
ci = doc["creationInfo"]
assert head["DocumentName"] == [doc["name"]] and head["DocumentNamespace"] == [doc["documentNamespace"]]
assert head["Creator"] == ci["creators"] and head["Created"] == [ci["created"]]
assert head["LicenseListVersion"] == [ci["licenseListVersion"]]
assert head.get("DocumentComment", [None]) == [doc.get("comment")]
sums = lambda o: {c["algorithm"]: c["checksumValue"] for c in o.get("checksums", [])}
jf = {f["SPDXID"]: f for f in doc["files"]}
assert len(files) == len(doc["files"])
for p, t in zip(doc["packages"], pkgs):
    assert t["SPDXID"] == p["SPDXID"] and t["name"] == p["name"], (t, p)
    assert t.get("PackageVersion") == p.get("versionInfo")
    assert t.get("PackageFileName") == p.get("packageFileName")
    assert t["PackageSupplier"] == p["supplier"]
    assert t["FilesAnalyzed"] == str(p["filesAnalyzed"]).lower()
    vc = p.get("packageVerificationCode", {})
    if vc:
        ex = vc.get("packageVerificationCodeExcludedFiles")
        assert t["PackageVerificationCode"] == vc["packageVerificationCodeValue"] + (" (excludes: %s)" % ex[0] if ex else "")
    assert t["sums"] == sums(p)
    assert t["PackageLicenseConcluded"] == p["licenseConcluded"]
    assert t["PackageLicenseDeclared"] == p["licenseDeclared"]
    assert t["infos"] == p.get("licenseInfoFromFiles", [])
    assert t["PackageCopyrightText"] == p["copyrightText"]
    assert t["PrimaryPackagePurpose"] == p["primaryPackagePurpose"]
    assert t.get("PackageLicenseComments") == p.get("licenseComments")
    assert t.get("PackageHomePage") == p.get("homepage")
    assert t.get("ExternalRef") == ("%(referenceCategory)s %(referenceType)s %(referenceLocator)s"
                                    % p["externalRefs"][0] if "externalRefs" in p else None)
    assert [f["SPDXID"] for f in t["files"]] == p.get("hasFiles", []), p["name"]
for t in files:
    f = jf[t["SPDXID"]]
    assert t["fileName"] == f["fileName"] and t["FileType"] == f["fileTypes"][0]
    assert t["sums"] == sums(f)
    assert t["LicenseConcluded"] == f["licenseConcluded"]
    assert t["infos"] == f["licenseInfoInFiles"], (t, f)
    assert t["FileCopyrightText"] == f["copyrightText"]
    assert t.get("FileComment") == f.get("comment")
assert len(refs) == len(doc["hasExtractedLicensingInfos"])
for t, r in zip(refs, doc["hasExtractedLicensingInfos"]):
    assert (t["licenseId"], t["ExtractedText"], t["LicenseName"], t.get("LicenseComment")) == \
        (r["licenseId"], r["extractedText"], r["name"], r.get("comment")), (t, r)
assert sorted(rels) == sorted((r["spdxElementId"], r["relationshipType"], r["relatedSpdxElement"]) for r in doc["relationships"])
PY
}
tv_vs_json j1.spdx-json j1.spdx-tv || fail "tag-value and JSON differ"
tv_vs_json concl.json concl.tv || fail "tag-value and JSON differ (--conclude)"
tv_vs_json dump/manifests.spdx.json dump/manifests.spdx || fail "tag-value and JSON differ (manifests)"

# CycloneDX: the same packages, files with their evidence, the same serial.
python3 - j1.cyclonedx-json files.cdx.json j1.spdx-json <<'PY' || fail "CycloneDX content"
import json, sys
bom, full, spdx = (json.load(open(p)) for p in sys.argv[1:4])
assert bom["specVersion"] == "1.6" and bom["serialNumber"].startswith("urn:uuid:")
assert spdx["documentNamespace"].endswith(bom["serialNumber"][9:])
md = bom["metadata"]
assert md["timestamp"] == "2023-11-14T22:13:20Z" and md["component"]["name"] == "in"
assert md["tools"]["components"][0]["name"] == "petal"
z = bom["components"][0]
assert z["name"] == "bundle" and z["components"][0]["name"] == "inner", z
assert {"license": {"id": "MIT"}} in z["evidence"]["licenses"]
refs = [d["ref"] for d in bom["dependencies"]]
assert md["component"]["bom-ref"] in refs and z["bom-ref"] in refs
def walk(cs):
    for c in cs:
        yield c
        yield from walk(c.get("components", []))
fs = {c["name"]: c for c in walk(full["components"]) if c["type"] == "file" and c["name"].startswith("./") and "hashes" in c}
assert set(fs) == {f["fileName"] for f in spdx["files"]}, set(fs) ^ {f["fileName"] for f in spdx["files"]}
assert {"license": {"name": "GPL-2.0-only WITH Linux-syscall-note"}} in fs["./src/sys.h"]["evidence"]["licenses"]
assert fs["./src/acme.c"]["licenses"] == [{"expression": "LicenseRef-Acme OR Apache-2.0", "acknowledgement": "concluded"}]
PY

# CycloneDX, checked without petal's code: a tree with a manifest and a
# node_modules package, a symlink, a dangling symlink, a FIFO, a file
# petal cannot open, a file over the 64 MiB analysis cap and an archive
# nested deeper than --max-depth.  With --cdx-files every input (find(1)
# and the archives opened here) is a file component exactly once, those
# without content named with status and reason; bom-refs unique, every
# component once in dependencies, every dependsOn ref exists; files of an
# archive nested in its package; LicenseRef texts given; -j1 = -j2.
# Without --cdx-files the inputs without content are named in metadata.
mkdir cin
cp -R in/. cin/
mkdir -p cin/node_modules/left-pad cin/lib
printf '{"name": "app", "version": "3.1.0", "license": "MIT", "homepage": "https://example.com/app"}\n' > cin/package.json
printf '{"name": "left-pad", "version": "1.3.0", "license": "WTFPL"}\n' > cin/node_modules/left-pad/package.json
printf 'secret\n' > cin/lib/locked.c
chmod 0 cin/lib/locked.c
ln -s nowhere cin/dangling
mkfifo cin/fifo
truncate -s 65M cin/big.bin
python3 - <<'PY'
import io, tarfile
data, name = b"// SPDX-License-Identifier: MIT\n", "leaf.c"
for i in range(10): # l9 holds l8 ... holds l0 holds leaf.c: l0 lies 9 levels down
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode="w:gz") as t:
        ti = tarfile.TarInfo(name)
        ti.size, ti.mtime = len(data), 0
        t.addfile(ti, io.BytesIO(data))
    data, name = b.getvalue(), "l%d.tar.gz" % i
open("cin/deep.tar.gz", "wb").write(data)
PY
chmod 755 "$T"
touch cf1.json cf2.json cm.json
chmod 666 cf1.json cf2.json cm.json
as= # root reads anything: petal runs as nobody (as tests/cli/unreadable.sh)
[ "$(id -u)" != 0 ] || as="setpriv --reuid=65534 --regid=65534 --clear-groups"
for j in 1 2; do
	# shellcheck disable=SC2086
	expect_exit 3 $as "$PETAL" sbom -q -j$j --conclude -f cyclonedx-json --cdx-files -o cf$j.json cin 2>/dev/null
done
cmp cf1.json cf2.json || fail "-j1 and -j2 differ (--cdx-files)"
# shellcheck disable=SC2086
expect_exit 3 $as "$PETAL" sbom -q -f cyclonedx-json -o cm.json cin 2>/dev/null
validate cyclonedx cf1.json cm.json
find cin ! -type d | sort > cin.find
python3 - cf1.json cm.json cin.find <<'PY' || fail "CycloneDX: inputs, references, dependencies"
import hashlib, io, json, os, sys, tarfile, zipfile
bom, small = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
found = [l.rstrip("\n") for l in open(sys.argv[3])]

# every input: what find(1) lists, and the archives' entries (opened here
# up to 8 levels of nesting, petal's --max-depth default)
want = {}
def entries(name, data):
    if name.count("!/") > 8:
        return
    if name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for i in z.infolist():
                if not i.is_dir():
                    add(name + "!/" + i.filename, z.read(i))
    else:
        with tarfile.open(fileobj=io.BytesIO(data)) as t:
            for m in t.getmembers():
                if m.isfile():
                    add(name + "!/" + m.name, t.extractfile(m).read())
def add(name, data):
    want[name] = data
    if data is not None and name.endswith((".zip", ".tar.gz")):
        entries(name, data)
for p in found:
    name = "./" + os.path.relpath(p, "cin")
    ok = os.path.isfile(p) and not os.path.islink(p) and name != "./lib/locked.c" # petal ran as nobody
    add(name, open(p, "rb").read() if ok else None)

# the component tree, with each component's parent
comps, parent = [bom["metadata"]["component"]], {}
def walk(cs, up):
    for c in cs:
        comps.append(c)
        parent[id(c)] = up
        walk(c.get("components", []), c)
walk(bom["components"], bom["metadata"]["component"])
files = [c for c in comps if c["type"] == "file" and c["name"].startswith("./")]
names = [c["name"] for c in files]
assert len(names) == len(set(names)), "an input twice: %s" % [n for n in names if names.count(n) > 1]
assert set(names) == set(want), sorted(set(names) ^ set(want))

props = lambda c: {p["name"]: p.get("value") for p in c.get("properties", [])}
by = {c["name"]: c for c in files}
def status(name, st, why):
    p = props(by[name])
    assert p.get("petal:status") == st and why in p.get("petal:reason", ""), (name, p)
status("./link", "symlink", "plain.txt")
status("./dangling", "symlink", "nowhere")
status("./fifo", "skipped", "fifo")
status("./lib/locked.c", "failed", "Permission denied")
status("./big.bin", "truncated", "first bytes")
deep = [n for n in names if n.count("!/") == 9]
assert len(deep) == 1 and deep[0].endswith("!/l0.tar.gz"), deep
status(deep[0], "skipped", "max-depth")
for n in ("./link", "./dangling", "./fifo", "./lib/locked.c"):
    assert "hashes" not in by[n], n
# content read: its hashes (big.bin hashed whole, 65 MiB of zeros)
want["./big.bin"] = bytes(65 << 20)
for c in files:
    data = want[c["name"]]
    if data is None:
        continue
    h = {x["alg"]: x["content"] for x in c["hashes"]}
    assert h == {"SHA-1": hashlib.sha1(data).hexdigest(), "SHA-256": hashlib.sha256(data).hexdigest()}, c["name"]
    assert "petal:status" not in props(c) or c["name"] in ("./big.bin", deep[0]), c["name"]

# bom-refs unique; dependencies: every component once, every ref exists
refs = [c["bom-ref"] for c in comps]
assert len(refs) == len(set(refs)), "a bom-ref twice"
dep = [d["ref"] for d in bom["dependencies"]]
assert sorted(dep) == sorted(refs), set(dep) ^ set(refs)
for d in bom["dependencies"]:
    for r in d.get("dependsOn", []) + d.get("provides", []):
        assert r in refs, r
pk = {c["name"]: c for c in comps if not c["name"].startswith("./")}
root = bom["metadata"]["component"]
on = {d["ref"]: d.get("dependsOn", []) for d in bom["dependencies"]}
assert on[root["bom-ref"]] == [pk["left-pad"]["bom-ref"]], on[root["bom-ref"]]
assert all(on[c["bom-ref"]] == [] for c in files)
# archive containment is nesting: a file of an archive sits in the
# component of that archive (hashes of the archive's bytes)
for c in files:
    if "!/" in c["name"]:
        arc = want[c["name"].rsplit("!/", 1)[0]]
        up = parent[id(c)]
        assert not up["name"].startswith("./"), c["name"]
        assert {x["alg"]: x["content"] for x in up["hashes"]}["SHA-1"] == hashlib.sha1(arc).hexdigest(), c["name"]

# the manifest: name, version, declared license, concluded one, homepage
assert (root["name"], root["version"], root["purl"]) == ("app", "3.1.0", "pkg:npm/app@3.1.0"), root
assert root["licenses"] == [{"expression": "MIT", "acknowledgement": "declared"}], root["licenses"]
assert "MIT" in props(root)["petal:licenseConcluded"], props(root)
assert root["externalReferences"] == [{"type": "website", "url": "https://example.com/app"}]
assert pk["left-pad"]["licenses"] == [{"expression": "WTFPL", "acknowledgement": "declared"}]
# LicenseRef texts: the REUSE file's, the unknown text's lines
ev = {l["license"].get("id") or l["license"]["name"]: l["license"] for l in root["evidence"]["licenses"]}
assert ev["LicenseRef-Acme"]["text"]["content"] == open("cin/LICENSES/LicenseRef-Acme.txt").read()
unk = [k for k in ev if k.startswith("LicenseRef-petal-unknown-")]
assert len(unk) == 1 and len(ev[unk[0]]["text"]["content"]) > 1000
assert ev[unk[0]]["text"]["content"] in open("cin/docs/weird.txt").read()
bev = [l["license"] for l in pk["bundle"]["evidence"]["licenses"] if l["license"].get("name") == unk[0]]
assert bev and bev[0]["text"] == ev[unk[0]]["text"], "the archive's unknown text"

# without file components: the inputs without content, named with why,
# and the files read in part
mp = [(p["name"], p["value"]) for p in small["metadata"].get("properties", [])]
und = [v for k, v in mp if k == "petal:undescribed"]
for n, why in (("cin/link", "plain.txt"), ("cin/dangling", "nowhere"), ("cin/fifo", "fifo"),
               ("cin/lib/locked.c", "Permission denied")):
    assert [v for v in und if v.startswith(n + " (") and why in v], (n, und)
assert len(und) == 4, und
part = [v for k, v in mp if k == "petal:partial"]
assert [v for v in part if v.startswith("cin/big.bin (")] and [v for v in part if "max-depth" in v], part
assert all(c["type"] != "file" or not c["name"].startswith("./") for c in small["components"])
PY

# One archive given alone (the kernel case): it is the root package.
python3 - <<'PY'
import io, tarfile
b = io.BytesIO()
with tarfile.open(fileobj=b, mode="w:gz") as t:
    for name in ("src/main.c", "src/sys.h", "plain.txt"):
        data = open("in/" + name, "rb").read()
        ti = tarfile.TarInfo("rel-1.4/" + name)
        ti.size, ti.mtime = len(data), 0
        t.addfile(ti, io.BytesIO(data))
open("rel-1.4.tar.gz", "wb").write(b.getvalue())
PY
"$PETAL" sbom -q -j2 -o rel.json rel-1.4.tar.gz
validate spdx rel.json
python3 - rel.json <<'PY' || fail "an archive given alone"
import hashlib, json, subprocess, sys
doc = json.load(open(sys.argv[1]))
root = doc["packages"][0]
assert len(doc["packages"]) == 1
assert (root["name"], root["versionInfo"], root["packageFileName"], root["primaryPackagePurpose"]) == \
    ("rel", "1.4", "rel-1.4.tar.gz", "ARCHIVE"), root
raw = open("rel-1.4.tar.gz", "rb").read()
s1 = subprocess.run(["sha1sum", "rel-1.4.tar.gz"], capture_output=True, check=True).stdout.split()[0].decode()
assert {c["algorithm"]: c["checksumValue"] for c in root["checksums"]} == {"SHA1": s1, "SHA256": hashlib.sha256(raw).hexdigest()}
names = [f["fileName"] for f in doc["files"]]
assert names == ["./rel-1.4/plain.txt", "./rel-1.4/src/main.c", "./rel-1.4/src/sys.h"], names
v = "".join(sorted(hashlib.sha1(open("in/" + n[len("./rel-1.4/"):], "rb").read()).hexdigest() for n in names))
assert root["packageVerificationCode"]["packageVerificationCodeValue"] == hashlib.sha1(v.encode()).hexdigest()
assert root["hasFiles"] == [f["SPDXID"] for f in doc["files"]]
PY

# The SBOM written into the input is left out, and the second run (which
# sees the first one's file) writes the same bytes.
"$PETAL" sbom -q -o in/sbom.spdx.json in
cp in/sbom.spdx.json first.json
"$PETAL" sbom -q -o in/sbom.spdx.json in
cmp first.json in/sbom.spdx.json || fail "the SBOM inside the input changed the SBOM"
python3 - first.json <<'PY' || fail "SBOM file not excluded"
import json, sys
doc = json.load(open(sys.argv[1]))
assert "./sbom.spdx.json" not in [f["fileName"] for f in doc["files"]]
vc = doc["packages"][0]["packageVerificationCode"]
assert vc["packageVerificationCodeExcludedFiles"] == ["./sbom.spdx.json"], vc
PY
validate spdx first.json
rm in/sbom.spdx.json

# The namespace follows the content: same input, same; one byte more, another.
ns() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["documentNamespace"])' "$1"; }
echo more >> in/plain.txt
"$PETAL" sbom -q -o changed.json in
[ "$(ns changed.json)" != "$(ns j1.spdx-json)" ] || fail "namespace did not change with the content"
"$PETAL" sbom -q --namespace https://example.com/spdx/in-1 -o given.json in
[ "$(ns given.json)" = "https://example.com/spdx/in-1" ] || fail "--namespace ignored"
validate spdx changed.json given.json

# --check: what is missing, exit 1; complete, exit 0; not JSON, exit 3.
expect_exit 1 "$PETAL" sbom --check j1.spdx-json > check.out
grep -q "SPDXRef-Package-root (in): no supplier" check.out || fail "no supplier not reported: $(cat check.out)"
grep -q "(bundle): no version" check.out || fail "archive version not reported"
grep -q "(inner): no version" check.out && fail "inner-2.5 has a version"
mkdir one && echo "// SPDX-License-Identifier: MIT" > one/a.c
"$PETAL" sbom -q --name one --version 1.0 --supplier "Organization: Acme" -o one.json one
validate spdx one.json
expect_exit 0 "$PETAL" sbom --check one.json > ok.out
grep -q "0 NTIA minimum elements missing" ok.out || fail "$(cat ok.out)"
printf '{"spdxVersion": ' > broken.json
expect_exit 3 "$PETAL" sbom --check broken.json 2> broken.err
grep -q "broken.json: not JSON" broken.err || fail "$(cat broken.err)"

# Usage errors.
expect_exit 2 "$PETAL" sbom -f xml in 2>/dev/null
expect_exit 2 "$PETAL" sbom --creator Bob in 2>/dev/null
SOURCE_DATE_EPOCH=yesterday expect_exit 2 "$PETAL" sbom in 2>/dev/null
