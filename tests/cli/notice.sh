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
grep -qx '(not reproduced: inside an archive; see "Not analysed")' arc.txt || fail "archive NOTICE reason"
grep -qx 'comp.tar!/comp/NOTICE (skipped: NOTICE file inside an archive: not reproduced)' arc.txt ||
	fail "archive NOTICE not under Not analysed"
! grep -q 'Packed Widget' arc.txt || fail "archive NOTICE reproduced from nowhere"

# Inputs not analysed are listed near the top under "Not analysed", each
# with its reason, in path order, in every format: a file nobody may read
# (as root petal runs as nobody, as in unreadable.sh), a FIFO, a nested
# archive past --max-depth, and a NOTICE that is a symlink -- read as the
# scan reads files, it is not followed, and not dropped either.
chmod 755 "$T"
mkdir -p bad/apache bad/deep
printf '// SPDX-License-Identifier: Apache-2.0\n' > bad/apache/a.c
printf 'Outside Widget\n' > outside-notice
ln -s "$T/outside-notice" bad/apache/NOTICE
printf '// SPDX-License-Identifier: GPL-3.0-only\n' > bad/secret.c
chmod 0 bad/secret.c
mkfifo bad/pipe
printf '// SPDX-License-Identifier: MIT\n' > bad/deep/m.c
(cd bad/deep && tar -cf l0.tar m.c && rm m.c &&
 for i in 1 2 3 4 5 6 7 8 9; do tar -cf l$i.tar l$((i - 1)).tar && rm l$((i - 1)).tar; done)
touch bad.txt bad.md bad.html bad.err
chmod 666 bad.txt bad.md bad.html bad.err
as=
[ "$(id -u)" != 0 ] || as="setpriv --reuid=65534 --regid=65534 --clear-groups"
# shellcheck disable=SC2086
expect_exit 3 $as "$PETAL" notice -o bad.txt bad 2> bad.err
grep -qx 'petal: bad/secret.c: cannot open: Permission denied' bad.err || fail "stderr: $(cat bad.err)"
! grep -q 'Outside Widget' bad.txt || fail "a symlinked NOTICE was followed"
grep -q '4 inputs were not analysed: see "Not analysed"' bad.txt || fail "intro: $(head -5 bad.txt)"
sed -n '/^Not analysed$/,/^Apache-2.0$/p' bad.txt | grep '^bad/' > na.txt || fail "no section: $(cat bad.txt)"
cat > na.want <<'X'
bad/apache/NOTICE (skipped: NOTICE file not reproduced: a symbolic link, not followed)
bad/deep/l9.tar!/l8.tar!/l7.tar!/l6.tar!/l5.tar!/l4.tar!/l3.tar!/l2.tar!/l1.tar!/l0.tar (skipped: nested archive not opened: depth over --max-depth 8)
bad/pipe (skipped: special file (fifo, socket or device), not read)
bad/secret.c (failed: cannot open: Permission denied)
X
cmp -s na.want na.txt || fail "section: $(cat na.txt)"
# the Apache section names its NOTICE and says why it is not there
awk '/^Apache-2.0$/,0' bad.txt | grep -q '^(not reproduced: a symbolic link, not followed; see "Not analysed")$' ||
	fail "NOTICE not named in its section: $(cat bad.txt | head -40)"
# markdown and html carry the same section, before the licenses
# shellcheck disable=SC2086
expect_exit 3 $as "$PETAL" notice -q --format markdown -o bad.md bad
# shellcheck disable=SC2086
expect_exit 3 $as "$PETAL" notice -q --format html -o bad.html bad
grep -n '^## ' bad.md | head -2 | cut -d: -f2- | tr '\n' '|' | grep -qx '## Not analysed|## Apache-2.0|' ||
	fail "md headings: $(grep '^## ' bad.md)"
grep -qx 'bad/secret.c (failed: cannot open: Permission denied)' bad.md || fail "md list"
python3 - bad.html <<'PY'
import re, sys
doc = open(sys.argv[1], encoding="utf-8").read()
h2 = re.findall(r"<h2>(.*?)</h2>", doc)
assert h2[:2] == ["Not analysed", "Apache-2.0"], h2
sec = doc[doc.index("<h2>Not analysed</h2>"):doc.index("<h2>Apache-2.0</h2>")]
for p in ("bad/pipe (skipped:", "bad/secret.c (failed: cannot open: Permission denied)",
          "bad/apache/NOTICE (skipped:"):
    assert p in sec, (p, sec)
PY

# --follow-symlinks: a NOTICE link that stays inside the tree was read by
# the scan through its target, and so is it reproduced; one that leads out
# is not followed and is named with the walk's reason.  A NOTICE whose
# path is not valid UTF-8 is shown escaped and cannot be opened again by
# that name: a failure, named, exit 3 -- not a silent gap.
mkdir -p fl/t/apache fl/t/shared fl/t/odd
printf '// SPDX-License-Identifier: Apache-2.0\n' > fl/t/apache/a.c
printf 'Shared Widget\n' > fl/t/shared/NOTICE.txt
ln -s ../shared/NOTICE.txt fl/t/apache/NOTICE
printf 'Outside Widget\n' > fl/out.txt
ln -s ../../out.txt fl/t/odd/NOTICE
printf '// SPDX-License-Identifier: Apache-2.0\n' > fl/t/odd/o.c
odd=$(printf 'fl/t/b\377d')
mkdir "$odd"
printf '// SPDX-License-Identifier: Apache-2.0\n' > "$odd/x.c"
printf 'Latin Widget\n' > "$odd/NOTICE"
expect_exit 3 "$PETAL" notice --follow-symlinks -o fl.txt fl/t 2> fl.err
grep -qx 'Shared Widget' fl.txt || fail "a followed NOTICE link not reproduced: $(head -30 fl.txt)"
! grep -q 'Outside Widget\|Latin Widget' fl.txt || fail "reproduced what it should not"
grep -qx 'fl/t/odd/NOTICE (skipped: symlink leads out of the scanned tree, not followed)' fl.txt ||
	fail "outside link: $(head -12 fl.txt)"
grep -qxF 'fl/t/b\xffd/NOTICE (failed: NOTICE file not reproduced: cannot open: No such file or directory)' fl.txt ||
	fail "escaped path: $(head -12 fl.txt)"
grep -qxF 'petal: fl/t/b\xffd/NOTICE: NOTICE file not reproduced: cannot open: No such file or directory' fl.err ||
	fail "stderr: $(cat fl.err)"
# without --follow-symlinks the inside link is not followed either
"$PETAL" notice -o nofl.txt fl/t/apache
grep -qx 'fl/t/apache/NOTICE (skipped: NOTICE file not reproduced: a symbolic link, not followed)' nofl.txt ||
	fail "link without --follow-symlinks: $(head -12 nofl.txt)"

# a file over --max-file-size: its license may be past what was read, and
# the notice says so
mkdir -p big
i=0
while [ $i -lt 40 ]; do
	echo '/* padding padding padding padding padding padding padding */' >> big/pad.c
	i=$((i + 1))
done
printf '// SPDX-License-Identifier: GPL-3.0-only\n' >> big/pad.c
"$PETAL" notice --max-file-size 1K big > big.txt
grep -qx 'big/pad.c (truncated: only its first bytes were analysed (over --max-file-size))' big.txt ||
	fail "truncated file: $(head -12 big.txt)"
! grep -q 'GNU GENERAL PUBLIC LICENSE' big.txt || fail "the GPL past the limit was read"
