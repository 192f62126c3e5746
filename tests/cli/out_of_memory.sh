# SPDX-License-Identifier: MIT
# Out of memory on one file: the bytes petal keeps of a file grow with it
# (up to --max-file-size); when they cannot be had, that file (or archive
# entry) fails with the reason and the scan goes on.  Memory is capped
# with ulimit -v, which the sanitizers' shadow memory cannot live under:
# plain build only (PETAL_SANITIZED unset).
. "$SRC/tests/lib.sh"
[ -z "$PETAL_SANITIZED" ] || exit 0
cd "$T"
printf '// SPDX-License-Identifier: MIT\n' > small.c
truncate -s 140M big.bin
python3 - <<'PY'
import gzip, io, tarfile
b = io.BytesIO()
with tarfile.open(fileobj=b, mode="w") as t:
    for name, data in (("big.bin", bytes(140 << 20)), ("small.c", open("small.c", "rb").read())):
        ti = tarfile.TarInfo(name)
        ti.size = len(data)
        t.addfile(ti, io.BytesIO(data))
open("big.tar.gz", "wb").write(gzip.compress(b.getvalue(), compresslevel=1, mtime=0))
PY
limit=200000 # KiB of address space: enough for petal -j1, not for 256 MiB kept
(ulimit -v $limit; expect_exit 0 "$PETAL" scan -q -j1 -f jsonl small.c > base.jsonl) ||
	fail "petal -j1 no longer runs in $limit KiB; raise the limit and the file sizes"
(
	ulimit -v $limit
	expect_exit 3 "$PETAL" scan -q -j1 -f jsonl --max-file-size 1G --max-ratio 100000 \
		big.bin big.tar.gz small.c > out.jsonl 2> err
)
pyjsonl out.jsonl '
assert paths == ["big.bin", "big.tar.gz", "big.tar.gz!/big.bin", "big.tar.gz!/small.c", "small.c"], paths
for p in ("big.bin", "big.tar.gz!/big.bin"):
    r = by[p]
    assert r["status"] == "failed" and r["error"].startswith("out of memory holding "), r
    assert r["error"].endswith("(a lower --max-file-size holds less)"), r
assert by["big.tar.gz"]["status"] == "scanned", by["big.tar.gz"]
assert by["big.tar.gz!/small.c"]["expression"] == "MIT"
assert by["small.c"]["expression"] == "MIT"
'
grep -q '^petal: big.bin: out of memory holding ' err || fail "stderr: $(cat err)"
# with a lower --max-file-size the same files are analysed in part
(
	ulimit -v $limit
	expect_exit 0 "$PETAL" scan -q -j1 -f jsonl --max-file-size 16M --max-ratio 100000 big.bin big.tar.gz > part.jsonl
)
pyjsonl part.jsonl '
for p in ("big.bin", "big.tar.gz!/big.bin"):
    assert by[p]["status"] == "scanned" and by[p]["truncated"] is True and by[p]["size"] == 140 << 20, by[p]
'
