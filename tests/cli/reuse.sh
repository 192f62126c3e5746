# SPDX-License-Identifier: MIT
# REUSE.toml, .reuse/dep5 and debian/copyright at the top of a scanned
# directory apply to the files they cover, by precedence: closest (only
# where the file says nothing), aggregate (both), override (the stanza's).
. "$SRC/tests/lib.sh"
cd "$T"
mkdir -p r/img r/src/gen r/docs d/.reuse d/art p/debian p/src
cat > r/REUSE.toml <<'X'
version = 1

[[annotations]]
path = "img/**"
precedence = "aggregate"
SPDX-FileCopyrightText = "2024 Pixel Artist"
SPDX-License-Identifier = "CC-BY-4.0"

[[annotations]]
path = ["src/gen/*.c"]
precedence = "override"
SPDX-License-Identifier = "MIT"

[[annotations]]
path = "**.txt"
SPDX-License-Identifier = "Apache-2.0"
X
printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\0\1' > r/img/logo.png
printf '// SPDX-License-Identifier: GPL-2.0-only\nint x;\n' > r/src/gen/a.c
printf '// SPDX-License-Identifier: GPL-2.0-only\nint y;\n' > r/src/gen/deep.h
printf 'no license here\n' > r/docs/notes.txt
printf 'SPDX-License-Identifier: ISC\n' > r/docs/tagged.txt
cat > d/.reuse/dep5 <<'X'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/

Files: art/*
Copyright: 2020 Someone
License: CC0-1.0
X
printf '# SPDX-License-Identifier: MIT\n' > d/art/tagged.svg
cat > p/debian/copyright <<'X'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: p

Files: *
Copyright: 2022 Upstream
License: GPL-2+
X
printf 'int main(void) { return 0; }\n' > p/src/main.c
printf '/* SPDX-License-Identifier: BSD-2-Clause */\n' > p/src/lib.c
"$PETAL" scan --format jsonl ./r/ d p > out.jsonl
pyjsonl out.jsonl '
def ann(p):
    return [f for f in by[p]["findings"] if f.get("note", "").startswith("declared for this path")]
# aggregate on a binary: license and copyright from REUSE.toml
logo = by["r/img/logo.png"]
assert logo["type"] == "binary" and logo["expression"] == "CC-BY-4.0", logo
kinds = sorted(f["kind"] for f in ann("r/img/logo.png"))
assert kinds == ["copyright", "license"], logo
assert [f["text"] for f in ann("r/img/logo.png") if f["kind"] == "copyright"] == ["2024 Pixel Artist"]
assert "r/REUSE.toml (line 3" in ann("r/img/logo.png")[0]["note"], logo
# override: the file says GPL, the annotation wins; the tag stays as evidence
a = by["r/src/gen/a.c"]
assert a["expression"] == "MIT", a
assert any(f.get("method") == "spdx-tag" and f["expression"] == "GPL-2.0-only" for f in a["findings"])
# "*.c" does not cover a .h, nor does "*" cross a "/"
assert by["r/src/gen/deep.h"]["expression"] == "GPL-2.0-only" and ann("r/src/gen/deep.h") == []
# closest: only where the file says nothing
assert by["r/docs/notes.txt"]["expression"] == "Apache-2.0", by["r/docs/notes.txt"]
assert by["r/docs/tagged.txt"]["expression"] == "ISC" and ann("r/docs/tagged.txt") == []
# .reuse/dep5 aggregates
assert by["d/art/tagged.svg"]["expression"] == "MIT AND CC0-1.0", by["d/art/tagged.svg"]
# debian/copyright: closest
assert by["p/src/main.c"]["expression"] == "GPL-2.0-or-later", by["p/src/main.c"]
assert by["p/src/lib.c"]["expression"] == "BSD-2-Clause", by["p/src/lib.c"]
'
# inside an archive the stanzas are not applied (only the scanned directories)
tar -czf p.tgz p
"$PETAL" scan --format jsonl p.tgz > arc.jsonl
pyjsonl arc.jsonl '
assert by["p.tgz!/p/src/main.c"]["expression"] is None, by["p.tgz!/p/src/main.c"]
'

# The gate, the obligations and the SBOM see what the scan sees: the
# REUSE.toml annotation (CC-BY-4.0 on img/**) is judged, grouped and listed.
cat > deny-cc.yml <<'X'
version: 1
default: allow
deny: [CC-BY-4.0]
X
set +e
"$PETAL" check --policy deny-cc.yml r > check.txt
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "check: REUSE.toml's CC-BY-4.0 not judged (exit $rc)"
grep -q 'img/logo.png.*CC-BY-4.0' check.txt || fail "check: img/logo.png not named"
"$PETAL" obligations -f json r > obl.json
python3 - obl.json <<'X' || fail "obligations: REUSE.toml's CC-BY-4.0 missing"
import json, sys
d = json.load(open(sys.argv[1]))
l = [x for x in d["licenses"] if x["license"] == "CC-BY-4.0"]
assert l and any("img/logo.png" in f for f in l[0]["files"]), l
X
SOURCE_DATE_EPOCH=1 "$PETAL" sbom -o bom.json r
python3 - bom.json <<'X' || fail "sbom: REUSE.toml's CC-BY-4.0 missing on img/logo.png"
import json, sys
d = json.load(open(sys.argv[1]))
f = [x for x in d["files"] if x["fileName"].endswith("img/logo.png")]
assert f and "CC-BY-4.0" in f[0]["licenseInfoInFiles"], f
X

# --no-stanzas: what the files say only (the Debian bench compares petal
# with debian/copyright, which must not be petal's own input there)
"$PETAL" scan --no-stanzas -f jsonl r > plain.jsonl
python3 - plain.jsonl <<'X' || fail "--no-stanzas: REUSE.toml still applied"
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r["path"].endswith("img/logo.png"):
        assert r["expression"] is None and not r["findings"], r
        break
else:
    raise SystemExit("img/logo.png not scanned")
X

# a REUSE.toml that is a symlink is not followed, as the walk follows none
mkdir -p ln/img && cp r/img/logo.png ln/img/ && ln -s ../r/REUSE.toml ln/REUSE.toml
"$PETAL" scan -f jsonl ln > ln.jsonl
python3 - ln.jsonl <<'X' || fail "a symlinked REUSE.toml was applied"
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r["path"].endswith("img/logo.png"):
        assert r["expression"] is None, r
        break
else:
    raise SystemExit("ln/img/logo.png not scanned")
X
