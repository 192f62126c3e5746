# SPDX-License-Identifier: MIT
# Copyright findings end to end: a small tree in the styles petal meets
# (kernel header, Python module, Apache NOTICE, DEP-5 debian/copyright,
# HTML, an SPDX-FileCopyrightText tag, CRLF and lone-CR line endings) and
# the look-alikes that are not statements.  The JSON is checked against
# what each fixture was written to hold, and independently of petal: the
# lines of each finding's span, cut by Python as text.h defines lines,
# must contain its holders and years, and an SPDX tag is reported once.
. "$SRC/tests/lib.sh"
cd "$T"
mkdir -p tree/src tree/debian tree/web
cat > tree/src/fork.c <<'EOF'
// SPDX-License-Identifier: GPL-2.0
/*
 *  linux/kernel/fork.c
 *
 *  Copyright (C) 1991, 1992  Linus Torvalds
 *  Copyright (c) 2001 Ben Greear,
 *    2002 Daniel Phillips
 */
#define COPYRIGHT
static int up(int c) { return isalpha(c) ? (c) - 32 : c; }
EOF
cat > tree/src/util.py <<'EOF'
"""Utilities."""
__copyright__ = "Copyright (c) 2019 Jane Doe"
copyright = get_copyright()
EOF
cat > tree/NOTICE <<'EOF'
Apache Foo
Copyright 2011-2021 The Apache Software Foundation

This product includes software developed at
The Apache Software Foundation (http://www.apache.org/).
EOF
cat > tree/debian/copyright <<'EOF'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/

Files: *
Copyright: 2008-2010 Foo Bar <foo@example.com>
           2011 Baz Qux <baz@example.com>
License: GPL-2+
EOF
cat > tree/web/index.html <<'EOF'
<html><body>
<p>{{ copyright }}</p>
<footer>&copy; 2021 Example Corp.</footer>
</body></html>
EOF
cat > tree/src/tagged.c <<'EOF'
// SPDX-FileCopyrightText: 2019 Jane Doe <jane@example.org>
// SPDX-License-Identifier: MIT
// Copyright (c) 2020 John Roe
EOF
cat > tree/TERMS <<'EOF'
Redistributions of source code must retain the above copyright
notice, this list of conditions and the following disclaimer.
THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS".
Copyright (c) <year> <copyright holders>
EOF
printf 'a\r\nb\rCopyright (C) 2003 Carriage Return Ltd.\r\n' > tree/crlf.txt

"$PETAL" scan --no-stanzas --format jsonl tree > out.jsonl  # the detector, not debian/copyright applied

# 1. What each fixture was written to hold: (file, start, end, years, holders).
pyjsonl out.jsonl '
want = {
    "tree/src/fork.c": [(5, 5, "1991, 1992", ["Linus Torvalds"]),
                        (6, 7, "2001, 2002", ["Ben Greear", "Daniel Phillips"])],
    "tree/src/util.py": [(2, 2, "2019", ["Jane Doe"])],
    "tree/NOTICE": [(2, 2, "2011-2021", ["The Apache Software Foundation"])],
    "tree/debian/copyright": [(4, 5, "2008-2010, 2011", ["Foo Bar", "Baz Qux"])],
    "tree/web/index.html": [(3, 3, "2021", ["Example Corp."])],
    "tree/src/tagged.c": [(1, 1, "2019", ["Jane Doe"]), (3, 3, "2020", ["John Roe"])],
    "tree/TERMS": [],
    "tree/crlf.txt": [(3, 3, "2003", ["Carriage Return Ltd."])],
}
for path, w in want.items():
    got = sorted((f["start_line"], f["end_line"], f["years"], f["holders"])
                 for f in by[path]["findings"] if f["kind"] == "copyright")
    assert got == sorted(w), (path, got, w)
'

# 2. Independent of the fixtures: every finding's holders and years are in
# the lines it spans, its text starts with what its first line holds, and
# each SPDX-FileCopyrightText line is one finding.
python3 - out.jsonl <<'PY'
import json, re, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    if r["type"] != "text":
        continue
    raw = open(r["path"], encoding="utf-8", newline="").read()
    lines = re.split(r"\r\n|\r|\n", raw)
    found = [f for f in r["findings"] if f["kind"] == "copyright"]
    for f in found:
        span = lines[f["start_line"] - 1:f["end_line"]]
        flat = " ".join(span)
        for h in f["holders"]:
            assert h in flat, (r["path"], h, span)
        for y in (f["years"] or "").split(", "):
            assert y in flat, (r["path"], y, span)
        head = f["text"].split(" ")[0]
        assert head in span[0], (r["path"], f["text"], span[0])
        assert len(f["text"].encode()) <= 512
    tags = sum(1 for l in lines if "SPDX-FileCopyrightText:" in l)
    tagged = sum(1 for f in found if f["text"].startswith("SPDX-FileCopyrightText:"))
    assert tags == tagged, (r["path"], tags, tagged)
    spans = [(f["start_line"], f["end_line"]) for f in found]
    assert len(spans) == len(set(spans)), (r["path"], "a statement reported twice")
PY
