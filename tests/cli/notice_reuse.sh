# SPDX-License-Identifier: MIT
# petal notice: a LicenseRef- has no reference text in petal, but a REUSE
# tree keeps it in LICENSES/LicenseRef-x.txt (as petal sbom reads it): the
# notice reproduces that text once, in every format, found from the files
# that carry it up to the scan root and never above it.
. "$SRC/tests/lib.sh"
cd "$T"
mkdir -p proj/LICENSES proj/src/deep proj/lib
printf 'Acme Internal License 1.0\n\nUse only inside Acme & partners; <never> redistribute.\n' \
	> proj/LICENSES/LicenseRef-acme.txt
printf '// SPDX-License-Identifier: LicenseRef-acme\n// Copyright (c) 2024 Acme Corp\n' > proj/src/deep/a.c
printf '// SPDX-License-Identifier: LicenseRef-acme\n' > proj/lib/b.c
printf '// SPDX-License-Identifier: LicenseRef-nowhere\n' > proj/lib/c.c
"$PETAL" notice -q -o n.txt proj || fail "notice exited $?"
[ "$(grep -c '^Use only inside Acme & partners; <never> redistribute.$' n.txt)" = 1 ] ||
	fail "the REUSE text is not there once: $(cat n.txt)"
grep -q '^The text of LicenseRef-acme, from proj/LICENSES/LicenseRef-acme.txt:$' n.txt ||
	fail "where the text comes from: $(cat n.txt)"
grep -q '^petal has no reference text for LicenseRef-nowhere' n.txt || fail "LicenseRef-nowhere: $(cat n.txt)"
# the same from inside the tree, and in markdown and HTML (escaped)
(cd proj && "$PETAL" notice -q -f markdown -o ../n.md .) || fail "notice -f markdown exited $?"
grep -q '^Use only inside Acme & partners; <never> redistribute.$' n.md || fail "markdown: $(cat n.md)"
"$PETAL" notice -q -f html -o n.html proj || fail "notice -f html exited $?"
grep -q 'Use only inside Acme &amp; partners; &lt;never&gt; redistribute.' n.html || fail "html: $(cat n.html)"
# a scan root below LICENSES/ does not read above itself
"$PETAL" notice -q -o sub.txt proj/src || fail "notice exited $?"
grep -q 'Use only inside' sub.txt && fail "read a LICENSES/ file above the scan root"
grep -q '^petal has no reference text for LicenseRef-acme' sub.txt || fail "sub.txt: $(cat sub.txt)"
# deterministic: the same bytes for any -j
"$PETAL" notice -q -j1 -o j1.txt proj && "$PETAL" notice -q -j2 -o j2.txt proj
cmp j1.txt j2.txt || fail "-j1 and -j2 differ"
