#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""debian_compare.py SRC SCAN_JSONL SPDX_LIST_DIR REPORT SECONDS PKGDIR...

Compares petal's per-file findings (SCAN_JSONL, paths PKGDIR/...) with the
DEP-5 stanza of each package's debian/copyright (tests/bench/dep5.py) and
prints the agreement; REPORT gets every file that does not agree.

Each file of a package, debian/ and .pc/ (quilt's copies) left out, is:
  not judged  binary, archive (and its members), symlink, failed; or no
              stanza covers it; or the stanza's licenses have no SPDX id
              (public-domain, permissive, ...: named in the output)
  exact       petal's license ids are the stanza's ids
  compatible  petal's ids are the stanza's up to -only/-or-later (a GPL
              text alone says neither), or a part of them (one side of
              an `or`, one part of an `and`)
  disagree    petal names a license the stanza does not
  coarse      the same, but the bench itself confirms the file carries
              that license (its own reading of an SPDX-License-Identifier
              line, of a GPL/LGPL/Apache/MPL/Perl notice (NOTICES), or 80%
              of the SPDX reference text's word pairs in the file):
              debian/copyright is coarser than the file
              or the file's license statement says "public domain" where
              the stanza does not
  nothing     petal found no license in a file that makes a license
              statement (STATEMENT below: an SPDX tag, "licensed under",
              "is free software", "Permission is hereby granted", "same
              terms as Perl", "see LICENSE", a manifest's license field...)
  silent      petal found nothing and the file makes no such statement:
              nothing to find, the stanza's claim cannot be checked on it
agreement = (exact + compatible) / (exact + compatible + disagree + nothing):
over the files whose stanza names an SPDX license and whose text makes a
license statement (or in which petal found one).
"""
import collections, json, os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dep5  # noqa: E402

# A statement about the license of the file it is in (or of its package,
# for a manifest): the bench's own, deliberately plain, regexes.
STATEMENT = re.compile(
    r"spdx-license-identifier|licen[cs]ed under|under the terms of|is free software|"
    r"permission is hereby granted|redistribution and use in source|permission to use, copy|"
    r"public domain|same terms as perl|you may not use this file except|mozilla public licen|"
    r"license, v\. ?2|(distributed|released|available|provided|covered|licen[cs]ed|published) under|"
    r"under (the|an?) [\w.\- ]{0,40}licen[cs]e|(see|refer to) (the )?(file )?(license|licence|copying)|"
    r"for (the )?licen[cs]e (information|details|terms)|"
    r"^\W*\"?licen[cs]es?\"?\s*[:=]|:licen[cs]e:|gnu (lesser |library )?general public|"
    r"\b(mit|bsd|isc|apache|zlib|curl|gpl|lgpl|mpl)[\w.\- ]{0,12} licen[cs]e", re.I | re.M)
PUBLIC_DOMAIN = re.compile(r"public domain", re.I)
# Notices the bench reads itself, to confirm that a file names a license
# its stanza does not (license families: versions, not -only/-or-later).
NOTICES = [
    (re.compile(r"GNU (?:Lesser|Library) General Public License[^.]{0,80}?version (\d(?:\.\d)?)", re.I | re.S),
     lambda m: "LGPL-%s" % (m.group(1) if "." in m.group(1) else m.group(1) + (".1" if m.group(1) == "2" else ".0"))),
    (re.compile(r"GNU (?:Affero )?General Public License[^.]{0,80}?version (\d)", re.I | re.S),
     lambda m: ("AGPL-%s.0" if "affero" in m.group(0).lower() else "GPL-%s.0") % m.group(1)),
    (re.compile(r"Apache License,?\s+Version\s+2\.0", re.I), lambda m: "Apache-2.0"),
    (re.compile(r"Mozilla Public[\s#*/]+License,?\s+v(?:ersion)?\.?\s*2\.0", re.I), lambda m: "MPL-2.0"),
    (re.compile(r"same terms as Perl", re.I), lambda m: "Artistic-1.0"),
    # "dual licensed under the terms of the Apache License, Version 2.0, and the BSD License"
    (re.compile(r"dual licensed under the terms of the Apache License,?[\s#*/]+Version[\s#*/]+2\.0,?"
                r"[\s#*/]+and the BSD License", re.I), lambda m: "BSD-3-Clause"),
]
TAG = re.compile(r"SPDX-License-Identifier:\s*([^\n]*)", re.I)
EQUIV = {"Artistic-1.0-Perl": "Artistic-1.0", "Artistic-1.0-cl8": "Artistic-1.0"}
CATS = ("exact", "compatible", "disagree", "coarse", "nothing", "silent")


def fam(i):
    i = EQUIV.get(i, i)
    return re.sub(r"(-only|-or-later|\+)$", "", i)


def expr_ids(e):
    """License ids of an SPDX expression (exceptions left out)."""
    toks = re.findall(r"[A-Za-z0-9.\-+:]+", e or "")
    out, skip = set(), False
    for t in toks:
        if skip:
            skip = False
        elif t.upper() == "WITH":
            skip = True
        elif t.upper() not in ("AND", "OR"):
            out.add(t)
    return out


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read(4 << 20).decode("utf-8", "replace")
    except OSError:
        return ""


def first_license_line(text):
    """The first line of a license statement, with the line after it."""
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if STATEMENT.search(line):
            s = " ".join((line + " " + (lines[n + 1] if n + 1 < len(lines) else "")).split())
            return "line %d: %s" % (n + 1, s[:170])
    return ""


def shape(line):
    """What a statement looks like, for grouping: its first words from the match on."""
    m = STATEMENT.search(line.split(": ", 1)[-1])
    if not m:
        return ""
    rest = line.split(": ", 1)[-1][m.start():]
    return " ".join(re.findall(r"[a-z0-9]+", rest.lower())[:7])


class Bench:
    def __init__(self, src, spdx_dir):
        self.src = src
        self.lic = dep5.Licenses(spdx_dir)
        self.rows = []          # (pkg, rel, category, stanza display, petal display, detail)
        self.unjudged = collections.Counter()
        self.unmapped = collections.Counter()
        self.stale = []
        self.pkgs = collections.OrderedDict()
        self.bad_copyright = []

    def confirm(self, path, ids):
        """Which of ids the bench itself sees in the file (tag or full text)."""
        text = read(path)
        tags = set()
        for m in TAG.finditer(text):
            tags |= {fam(x) for x in expr_ids(m.group(1))}
        for rx, family in NOTICES:
            for m in rx.finditer(text[:200000]):
                tags.add(family(m))
        # comment leaders that are words would break the word pairs
        bg = dep5.bigrams([w for w in dep5.words(text) if w not in ("dnl", "rem")])
        return {i for i in ids if fam(i) in {fam(t) for t in tags}
                or self.lic.contains(bg, i, 0.8)}

    def package(self, pkgdir, records):
        name = open(os.path.join(self.src, pkgdir, "debian/changelog"), encoding="utf-8").readline().split()[0]
        counts = self.pkgs.setdefault(name, collections.Counter())
        try:
            cr = dep5.parse(open(os.path.join(self.src, pkgdir, "debian/copyright"), encoding="utf-8").read())
        except (ValueError, UnicodeDecodeError) as e:
            self.bad_copyright.append((name, str(e)))
            return
        on_disk = self.walk(pkgdir, cr)
        seen = set()
        for r in records:
            rel = r["path"][len(pkgdir) + 1:]
            if "!/" in rel:
                self.unjudged["archive member"] += 1
                continue
            seen.add(rel)
            if rel.startswith("debian/") or rel.startswith(".pc/"):
                continue
            self.judge(name, pkgdir, rel, r, cr, counts)
        missing = sorted(set(on_disk) - seen)
        counts["missing from petal's output"] = len(missing)
        for rel in missing[:5]:
            self.rows.append((name, rel, "missing", "", "", "on disk, not in petal's output"))
        for s in cr.stanzas:
            for p, h in zip(s.patterns, s.hits):
                if h == 0:
                    self.stale.append((name, s.line, p))

    def walk(self, pkgdir, cr):
        """Every file under the package (for stale patterns and the every-file-once check)."""
        top = os.path.join(self.src, pkgdir)
        out = []
        for root, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if not (root == top and d == ".pc"))
            for f in files:
                rel = os.path.relpath(os.path.join(root, f), top)
                cr.stanza(rel)
                out.append(rel)
        return out

    def judge(self, name, pkgdir, rel, r, cr, counts):
        if r["status"] != "scanned" or r["type"] != "text":
            self.unjudged[r["type"] if r["status"] == "scanned" else r["status"]] += 1
            counts["not judged"] += 1
            return
        st = cr.stanza(rel)
        if st is None:
            self.unjudged["no stanza covers it"] += 1
            counts["not judged"] += 1
            self.rows.append((name, rel, "uncovered", "", r.get("expression") or "", ""))
            return
        tree = self.lic.expr(st.license, cr)
        S = {leaf[1] for leaf in dep5.leaves(tree) if leaf[1]}
        if not S:
            self.unmapped[st.license] += 1
            self.unjudged["stanza without SPDX id"] += 1
            counts["not judged"] += 1
            return
        P = set()
        for f in r["findings"]:
            if f.get("kind", "license") == "license" and f.get("expression"):
                P |= expr_ids(f["expression"])
        sd = dep5.show(tree)
        path = os.path.join(self.src, pkgdir, rel)
        cat, detail = self.category(S, P, path, r)
        counts[cat] += 1
        if cat != "exact":
            self.rows.append((name, rel, cat, sd, r.get("expression") or "", detail))

    def category(self, S, P, path, r):
        if not P:
            line = first_license_line(read(path))
            partial = [f["rule"] for f in r["findings"] if not f.get("expression") and f.get("rule")]
            if partial:
                line = "partial match %s; %s" % (",".join(partial), line)
            if not line:
                return "silent", ""
            if PUBLIC_DOMAIN.search(line) and "public-domain" not in S:
                return "coarse", "public-domain: " + line
            return "nothing", line
        if P == S:
            return "exact", ""
        fs = {fam(i) for i in S}
        extra = sorted(i for i in P if fam(i) not in fs)
        if not extra:
            return "compatible", ""
        ev = [(f.get("method"), f.get("start_line"), f.get("end_line"), (f.get("text") or "")[:120])
              for f in r["findings"] if f.get("expression") and expr_ids(f["expression"]) & set(extra)]
        detail = "; ".join("%s lines %s-%s %s" % (m, a, b, " ".join(t.split())) for m, a, b, t in ev[:2])
        if self.confirm(path, extra) == set(extra):
            return "coarse", detail
        return "disagree", detail + " | file: " + first_license_line(read(path))


def pct(a, b):
    return "%5.1f%%" % (100.0 * a / b) if b else "    -"


def agreed(c):
    good = c["exact"] + c["compatible"]
    return good, good + c["disagree"] + c["nothing"]


def kinds(rows):
    k = collections.OrderedDict()
    for row in rows:
        pkg, rel, cat, sd, pe, detail = row
        if cat == "disagree":
            key = "disagree: stanza %s, petal %s" % (sd, pe)
        elif cat == "coarse":
            key = "coarse: stanza %s, file %s" % (sd, pe or detail.split(":")[0])
        elif cat == "nothing":
            key = "nothing: stanza %s, file says '%s...'" % (sd, shape(detail))
        else:
            continue
        k.setdefault(key, []).append(row)
    return sorted(k.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def main():
    src, scan, spdx_dir, report, seconds = sys.argv[1:6]
    pkgdirs = sys.argv[6:]
    by_pkg = collections.defaultdict(list)
    nrec = 0
    for line in open(scan, encoding="utf-8"):
        r = json.loads(line)
        nrec += 1
        by_pkg[r["path"].split("/", 1)[0]].append(r)
    b = Bench(src, spdx_dir)
    for d in pkgdirs:
        b.package(d, by_pkg.get(d, []))
    out = []
    say = out.append
    say("%-22s %6s %6s %6s %6s %6s %6s %6s %6s %8s" % (
        "package", "judged", "exact", "compat", "disagr", "coarse", "nothin", "silent", "unjudg", "agreement"))
    tot = collections.Counter()
    for name, c in b.pkgs.items():
        tot.update(c)
        judged = sum(c[k] for k in CATS)
        g, d = agreed(c)
        say("%-22s %6d %6d %6d %6d %6d %6d %6d %6d %8s" % (
            name, judged, c["exact"], c["compatible"], c["disagree"], c["coarse"], c["nothing"],
            c["silent"], c["not judged"], pct(g, d)))
    judged = sum(tot[k] for k in CATS)
    g, d = agreed(tot)
    say("%-22s %6d %6d %6d %6d %6d %6d %6d %6d %8s" % (
        "ALL (%d packages)" % len(b.pkgs), judged, tot["exact"], tot["compatible"], tot["disagree"],
        tot["coarse"], tot["nothing"], tot["silent"], tot["not judged"], pct(g, d)))
    say("")
    say("per-file agreement: %d/%d = %s  (target >= 90%%)" % (g, d, pct(g, d).strip()))
    say("  = (exact + compatible) / (exact + compatible + disagree + nothing): text files whose")
    say("    stanza names an SPDX license and that make a license statement (SPDX tag, 'licensed")
    say("    under', 'is free software', 'Permission is hereby granted', 'see LICENSE', ...);")
    say("    'silent' files (no statement, petal found nothing) and 'coarse' ones (the file itself")
    say("    says another license: debian/copyright is coarser than the file) are left out")
    say("exact only: %s; over every judged file, silent ones counted as misses: %s" % (
        pct(tot["exact"], d).strip(), pct(g, judged).strip()))
    say("not judged: " + ", ".join("%s %d" % kv for kv in b.unjudged.most_common()))
    if b.unmapped:
        say("stanza licenses without an SPDX id (files not judged): " +
            ", ".join("%s %d" % kv for kv in b.unmapped.most_common()))
    miss = tot["missing from petal's output"]
    say("files on disk missing from petal's output: %d" % miss)
    secs = float(seconds)
    say("speed: petal scanned %d records in %.2f s (-j2) = %.0f files/s" % (nrec, secs, nrec / secs))
    say("")
    say("== disagreements by license (stanza -> petal) ==")
    pairs = collections.Counter((row[3], row[4]) for row in b.rows if row[2] == "disagree")
    for (sd, pe), n in pairs.most_common():
        say("  %5d  %s -> %s" % (n, sd, pe))
    if not pairs:
        say("  (none)")
    say("== petal found nothing in a file with a license statement, by stanza license ==")
    nothing = collections.Counter(row[3] for row in b.rows if row[2] == "nothing")
    for sd, n in nothing.most_common():
        say("  %5d  %s" % (n, sd))
    say("")
    say("== debian/copyright itself ==")
    coarse = [row for row in b.rows if row[2] == "coarse"]
    say("files where the file's own tag or full text names a license its stanza does not "
        "(stanza coarser than the file): %d" % len(coarse))
    for key, rows in [kv for kv in kinds(coarse)][:12]:
        say("  %4d  %s   e.g. %s/%s" % (len(rows), key[len("coarse: "):], rows[0][0], rows[0][1]))
    per = collections.Counter(name for name, line, p in b.stale)
    say("Files: patterns that match no file (stale or wrong): %d (%s)" % (
        len(b.stale), ", ".join("%s %d" % kv for kv in per.most_common())))
    for name, line, p in b.stale[:10]:
        say("  %s debian/copyright:%d: %s" % (name, line, p))
    unc = [row for row in b.rows if row[2] == "uncovered"]
    say("files no stanza covers (no `Files: *`): %d%s" % (len(unc), "".join(
        "\n  %s/%s" % (row[0], row[1]) for row in unc[:5])))
    for name, err in b.bad_copyright:
        say("  %s: debian/copyright not readable as DEP-5: %s" % (name, err))
    say("")
    say("== the 20 most common kinds of petal's disagreements and misses (all in %s) ==" % report)
    ks = kinds(b.rows)
    for key, rows in [kv for kv in ks if not kv[0].startswith("coarse")][:20]:
        say("%5d  %s" % (len(rows), key))
        for pkg, rel, cat, sd, pe, detail in rows[:2]:
            say("         %s/%s: %s" % (pkg, rel, detail[:200]))
    print("\n".join(out))
    with open(report, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n\n== every file that does not agree, by kind ==\n")
        for key, rows in ks:
            f.write("\n%d  %s\n" % (len(rows), key))
            for pkg, rel, cat, sd, pe, detail in rows:
                f.write("  %s/%s: %s\n" % (pkg, rel, detail))
        f.write("\n== Files: patterns that match no file ==\n")
        for name, line, p in b.stale:
            f.write("  %s debian/copyright:%d: %s\n" % (name, line, p))
        f.write("\n== compatible (petal less specific or a part of the stanza) ==\n")
        for pkg, rel, cat, sd, pe, detail in b.rows:
            if cat == "compatible":
                f.write("  %s/%s: stanza %s, petal %s\n" % (pkg, rel, sd, pe))
        f.write("\n== silent files on which the stanza's claim cannot be checked ==\n")
        for pkg, rel, cat, sd, pe, detail in b.rows:
            if cat == "silent":
                f.write("  %s/%s (stanza %s)\n" % (pkg, rel, sd))
    return 0


sys.exit(main())
