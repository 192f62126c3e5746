# SPDX-License-Identifier: MIT
# Hostile trees and texts, made at run time: a 4 GiB sparse file, a FIFO,
# a socket, a device node (when mknod is allowed), 100,000 small files,
# directories 1,000 deep and deeper than PATH_MAX; NUL bytes in text, a
# 1 MB line, mixed encodings, CRLF, UTF-16 LE/BE.  No crash, no hang
# (nothing special is opened), each entry reported once.  Under the
# sanitizers (PETAL_SANITIZED) the 100,000 files are 10,000.
. "$SRC/tests/lib.sh"
cd "$T"
files=100000
[ -z "$PETAL_SANITIZED" ] || files=10000
mkdir -p tree/many
truncate -s 4G tree/sparse.bin
mkfifo tree/fifo
dev=0
mknod tree/null c 1 3 2>/dev/null && dev=1
python3 - "$files" <<'PY' || fail "making the tree failed"
import os, socket, sys
s = socket.socket(socket.AF_UNIX)
s.bind("tree/sock")  # left bound: a live socket in the tree
tag = "// SPDX-License-Identifier: MIT\n"
t = "tree/"
open(t + "nul.c", "wb").write(b"int a;\n\0\0\0 padding\n" + tag.encode())
open(t + "oneline.js", "wb").write(b"/* SPDX-License-Identifier: Apache-2.0 */ " + b"var a=1;" * (1 << 17))
open(t + "mixed.c", "wb").write("/* café */\n".encode() + "/* déjà */\n".encode("latin-1") + tag.encode())
open(t + "crlf.c", "wb").write(b"/*\r\n * SPDX-License-Identifier: BSD-2-Clause\r\n */\r\nint x;\r\n")
open(t + "u16le.c", "wb").write(b"\xff\xfe" + ("/* x */\n" + tag).encode("utf-16-le"))
open(t + "u16be.c", "wb").write(b"\xfe\xff" + ("/* x */\n" + tag).encode("utf-16-be"))
n = int(sys.argv[1])
for d in range(n // 1000):
    os.mkdir("tree/many/%03d" % d)
    for f in range(1000):
        open("tree/many/%03d/%03d.c" % (d, f), "wb").close()
open("tree/many/000/000.c", "wb").write(tag.encode())
# 1,000 levels, then on to past PATH_MAX (4096): "a/" is 2 bytes a level
fd = os.open("tree", os.O_RDONLY)
for i in range(1, 2101):
    os.mkdir("z" if i == 1 else "a", dir_fd=fd)
    nfd = os.open("z" if i == 1 else "a", os.O_RDONLY, dir_fd=fd)
    os.close(fd)
    fd = nfd
    if i == 1000:
        f = os.open("deep.c", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(f, tag.encode())
        os.close(f)
os.close(fd)
PY
expect_exit 3 "$PETAL" scan -q -f jsonl tree > out.jsonl 2> err
n=$files dev=$dev pyjsonl out.jsonl '
import os
n, dev = int(os.environ["n"]), os.environ["dev"] == "1"
assert paths == sorted(paths, key=lambda p: p.encode()), "not in path order"
many = [p for p in paths if p.startswith("tree/many/")]
assert many == ["tree/many/%03d/%03d.c" % (i // 1000, i % 1000) for i in range(n)], len(many)
assert by["tree/many/000/000.c"]["expression"] == "MIT"
assert all(by[p]["status"] == "scanned" for p in many)
s = by["tree/sparse.bin"]
assert s["type"] == "binary" and s["size"] == 4 << 30 and s["truncated"] is True, s
for p in ["tree/fifo", "tree/sock"] + (["tree/null"] if dev else []):
    assert by[p]["type"] == "special" and by[p]["status"] == "skipped", by[p]
deep = "tree/z" + "/a" * 999 + "/deep.c"
assert by[deep]["expression"] == "MIT", by[deep]
long = [r for r in recs if r["status"] == "failed"]
assert len(long) == 1 and long[0]["error"].endswith("File name too long"), long
assert len(long[0]["path"]) > 4000
# texts
assert by["tree/oneline.js"]["expression"] == "Apache-2.0"
m = by["tree/mixed.c"]
assert m["encoding"] == "latin-1" and m["expression"] == "MIT", m
c = by["tree/crlf.c"]
assert c["expression"] == "BSD-2-Clause" and c["findings"][0]["start_line"] == 2, c
for p, enc in (("tree/u16le.c", "utf-16le"), ("tree/u16be.c", "utf-16be")):
    assert by[p]["encoding"] == enc and by[p]["expression"] == "MIT", by[p]
    assert by[p]["findings"][0]["start_line"] == 2
assert by["tree/nul.c"]["type"] == "binary", by["tree/nul.c"]
extra = 9 + dev + 1 + 1  # the files above, the deep file, the failed directory
assert len(recs) == n + extra, (len(recs), n + extra)
'
grep -q '^petal: tree/z/a/a/.*: cannot read directory: File name too long$' err || fail "stderr: $(head -c 300 err)"
