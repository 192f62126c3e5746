# SPDX-License-Identifier: MIT
# Exit codes: 0 done, 2 usage, 3 an input failed -- and the failure is in
# the output and named on stderr as "petal: PATH: reason".
. "$SRC/tests/lib.sh"
cd "$T"
mkdir d
printf '# SPDX-License-Identifier: MIT\n' > d/ok.py
expect_exit 0 "$PETAL" scan -q --format jsonl d > ok.jsonl
expect_exit 2 "$PETAL" scan --no-such-option d
expect_exit 2 "$PETAL" scan --format yaml d
expect_exit 2 "$PETAL" scan -j 0 d
expect_exit 2 "$PETAL" frobnicate
expect_exit 0 "$PETAL" version
expect_exit 3 "$PETAL" scan --format jsonl d missing 2> err > out.jsonl
grep -q '^petal: missing: No such file or directory' err || fail "stderr: $(cat err)"
pyjsonl out.jsonl '
assert paths == ["d/ok.py", "missing"], paths
assert by["missing"]["status"] == "failed" and "No such file" in by["missing"]["error"]
'
# a corrupt archive fails, and says so
printf '\037\213\010\000garbage-garbage' > bad.tar.gz
expect_exit 3 "$PETAL" scan --format jsonl bad.tar.gz > bad.jsonl 2>/dev/null
pyjsonl bad.jsonl '
r = by["bad.tar.gz"]
assert r["type"] == "archive" and r["status"] == "failed" and r["error"], r
'
