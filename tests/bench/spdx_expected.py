#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""An independent SPDX-License-Identifier extractor for the kernel bench.

Written apart from petal's C code on purpose: a regex over the first
lines of each file, and a small expression canonicalizer of its own
(same rules as the SPDX spec: AND binds tighter than OR, ids in the
list's case, deprecated ids replaced, GNU '+' -> -or-later).

usage: spdx_expected.py TREE SPDX_JSON EXCEPTIONS_JSON DEPRECATED_TSV [PREFIX]
prints one line per file: "<PREFIX><relative path>\t<expression or !error>"
"""
import json, os, re, sys

FIRST_LINES = 5
TAG = re.compile(rb"^\s*(?:#!.*\n)?(?:[/#*;%!{(<\-.'\"@]|dnl|REM|@c)*[\s/#*;%!{(<\-.'\"@]*"
                 rb"SPDX-License-Identifier:\s*(.*?)\s*(?:\*/|-->|-\}|\*\)|\"\"\"|''')?\s*$")


def load_ids(spdx_json, exc_json, deprecated_tsv):
    lic = {k.lower(): k for k in json.load(open(spdx_json))}
    exc = {k.lower(): k for k in json.load(open(exc_json))}
    dep = {}
    for line in open(deprecated_tsv):
        if line.startswith("#") or not line.strip():
            continue
        k, v = line.rstrip("\n").split("\t")
        dep[k.lower()] = v
    return lic, exc, dep


class Canon:
    def __init__(self, lic, exc, dep):
        self.lic, self.exc, self.dep = lic, exc, dep

    def tokens(self, s):
        return re.findall(r"\(|\)|[A-Za-z0-9.\-+:]+", s), re.sub(r"[\sA-Za-z0-9.\-+:()]", "", s)

    def parse(self, s):
        self.t, junk = self.tokens(s)
        if junk:
            raise ValueError("bad characters " + junk)
        self.i = 0
        x = self.p_or()
        if self.i != len(self.t):
            raise ValueError("trailing " + self.t[self.i])
        return x

    def peek(self):
        return self.t[self.i] if self.i < len(self.t) else None

    def p_or(self):
        x = [self.p_and()]
        while (self.peek() or "").upper() == "OR":
            self.i += 1
            x.append(self.p_and())
        return x[0] if len(x) == 1 else ("OR", x)

    def p_and(self):
        x = [self.p_with()]
        while (self.peek() or "").upper() == "AND":
            self.i += 1
            x.append(self.p_with())
        return x[0] if len(x) == 1 else ("AND", x)

    def p_with(self):
        x = self.p_simple()
        if (self.peek() or "").upper() == "WITH":
            self.i += 1
            e = self.peek()
            if e is None or e.lower() not in self.exc:
                raise ValueError("bad exception")
            self.i += 1
            x = ("WITH", x, self.exc[e.lower()])
        return x

    def license(self, tok):
        plus = tok.endswith("+")
        base = tok[:-1] if plus else tok
        low = base.lower()
        if low.startswith("licenseref-") or low.startswith("documentref-"):
            return ("ID", tok)
        if tok.lower() in self.dep:
            return Canon(self.lic, self.exc, self.dep).parse(self.dep[tok.lower()])
        if low in self.dep and not plus:
            return Canon(self.lic, self.exc, self.dep).parse(self.dep[low])
        if low not in self.lic:
            raise ValueError("unknown id " + tok)
        idc = self.lic[low]
        if plus:
            stem = re.sub(r"-only$", "", idc)
            if (stem + "-or-later").lower() in self.lic:
                return ("ID", self.lic[(stem + "-or-later").lower()])
            return ("ID", idc + "+")
        return ("ID", idc)

    def p_simple(self):
        tok = self.peek()
        if tok is None:
            raise ValueError("missing operand")
        self.i += 1
        if tok == "(":
            x = self.p_or()
            if self.peek() != ")":
                raise ValueError("unbalanced")
            self.i += 1
            return x
        if tok == ")" or tok.upper() in ("AND", "OR", "WITH"):
            raise ValueError("unexpected " + tok)
        return self.license(tok)

    def show(self, x, parent=None):
        if x[0] == "ID":
            return x[1]
        if x[0] == "WITH":
            return self.show(x[1], "WITH") + " WITH " + x[2]
        op, kids = x
        flat = []
        for k in kids:
            flat += k[1] if k[0] == op else [k]
        s = (" %s " % op).join(self.show(k, op) for k in flat)
        return "(" + s + ")" if parent in ("AND", "OR") and parent != op else s


def main():
    tree, spdx_json, exc_json, dep_tsv = sys.argv[1:5]
    prefix = sys.argv[5] if len(sys.argv) > 5 else ""
    canon = Canon(*load_ids(spdx_json, exc_json, dep_tsv))
    out = sys.stdout.buffer
    for root, dirs, files in os.walk(tree):
        dirs[:] = [d for d in dirs if d not in (".git", ".hg", ".svn", ".bzr", "CVS", "_darcs")]
        for f in files:
            p = os.path.join(root, f)
            if os.path.islink(p) or not os.path.isfile(p):
                continue
            with open(p, "rb") as fh:
                head = fh.read(4096).split(b"\n")[:FIRST_LINES]
            if b"\0" in b"".join(head):
                continue
            for line in head:
                m = TAG.match(line.rstrip(b"\r"))
                if not m:
                    continue
                val = m.group(1).decode("utf-8", "replace")
                try:
                    res = canon.show(canon.parse(val))
                except ValueError:
                    res = "!invalid"
                rel = os.path.relpath(p, tree)
                out.write(("%s%s\t%s\n" % (prefix, rel, res)).encode("utf-8", "surrogateescape"))
                break


main()
