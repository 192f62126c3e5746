# SPDX-License-Identifier: MIT
# `petal explain`: each license text in a file, its span and coverage, and
# the words that differ from the reference, where they are.
. "$SRC/tests/lib.sh"
cd "$T"
"$PETAL" licenses MIT | sed 's/substantial/large/' > LICENSE
printf '\n' >> LICENSE
"$PETAL" licenses ISC >> LICENSE
"$PETAL" explain LICENSE > out
cat out
grep -q '^  MIT, lines 1-18: coverage 99%, score 98, 1 word extra, 1 missing$' out || fail "MIT summary"
grep -q '^      line 11    - 1 word: substantial$' out || fail "missing word"
grep -q '^      line 11    + 1 word: large$' out || fail "extra word"
grep -q '^  ISC, lines 20-.*: coverage 100%, score 100, 0 words extra, 0 missing$' out || fail "ISC"
printf 'int main(void) { return 0; }\n' > code.c
"$PETAL" explain code.c | grep -q 'no license text found' || fail "code.c"
expect_exit 3 "$PETAL" explain no-such-file
expect_exit 2 "$PETAL" explain
# --min-coverage takes the whole argument as a number, 1..100
expect_exit 2 "$PETAL" explain --min-coverage 9x LICENSE
expect_exit 2 "$PETAL" explain --min-coverage 0 LICENSE
expect_exit 0 "$PETAL" explain --min-coverage 50 LICENSE > /dev/null
