# SPDX-License-Identifier: MIT
# Hostile archives, made at run time (tests/cli/hostile_archives.py, a few
# MB on disk): gzip/xz/zip bombs of 4 GiB, a zip with 100,000 entries,
# zips nested 20 deep, names that climb out, are absolute, not UTF-8,
# 4 KiB long or full of control bytes, duplicate names, links to /etc.
# petal stops at each limit, names the limit and the entry, goes on with
# the rest of the input, lists every entry once, and writes nothing.
# The 100,000-entry zip is 10,000 under sanitizers (PETAL_SANITIZED).
. "$SRC/tests/lib.sh"
cd "$T"
entries=100000
[ -z "$PETAL_SANITIZED" ] || entries=10000
token=$$-$(date +%s)
mkdir work && cd work
python3 "$SRC/tests/cli/hostile_archives.py" $entries "$token" || fail "making the archives failed ($?)"
before=$(cd "$T" && find . | sort)

# Bombs with the default limits: the ratio trips after 64 MiB, the next
# input is still scanned, exit 3.
expect_exit 3 "$PETAL" scan -q -f jsonl bomb.txt.gz bomb.txt.xz after.c > ../bombs.jsonl 2> ../err
pyjsonl ../bombs.jsonl '
assert paths == ["bomb.txt.gz", "bomb.txt.xz", "after.c"], paths
for p in paths[:2]:
    assert by[p]["status"] == "failed" and by[p]["error"] == "archive limit: expansion ratio over --max-ratio (1000) at entry '"'"'bomb.txt'"'"'", by[p]
assert by["after.c"]["expression"] == "BSD-3-Clause"
'
grep -qx "petal: bomb.txt.xz: archive limit: expansion ratio over --max-ratio (1000) at entry 'bomb.txt'" ../err ||
	fail "stderr: $(cat ../err)"
# each limit has a flag: total expanded bytes
expect_exit 3 "$PETAL" scan -q -f jsonl --max-total 100M bomb.zip after.c > ../zip.jsonl 2>/dev/null
pyjsonl ../zip.jsonl '
z = by["bomb.zip"]
assert z["status"] == "failed", z
assert z["error"] == "archive limit: expanded size over --max-total (100 MiB) at entry '"'"'zeros006.bin'"'"'", z
assert paths[1:7] == ["bomb.zip!/zeros%03d.bin" % i for i in range(6)], paths
assert all(by[p]["size"] == 16 << 20 for p in paths[1:7])
assert paths[7:] == ["after.c"], paths
'
# the ratio, set lower: trips as soon as 64 MiB are out
expect_exit 3 "$PETAL" scan -q -f jsonl --max-ratio 10 bomb.txt.gz > ../ratio.jsonl 2>/dev/null
pyjsonl ../ratio.jsonl '
assert by["bomb.txt.gz"]["error"].startswith("archive limit: expansion ratio over --max-ratio (10) at entry"), recs
'
# one file's size: the first --max-file-size bytes are analysed, the file
# is marked truncated with its full size
expect_exit 0 "$PETAL" scan -q -f jsonl --max-file-size 1M big.tar.gz > ../big.jsonl
expect_exit 0 "$PETAL" scan -q -f jsonl big.tar.gz > ../whole.jsonl
pyjsonl ../big.jsonl '
r = by["big.tar.gz!/big.c"]
assert r["truncated"] is True and r["size"] > 3 << 20 and r["expression"] is None, r
'
pyjsonl ../whole.jsonl '
r = by["big.tar.gz!/big.c"]
assert "truncated" not in r and r["expression"] == "Zlib", r
'

# 100,000 entries (zip64): each listed once, in order; then a cap on entries
expect_exit 0 "$PETAL" scan -q -f jsonl many.zip > ../many.jsonl
n=$entries pyjsonl ../many.jsonl '
import os
n = int(os.environ["n"])
assert paths == ["many.zip"] + ["many.zip!/f/%06d.c" % i for i in range(n)], len(paths)
assert all(r["status"] == "scanned" for r in recs)
assert by["many.zip!/f/%06d.c" % (n - 1)]["expression"] == "MIT"
'
expect_exit 3 "$PETAL" scan -q -f jsonl --max-entries 1000 many.zip after.c > ../cap.jsonl 2>/dev/null
pyjsonl ../cap.jsonl '
assert by["many.zip"]["error"] == "archive limit: entry count over --max-entries (1000) at entry '"'"'f/001000.c'"'"'", by["many.zip"]
assert paths == ["many.zip"] + ["many.zip!/f/%06d.c" % i for i in range(1000)] + ["after.c"], len(paths)
'

# nested 20 deep: the default depth (8) lists the 9th nested zip unopened
expect_exit 0 "$PETAL" scan -q -f jsonl n01.zip > ../deep8.jsonl
pyjsonl ../deep8.jsonl '
want = ["n01.zip"]
for i in range(2, 11):
    want.append(want[-1] + "!/n%02d.zip" % i)
assert paths == want, paths
last = by[want[-1]]
assert last["status"] == "skipped" and last["error"] == "nested archive not opened: depth over --max-depth 8", last
'
expect_exit 0 "$PETAL" scan -q -f jsonl --max-depth 20 n01.zip > ../deep20.jsonl
pyjsonl ../deep20.jsonl '
assert len(paths) == 21, paths
core = paths[-1]
assert core.endswith("!/n20.zip!/core.c") and core.count("!/") == 20, core
assert by[core]["expression"] == "Apache-2.0"
'

# names and links: shown escaped, never used to touch the filesystem
expect_exit 0 "$PETAL" scan -q -f jsonl -j 4 names.tar names.zip > ../names.jsonl
python3 - ../names.jsonl "$token" <<'PY'
import json, sys
lines = open(sys.argv[1], "rb").read().decode("utf-8").splitlines()  # valid UTF-8
recs = [json.loads(l) for l in lines]
paths = [r["path"] for r in recs]
tok = sys.argv[2]
long = "names.tar!/d/" + "x" * 4094
want = ["names.tar", "names.tar!/../../../../tmp/petal-escape-" + tok,
        "names.tar!//tmp/petal-absolute-" + tok, "names.tar!/bad\\xff\\xfe.c",
        "names.tar!/ctl\\x1b[31m\\x0a\\x09.c", long, "names.tar!/dev", "names.tar!/dup.c",
        "names.tar!/dup.c", "names.tar!/hard", "names.tar!/sym", "names.tar!/up",
        "names.zip", "names.zip!/link", "names.zip!/same.txt", "names.zip!/same.txt"]
assert paths == want, paths
by = {r["path"]: r for r in recs}
# duplicates: both, in archive order, each with its own content
dup = [r for r in recs if r["path"] == "names.tar!/dup.c"]
assert [r["expression"] for r in dup] == ["MIT", "GPL-2.0-only"], dup
same = [r for r in recs if r["path"] == "names.zip!/same.txt"]
assert [r["size"] for r in same] == [6, 33] and same[1]["expression"] == "0BSD", same
assert by[long]["expression"] == "ISC"
for p, t in (("names.tar!/sym", "/etc/passwd"), ("names.tar!/up", "../../../../../../etc"),
             ("names.tar!/hard", "/etc/shadow"), ("names.zip!/link", "/etc/passwd")):
    r = by[p]
    assert r["type"] == "symlink" and r["target"] == t and r["findings"] == [], r
assert by["names.tar!/dev"]["type"] == "special" and by["names.tar!/dev"]["status"] == "skipped"
PY
[ ! -e "/tmp/petal-escape-$token" ] && [ ! -e "/tmp/petal-absolute-$token" ] ||
	fail "an entry name was used to write a file"
after=$(cd "$T" && find . | sort | grep -v '^\./[a-z0-9]*\.jsonl$' | grep -v '^\./err$')
[ "$before" = "$after" ] || fail "the scans wrote files"
