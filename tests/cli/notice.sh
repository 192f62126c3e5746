# SPDX-License-Identifier: MIT
# `petal notice`: each license text once (from `petal licenses ID`, fetched
# here), the files and holders it covers, Apache NOTICE files reproduced;
# html escaped, markdown fenced, output sorted and the same for any -j.
. "$SRC/tests/lib.sh"
cd "$T"
mkdir -p tree/apache tree/a tree/b tree/gpl tree/isc
"$PETAL" licenses MIT > tree/a/LICENSE
printf '// SPDX-License-Identifier: MIT\n// SPDX-FileCopyrightText: 2018 Evil & Sons <script>alert(1)</script>\n' > tree/b/m.js
printf '// SPDX-License-Identifier: Apache-2.0\n// SPDX-FileCopyrightText: 2020 ACME Corp\n' > tree/apache/a.c
printf 'ACME Widget 1.0\nIncludes code from Foo & Bar <https://foo.example>.\n' > tree/apache/NOTICE.txt
printf '/* SPDX-License-Identifier: GPL-2.0-or-later */\n' > tree/gpl/g.c
printf '/* SPDX-License-Identifier: ISC */\n/* SPDX-FileCopyrightText: 2001 Internet Person */\n' > tree/isc/i.c
printf '/* SPDX-License-Identifier: LicenseRef-Vendor */\n' > tree/isc/v.c

"$PETAL" notice -o notice.txt tree
# each text once, though MIT comes from two files
[ "$(grep -c '^Permission is hereby granted, free of charge' notice.txt)" -eq 1 ] || fail "MIT text count"
[ "$(grep -c 'Version 2.0, January 2004' notice.txt)" -eq 1 ] || fail "Apache text count"
grep -q 'GNU GENERAL PUBLIC LICENSE' notice.txt || fail "GPL text (an alias of GPL-2.0-only)"
grep -q '^ACME Widget 1.0$' notice.txt || fail "NOTICE.txt reproduced"
grep -q '^Internet Person$' notice.txt || fail "ISC holder"
grep -q 'no reference text for LicenseRef-Vendor' notice.txt || fail "LicenseRef said"
# sections in sorted order
grep -E '^(Apache-2.0|GPL-2.0-or-later|ISC|LicenseRef-Vendor|MIT)$' notice.txt > order
printf 'Apache-2.0\nGPL-2.0-or-later\nISC\nLicenseRef-Vendor\nMIT\n' | cmp -s - order || fail "order: $(cat order)"
# MIT's section lists both files and the holder
awk '/^MIT$/,0' notice.txt > mit
grep -q '^tree/a/LICENSE$' mit && grep -q '^tree/b/m.js$' mit || fail "MIT files"

# html: well-formed, markup in holders and texts escaped
"$PETAL" notice --format html tree > notice.html
python3 - notice.html <<'PY'
import sys
from html.parser import HTMLParser
doc = open(sys.argv[1], encoding="utf-8").read()
assert "<script>" not in doc, "unescaped holder"
assert "Evil &amp; Sons" in doc  # the holder; the detector leaves <...> out of it
assert "Foo &amp; Bar &lt;https://foo.example&gt;" in doc
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.stack = []; self.h2 = []; self.cur = None
    def handle_starttag(self, t, a):
        if t != "meta":  # a void element
            self.stack.append(t)
        self.cur = t
    def handle_endtag(self, t):
        assert self.stack and self.stack[-1] == t, (t, self.stack[-3:])
        self.stack.pop(); self.cur = None
    def handle_data(self, d):
        if self.cur == "h2": self.h2.append(d)
p = P(); p.feed(doc); p.close()
assert p.stack == [], p.stack
assert p.h2 == ["Apache-2.0", "GPL-2.0-or-later", "ISC", "LicenseRef-Vendor", "MIT"], p.h2
PY

# markdown: texts in fences, the holder's markup escaped outside them
"$PETAL" notice --format markdown tree > notice.md
grep -q '^## MIT$' notice.md || fail "md heading"
grep -q '^```text$' notice.md || fail "md fence"
grep -q '^Evil & Sons$' notice.md || fail "md: holder kept verbatim inside its fence"

# deterministic
"$PETAL" notice -j1 --format html tree > h1
"$PETAL" notice -j3 --format html tree > h3
cmp -s h1 h3 || fail "-j1 and -j3 differ"
expect_exit 2 "$PETAL" notice --format pdf tree

# a NOTICE inside an archive is named, not reproduced (the scan keeps no
# contents and archives are not unpacked to disk)
mkdir -p pkg/comp
printf '// SPDX-License-Identifier: Apache-2.0\n' > pkg/comp/c.c
printf 'Packed Widget\n' > pkg/comp/NOTICE
tar -cf comp.tar -C pkg comp
"$PETAL" notice comp.tar > arc.txt
grep -q '^comp.tar!/comp/NOTICE$' arc.txt || fail "archive NOTICE not named: $(cat arc.txt | head -20)"
grep -q '(not reproduced: inside an archive)' arc.txt || fail "archive NOTICE reason"
! grep -q 'Packed Widget' arc.txt || fail "archive NOTICE reproduced from nowhere"
