#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""compare.py EXPECTED PETAL_JSONL [STRIP_PREFIX]: agreement of petal's
SPDX tags with the independent extractor, and the every-file-once check.
Prints the agreement, every disagreement, and the record count."""
import json, sys

expected = {}
for line in open(sys.argv[1], encoding="utf-8", errors="surrogateescape"):
    p, e = line.rstrip("\n").split("\t")
    expected[p] = e
strip = sys.argv[3] if len(sys.argv) > 3 else ""
got, seen, dup, failed = {}, set(), 0, 0
for line in open(sys.argv[2], encoding="utf-8"):
    r = json.loads(line)
    p = r["path"]
    if p in seen:
        dup += 1
    seen.add(p)
    if r["status"] == "failed":
        failed += 1
    if strip and p.startswith(strip):
        p = p[len(strip):]
    for f in r["findings"]:
        if f.get("method") == "spdx-tag" and f["start_line"] <= 5:
            got[p] = f["expression"] if f["expression"] else "!invalid"
            break
agree = sum(1 for p, e in expected.items() if got.get(p) == e)
diff = [(p, e, got.get(p)) for p, e in sorted(expected.items()) if got.get(p) != e]
extra = sorted(p for p in got if p not in expected)
print("records: %d (duplicates: %d, failed: %d)" % (len(seen), dup, failed))
print("SPDX agreement: %d/%d files = %.3f%%" % (agree, len(expected), 100.0 * agree / max(1, len(expected))))
for p, e, g in diff:
    print("  DIFF %s: expected %s, petal %s" % (p, e, g))
print("tags petal found in the first 5 lines that the extractor did not: %d" % len(extra))
for p in extra[:50]:
    print("  EXTRA %s: %s" % (p, got[p]))
sys.exit(1 if dup else 0)
