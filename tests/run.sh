#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/run.sh BUILD TEST_BIN... -- run the unit tests, then the CLI tests.
#
# A unit test is a cmocka binary; a fuzz replay driver runs its harness
# over fuzz/seeds/NAME.  A CLI test is tests/cli/NAME.sh, run
# with PETAL (the binary under test), T (a fresh temp dir, removed after)
# and SRC (the repository root); it exits non-zero on failure and says why.
# Sanitizer options make any report fatal.  The last line is the tally.
build=$1
shift
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:suppressions=$(pwd)/tests/tsan.supp}"
SRC=$(pwd)
PETAL=$SRC/$build/petal
export SRC PETAL
pass=0
fail=0
log=$(mktemp)

run() {
	name=$1
	shift
	if "$@" >"$log" 2>&1; then
		pass=$((pass + 1))
		echo "ok    $name"
	else
		fail=$((fail + 1))
		echo "FAIL  $name"
		sed 's/^/      /' "$log" | tail -n 40
	fi
}

for t in "$@"; do
	run "$t" "$t"
done
for r in "$build"/fuzz/*_replay; do
	[ -x "$r" ] || continue
	name=$(basename "$r" _replay)
	run "$r fuzz/seeds/$name" "$r" "fuzz/seeds/$name"
done
for c in tests/cli/*.sh; do
	T=$(mktemp -d)
	export T
	run "$c" sh -e "$c"
	chmod -R u+rwx "$T" 2>/dev/null
	rm -rf "$T"
done
rm -f "$log"
echo "$build: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
