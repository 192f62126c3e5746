# SPDX-License-Identifier: MIT
# The output is the same bytes for any thread count, in every format:
# this repository's sources plus an archive of them.
. "$SRC/tests/lib.sh"
cd "$T"
mkdir in
tar -C "$SRC" -czf in/src.tar.gz scanner rules licenses tests
cp -r "$SRC/scanner" "$SRC/rules" "$SRC/tests" in/
cd in
for fmt in jsonl json text; do
	"$PETAL" scan -q -j1 --format "$fmt" --checksums . > "../j1.$fmt"
	for j in 2 7; do
		"$PETAL" scan -q -j$j --format "$fmt" --checksums . > "../j$j.$fmt"
		cmp "../j1.$fmt" "../j$j.$fmt" || fail "-j1 and -j$j differ ($fmt)"
	done
done
pyjsonl ../j1.jsonl '
assert paths == sorted(paths, key=lambda p: p.encode()), "not sorted"
assert any(p.startswith("src.tar.gz!/scanner/") for p in paths)
'
