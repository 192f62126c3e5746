#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Machine-readable debian/copyright (DEP-5) for the Debian bench.

Written apart from petal's C code on purpose, as an independent reading
of what Debian says about each file:

  parse(text)          -> Copyright: header, Files: stanzas, License: paragraphs
  Copyright.stanza(p)  -> the stanza covering path p (the last one whose
                          pattern matches wins; `*` matches `/` too, `?` one
                          character, `\\*` `\\?` `\\\\` themselves; patterns
                          are rooted at the source tree)
  Licenses(...)        -> Debian short names to SPDX ids
  Licenses.expr(s)     -> ("OR"|"AND", [..]) or ("ID", spdx or None, name, exc)

A License: line is a DEP-5 expression: names joined by `or` / `and`
(`and` binds tighter), a comma groups what is before it (`A or B, and C`
is `(A or B) and C`), `NAME with X exception` adds an exception.
"""
import json, os, re

WORD = re.compile(r"[a-z0-9]+")

# Debian short names (DEP-5 section "License specification" and common
# practice) to SPDX ids.  A trailing `+` means "or any later version".
# Names not here are looked up by their license text (Licenses.by_text).
SHORT = {
    "apache-1.0": "Apache-1.0", "apache-1.1": "Apache-1.1", "apache-2.0": "Apache-2.0",
    "artistic": "Artistic-1.0-Perl", "artistic-1.0": "Artistic-1.0", "artistic-2.0": "Artistic-2.0",
    "bsd-1-clause": "BSD-1-Clause", "bsd-2-clause": "BSD-2-Clause", "bsd-3-clause": "BSD-3-Clause",
    "bsd-4-clause": "BSD-4-Clause", "bsd-4-clause-uc": "BSD-4-Clause-UC",
    "bsd-3-clause-ucb": "BSD-3-Clause", "bsd-1-clause-ucb": "BSD-1-Clause",
    "bsd-4-clause-ucb": "BSD-4-Clause-UC", "isc": "ISC", "expat": "MIT", "mit": "MIT",
    "x11": "X11", "zlib": "Zlib", "zlib/libpng": "Zlib", "curl": "curl", "libpng": "Libpng",
    "libpng-2.0": "libpng-2.0", "cc0": "CC0-1.0", "cc0-1.0": "CC0-1.0",
    "cc-by-3.0": "CC-BY-3.0", "cc-by-4.0": "CC-BY-4.0", "cc-by-sa-3.0": "CC-BY-SA-3.0",
    "cc-by-sa-4.0": "CC-BY-SA-4.0", "unlicense": "Unlicense", "wtfpl": "WTFPL",
    "mpl-1.1": "MPL-1.1", "mpl-2.0": "MPL-2.0", "epl-1.0": "EPL-1.0", "epl-2.0": "EPL-2.0",
    "openldap-2.8": "OLDAP-2.8", "oldap-2.8": "OLDAP-2.8", "python": "Python-2.0",
    "python-2.0": "Python-2.0", "psf-2": "PSF-2.0", "openssl": "OpenSSL",
    "openssl+sslay": "OpenSSL", "openssl+ssleay": "OpenSSL", "ssleay": "OpenSSL",
    "fsfap": "FSFAP", "fsful": "FSFUL", "fsfullr": "FSFULLR", "boost-1.0": "BSL-1.0",
    "bsl-1.0": "BSL-1.0", "unicode": "Unicode-DFS-2016", "w3c": "W3C", "zope-2.1": "ZPL-2.1",
    # pcre2's name for the BSD-3-Clause text naming the University of Cambridge
    "bsd-3-clause-cambridge": "BSD-3-Clause",
    "ofl-1.1": "OFL-1.1", "sil-ofl-1.1": "OFL-1.1", "0bsd": "0BSD", "bzip2-1.0.6": "bzip2-1.0.6",
}
# GNU licenses: GPL-2 -> GPL-2.0-only, GPL-2+ -> GPL-2.0-or-later, GPL3+ too.
GNU = re.compile(r"^(a?gpl|lgpl|gfdl)-?(\d)(?:\.(\d))?(\+?)$")
GNU_DEFAULT_MINOR = {("lgpl", "2"): "0"}
# Names with no SPDX id (said in the output as "unmapped").
NOT_SPDX = re.compile(r"^(public-domain|pd|pd-.*|probably-pd|none|other|noderivs|unknown)$")
# Short names that DEP-5 leaves without a version; the paragraph's text says which.
TEXT_HINTS = [("apache", re.compile(r"apache license,? version 2\.0"), "Apache-2.0")]


def words(s):
    return WORD.findall(s.lower())


def bigrams(ws):
    return set(zip(ws, ws[1:]))


def glob_re(pat):
    """A DEP-5 Files: pattern as a regex over the whole path."""
    out, i = [], 0
    while i < len(pat):
        c = pat[i]
        if c == "\\" and i + 1 < len(pat) and pat[i + 1] in "*?\\":
            out.append(re.escape(pat[i + 1]))
            i += 2
            continue
        out.append(".*" if c == "*" else "." if c == "?" else re.escape(c))
        i += 1
    return re.compile("".join(out) + r"\Z", re.S)


class Stanza:
    def __init__(self, patterns, license, text, line):
        self.patterns = patterns          # as written
        self.regexes = [glob_re(p[2:] if p.startswith("./") else p) for p in patterns]
        self.license = license            # the License: line (first line)
        self.text = text                  # the rest of the License: field
        self.line = line                  # line number in debian/copyright
        self.hits = [0] * len(patterns)   # files each pattern matched

    def matches(self, path):
        hit = False
        for i, r in enumerate(self.regexes):
            if r.match(path):
                self.hits[i] += 1
                hit = True
        return hit


class Copyright:
    def __init__(self, header, stanzas, texts):
        self.header, self.stanzas, self.texts = header, stanzas, texts

    def stanza(self, path):
        found = None
        for s in self.stanzas:
            if s.matches(path):
                found = s
        return found


def paragraphs(text):
    """[(first line number, {field lowercased: value})], continuation lines joined by \\n."""
    paras, cur, start, last = [], {}, 0, None
    for n, line in enumerate(text.split("\n"), 1):
        if line.startswith("#"):
            continue
        if not line.strip():
            if cur:
                paras.append((start, cur))
            cur, last = {}, None
            continue
        if line[0] in " \t" and last:
            cur[last] += "\n" + line.strip()
            continue
        m = re.match(r"([^\s:]+):\s*(.*)$", line)
        if not m:
            raise ValueError("line %d: neither a field nor a continuation" % n)
        if not cur:
            start = n
        last = m.group(1).lower()
        cur[last] = m.group(2).strip()
    if cur:
        paras.append((start, cur))
    return paras


def parse(text):
    paras = paragraphs(text)
    if not paras or "format" not in paras[0][1]:
        raise ValueError("no Format: field: not machine-readable")
    stanzas, texts = [], {}
    for line, p in paras[1:]:
        lic = p.get("license", "")
        first, _, rest = lic.partition("\n")
        if "files" in p:
            stanzas.append(Stanza(p["files"].split(), first.strip(), rest, line))
            if rest.strip():
                texts.setdefault(first.strip().lower(), rest)
        elif first.strip() and rest.strip():
            texts[first.strip().lower()] = rest
    return Copyright(paras[0][1], stanzas, texts)


class Licenses:
    """Short names to SPDX ids: the table above, GNU names, then the
    paragraph's text against every SPDX reference text."""

    def __init__(self, list_dir):
        self.ids = {}
        self.refs = {}
        d = os.path.join(list_dir, "licenses")
        for f in sorted(os.listdir(d)):
            j = json.load(open(os.path.join(d, f), encoding="utf-8"))
            i = f[:-5]
            self.ids[i.lower()] = i
            self.refs[i] = bigrams(words(j.get("licenseText", "")))

    def contains(self, text_bigrams, spdx, need):
        ref = self.refs.get(spdx)
        if not ref:
            return False
        return len(ref & text_bigrams) >= need * len(ref)

    def by_text(self, text):
        """The SPDX license whose reference text is the given text: 90% of
        the reference's word pairs are in it and 90% of its pairs in the
        reference (so a short license inside a longer text is no answer)."""
        bg = bigrams(words(text))
        if len(bg) < 20:
            return None
        best, score = None, 0.0
        for i, ref in self.refs.items():
            common = len(ref & bg)
            s = min(common / max(1, len(ref)), common / len(bg))
            if s >= 0.9 and s > score:
                best, score = i, s
        return best

    def name(self, short, cr):
        """(spdx id or None, how): how is 'table', 'text' or 'unmapped'."""
        s = short.strip().lower()
        m = GNU.match(s)
        if m:
            fam, major, minor, plus = m.groups()
            minor = minor or GNU_DEFAULT_MINOR.get((fam, major), "0")
            base = "%s-%s.%s" % (fam.upper(), major, minor)
            i = self.ids.get((base + ("-or-later" if plus else "-only")).lower())
            if i:
                return i, "table"
        if s in SHORT:
            return SHORT[s], "table"
        text = cr.texts.get(s, "")
        for name, rx, spdx in TEXT_HINTS:
            if s == name and rx.search(" ".join(text.lower().split())):
                return spdx, "text"
        if NOT_SPDX.match(s):
            return None, "unmapped"
        if s in self.ids:
            return self.ids[s], "table"
        found = self.by_text(text) if text else None
        return (found, "text") if found else (None, "unmapped")

    def expr(self, s, cr):
        """A DEP-5 License: line as a tree; ('ID', spdx|None, name, exception|None) leaves."""
        groups = [g.strip() for g in s.split(",") if g.strip()]
        op_between, parts = None, []
        for g in groups:
            m = re.match(r"(and|or)\s+(.*)$", g, re.I)
            if m and parts:
                op_between = m.group(1).upper()
                g = m.group(2)
            parts.append(self._or(g, cr))
        if len(parts) == 1:
            return parts[0]
        return (op_between or "AND", parts)

    def _or(self, s, cr):
        alts = [self._and(a, cr) for a in re.split(r"\s+or\s+", s, flags=re.I)]
        return alts[0] if len(alts) == 1 else ("OR", alts)

    def _and(self, s, cr):
        alls = [self._leaf(a, cr) for a in re.split(r"\s+and\s+", s, flags=re.I)]
        return alls[0] if len(alls) == 1 else ("AND", alls)

    def _leaf(self, s, cr):
        m = re.match(r"(\S+)\s+with\s+(.*?)\s+exception$", s.strip(), re.I)
        name, exc = (m.group(1), m.group(2)) if m else (s.strip(), None)
        spdx, how = self.name(name, cr)
        return ("ID", spdx, name, exc, how)


def leaves(tree):
    if tree[0] == "ID":
        return [tree]
    return [x for k in tree[1] for x in leaves(k)]


def show(tree):
    if tree[0] == "ID":
        s = tree[1] or "?" + tree[2]
        return s + (" WITH %s" % tree[3] if tree[3] else "")
    return "(" + (" %s " % tree[0]).join(show(k) for k in tree[1]) + ")"


def selftest():
    """Checks of the parser on a made-up debian/copyright (run by the bench first)."""
    cr = parse("Format: x\n\nFiles: *\nCopyright: a\nLicense: GPL-2+\n\n"
               "Files: src/*.c  lib/a\\*b\nCopyright: b\nLicense: Expat or GPL-2+, and BSD-3-clause\n\n"
               "Files: src/x.c\nLicense: LGPL-2.1+ with OpenSSL exception\n\n"
               "# comment\nLicense: Expat\n Permission is hereby granted...\n")
    assert cr.stanza("README").license == "GPL-2+"
    assert cr.stanza("src/sub/y.c").license.startswith("Expat")      # `*` matches `/`
    assert cr.stanza("lib/a*b").license.startswith("Expat")         # `\*` is a star
    assert cr.stanza("lib/axb").license == "GPL-2+"
    assert cr.stanza("src/x.c").license.startswith("LGPL")          # the last match wins
    assert "expat" in cr.texts
    lic = Licenses.__new__(Licenses)
    lic.ids = {"gpl-2.0-or-later": "GPL-2.0-or-later", "lgpl-2.1-or-later": "LGPL-2.1-or-later",
               "gpl-2.0-only": "GPL-2.0-only"}
    lic.refs = {}
    t = lic.expr("Expat or GPL-2+, and BSD-3-clause", cr)
    assert show(t) == "((MIT OR GPL-2.0-or-later) AND BSD-3-Clause)", show(t)
    assert show(lic.expr("LGPL-2.1+ with OpenSSL exception", cr)) == "LGPL-2.1-or-later WITH OpenSSL"
    assert show(lic.expr("GPL-2 and public-domain", cr)) == "(GPL-2.0-only AND ?public-domain)"
    assert show(lic.expr("A or B and C", cr)) == "(?A OR (?B AND ?C))"


if __name__ == "__main__":
    selftest()
    print("dep5.py: self-test passed")
