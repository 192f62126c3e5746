# SPDX-License-Identifier: MIT
# petal sbom: an archive file carries the licenses found inside it, also
# those of the files that belong to a manifest's package among its entries
# (a Python sdist's PKG-INFO inside a zip inside a tarball): the zip is not
# NONE, and the tarball names what is found at every depth.
. "$SRC/tests/lib.sh"
cd "$T"
mkdir -p in src/lib-1.2 stage/outer
printf '# SPDX-License-Identifier: BSD-3-Clause\n# Copyright (c) 2018 Lib Authors\n' > src/lib-1.2/lib.py
printf 'Metadata-Version: 2.1\nName: libpy\nVersion: 1.2\nLicense: BSD-3-Clause\n' > src/lib-1.2/PKG-INFO
(cd src && python3 -c "
import zipfile
with zipfile.ZipFile('../stage/outer/inner.zip', 'w') as z:
    z.write('lib-1.2/lib.py'); z.write('lib-1.2/PKG-INFO')")
printf '/* SPDX-License-Identifier: ISC */\n' > stage/outer/o.c
tar -C stage -czf in/bundle-0.9.tar.gz outer
"$PETAL" sbom -q --conclude -o doc.json in || fail "sbom exited $?"
python3 - doc.json <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
by = {f["fileName"]: f for f in doc["files"]}
pk = {p["name"]: p for p in doc["packages"]}
assert pk["libpy"]["licenseDeclared"] == "BSD-3-Clause", pk["libpy"]
z = by["./bundle-0.9.tar.gz!/outer/inner.zip"]
assert z["licenseInfoInFiles"] == ["BSD-3-Clause"], z
assert z["licenseConcluded"] == "BSD-3-Clause", z
t = by["./bundle-0.9.tar.gz"]
assert sorted(t["licenseInfoInFiles"]) == ["BSD-3-Clause", "ISC"], t
for lic in ("BSD-3-Clause", "ISC"):
    assert lic in t["licenseConcluded"], t
PY
