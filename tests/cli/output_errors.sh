# SPDX-License-Identifier: MIT
# Write errors on the output: a full disk (/dev/full), a file over
# RLIMIT_FSIZE.  Exit 3 and "petal: OUTPUT: cannot write ...: reason" on
# stderr; a cut report never stays behind in a regular file; a device
# given with -o is never removed.
. "$SRC/tests/lib.sh"
cd "$T"
mkdir d
printf '# SPDX-License-Identifier: MIT\n' > d/a.py
i=0
while [ $i -lt 200 ]; do
	printf '/* SPDX-License-Identifier: BSD-2-Clause */\nint f%d;\n' $i > d/f$i.c
	i=$((i + 1))
done

# the whole report fits in the stdio buffer (written at the end), and a
# report far larger than it (written while the scan runs)
for fmt in json jsonl text; do
	expect_exit 3 "$PETAL" scan -q -f $fmt d/a.py > /dev/full 2> err
	grep -qx 'petal: stdout: cannot write the report: No space left on device' err ||
		fail "$fmt, small: $(cat err)"
	expect_exit 3 "$PETAL" scan -q -j 2 -f $fmt d > /dev/full 2> err
	grep -qx 'petal: stdout: cannot write the report: No space left on device' err ||
		fail "$fmt, large: $(cat err)"
done
expect_exit 3 "$PETAL" scan -q -f jsonl -o /dev/full d 2> err
grep -qx 'petal: /dev/full: cannot write the report: No space left on device' err ||
	fail "-o /dev/full: $(cat err)"
[ -c /dev/full ] || fail "/dev/full was removed"

# a regular file that cannot grow: the partial report is removed
expect_exit 0 "$PETAL" scan -q -f jsonl -o whole.jsonl d
[ "$(wc -c < whole.jsonl)" -gt 4096 ] || fail "the report should be larger than the limit"
(
	trap '' XFSZ
	ulimit -f 4 # 512-byte blocks: 2 KiB
	expect_exit 3 "$PETAL" scan -q -f jsonl -o cut.jsonl d 2> err
)
grep -q '^petal: cut.jsonl: cannot write the report: File too large (the partial report was removed)$' err ||
	fail "fsize: $(cat err)"
[ ! -e cut.jsonl ] || fail "a cut report was left behind"

# every command checks what it wrote to stdout
for cmd in "licenses" "licenses MIT" "licenses --json" "version" "explain d/a.py" "scan --help"; do
	# shellcheck disable=SC2086
	expect_exit 3 "$PETAL" $cmd > /dev/full 2> err
	grep -qx 'petal: stdout: cannot write: No space left on device' err || fail "$cmd: $(cat err)"
done
