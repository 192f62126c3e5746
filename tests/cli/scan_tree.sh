# SPDX-License-Identifier: MIT
# A small tree with every kind of entry: each appears once, typed, with the
# expressions its tags carry; VCS dirs and --exclude are skipped records;
# the output is sorted by path; a golden file pins the exact bytes.
. "$SRC/tests/lib.sh"
cd "$T"
mkdir -p tree/src tree/empty tree/.git/objects tree/docs tree/a
printf '// SPDX-License-Identifier: mit\nint x;\n' > tree/src/a.c
printf '#!/bin/sh\n# SPDX-License-Identifier: GPL-2.0+\n' > tree/src/run.sh
printf '/* SPDX-License-Identifier: (MIT OR Apache-2.0) AND BSD-3-Clause */\n' > tree/src/b.h
printf '<!-- SPDX-License-Identifier: CC-BY-4.0 -->\n# Title\n' > tree/docs/README.md
printf '%s\n' '-- SPDX-License-Identifier: MIT WITH GPL-2.0' > tree/docs/bad.sql
printf 'Please add an SPDX-License-Identifier: MIT line.\n' > tree/docs/prose.txt
printf '\000\001\002binary' > tree/src/blob.bin
printf 'ref: refs/heads/main\n' > tree/.git/HEAD
printf 'x\n' > tree/a/x.o
printf 'y\n' > tree/a-b
ln -s src/a.c tree/link
mkfifo tree/fifo
"$PETAL" scan --format jsonl --exclude '*.o' tree > out.jsonl
pyjsonl out.jsonl '
assert paths == sorted(paths, key=lambda p: p.encode()), paths
assert by["tree/src/a.c"]["expression"] == "MIT"
assert by["tree/src/run.sh"]["expression"] == "GPL-2.0-or-later"
assert by["tree/src/b.h"]["expression"] == "(MIT OR Apache-2.0) AND BSD-3-Clause"
assert by["tree/docs/README.md"]["expression"] == "CC-BY-4.0"
bad = by["tree/docs/bad.sql"]
assert bad["expression"] is None and bad["findings"][0]["problem"].startswith("invalid SPDX expression"), bad
assert by["tree/docs/prose.txt"]["findings"] == []
assert by["tree/src/blob.bin"]["type"] == "binary"
assert by["tree/.git"]["type"] == "skipped" and by["tree/.git"]["status"] == "skipped"
assert "tree/.git/HEAD" not in by
assert by["tree/a/x.o"]["status"] == "skipped" and "--exclude" in by["tree/a/x.o"]["error"]
assert by["tree/link"]["type"] == "symlink" and by["tree/link"]["target"] == "src/a.c"
assert by["tree/fifo"]["type"] == "special"
assert len(recs) == 12, len(recs)
'
diff -u "$SRC/tests/cli/scan_tree.expected" out.jsonl || fail "output differs from the golden file"
