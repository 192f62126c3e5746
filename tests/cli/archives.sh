# SPDX-License-Identifier: MIT
# Nested archives read in place: a tar.gz in a zip in a tar.xz, hostile
# entry names reported verbatim (and never used to write anything), a
# single compressed file, checksums of entries equal to independent ones.
. "$SRC/tests/lib.sh"
cd "$T"
mkdir work && cd work
python3 - <<'PY'
import io, tarfile, zipfile, gzip

def tar_bytes(mode, members):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode=mode) as t:
        for name, data in members:
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            ti.mtime = 0
            t.addfile(ti, io.BytesIO(data))
    return b.getvalue()

inner = tar_bytes("w:gz", [("x/file.txt", b"/* SPDX-License-Identifier: Apache-2.0 */\n")])
z = io.BytesIO()
with zipfile.ZipFile(z, "w") as zf:
    zf.writestr("deep/a.tar.gz", inner)
    zf.writestr("deep/notes.md", b"# SPDX-License-Identifier: MIT\n")
outer = tar_bytes("w:xz", [
    ("dir/inner.zip", z.getvalue()),
    ("../../etc/passwd", b"# SPDX-License-Identifier: BSD-2-Clause\n"),
    ("/etc/shadow", b"root:x\n"),
    ("top.c", b"// SPDX-License-Identifier: GPL-2.0\n"),
])
open("outer.tar.xz", "wb").write(outer)
open("single.txt.gz", "wb").write(gzip.compress(b"# SPDX-License-Identifier: ISC\n", mtime=0))
PY
before=$(cd "$T" && find . | sort)
"$PETAL" scan --format jsonl --checksums outer.tar.xz single.txt.gz > ../out.jsonl
after=$(cd "$T" && find . | sort | grep -v '^./out.jsonl$')
[ "$before" = "$after" ] || fail "the scan wrote files: $after"
cd ..
pyjsonl out.jsonl '
import hashlib, gzip
want = [
    "outer.tar.xz",
    "outer.tar.xz!/../../etc/passwd",
    "outer.tar.xz!//etc/shadow",
    "outer.tar.xz!/dir/inner.zip",
    "outer.tar.xz!/dir/inner.zip!/deep/a.tar.gz",
    "outer.tar.xz!/dir/inner.zip!/deep/a.tar.gz!/x/file.txt",
    "outer.tar.xz!/dir/inner.zip!/deep/notes.md",
    "outer.tar.xz!/top.c",
    "single.txt.gz",
    "single.txt.gz!/single.txt",
]
assert paths == want, paths
assert by[want[0]]["type"] == "archive" and by[want[3]]["type"] == "archive"
assert by[want[5]]["expression"] == "Apache-2.0"
assert by[want[6]]["expression"] == "MIT"
assert by[want[1]]["expression"] == "BSD-2-Clause"
assert by[want[7]]["expression"] == "GPL-2.0-only"
assert by[want[9]]["expression"] == "ISC"
raw = open("work/outer.tar.xz", "rb").read()
assert by[want[0]]["sha256"] == hashlib.sha256(raw).hexdigest()
assert by[want[0]]["sha1"] == hashlib.sha1(raw).hexdigest()
assert by[want[0]]["size"] == len(raw)
t = b"/* SPDX-License-Identifier: Apache-2.0 */\n"
assert by[want[5]]["sha256"] == hashlib.sha256(t).hexdigest()
assert by[want[5]]["size"] == len(t)
assert all(r["status"] == "scanned" for r in recs), [r for r in recs if r["status"] != "scanned"]
'
# Depth limit: --max-depth 0 lists the zip without opening it; with 1 the
# zip is opened and the tar.gz inside it is listed, not opened.
"$PETAL" scan --format jsonl --max-depth 0 work/outer.tar.xz > shallow.jsonl
pyjsonl shallow.jsonl '
z = by["work/outer.tar.xz!/dir/inner.zip"]
assert z["type"] == "archive" and z["status"] == "skipped" and "max-depth" in z["error"], z
assert not any(p.startswith("work/outer.tar.xz!/dir/inner.zip!/") for p in paths)
'
"$PETAL" scan --format jsonl --max-depth 1 work/outer.tar.xz > one.jsonl
pyjsonl one.jsonl '
t = by["work/outer.tar.xz!/dir/inner.zip!/deep/a.tar.gz"]
assert t["type"] == "archive" and "max-depth 1" in t["error"], t
assert "work/outer.tar.xz!/dir/inner.zip!/deep/notes.md" in by
assert not any(p.startswith("work/outer.tar.xz!/dir/inner.zip!/deep/a.tar.gz!/") for p in paths)
'
