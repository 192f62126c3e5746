# SPDX-License-Identifier: MIT
# tests/lib.sh -- helpers for the CLI tests (sourced; see tests/run.sh).

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# expect_exit CODE CMD... : runs CMD, fails unless it exits with CODE.
expect_exit() {
	want=$1
	shift
	set +e
	"$@"
	got=$?
	set -e
	[ "$got" -eq "$want" ] || fail "exit $got, want $want: $*"
}

# jq-like checks without jq: run a Python expression over a JSON Lines file.
# pyjsonl FILE 'python statements using recs (list of dicts) and by (path -> rec)'
pyjsonl() {
	python3 - "$1" "$2" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
by = {r["path"]: r for r in recs}
paths = [r["path"] for r in recs]
assert len(paths) == len(set(paths)), "a path appears twice"
exec(sys.argv[2])
PY
}
