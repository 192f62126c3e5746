/* SPDX-License-Identifier: MIT */
/* copyright.h -- copyright statements: find them, split holders and years.
 *
 * A statement is "Copyright (C) 2019-2021 Jane Doe <jane@example.org>",
 * "(C) Copyright 2001 ACME", "(c) Baz", "(c) 2020 Foo Inc.", "Portions
 * Copyright 2008 by the Bar project", "Copyright @copyright{} 2020 FSF",
 * "copyright = '2019, Jane Doe'", a DEP-5 "Copyright:" field, and the
 * lines that continue one ("Copyright (c) 2001 A,\n *   2002 B").
 *
 * How it works.  copy_find() looks for four anchors, 32 bytes at a time
 * with AVX2 (when the CPU has it), else 16 with SSE2: "yr" in any case
 * (the middle of "copyright"), "(" with ")" two bytes on ("(c)"), the
 * lead byte of "©" (0xc2), and "&" with ";" five bytes on (&copy; &#169;
 * &#xa9;).  A file without a statement costs that one pass.
 * At a hit it checks the word ("copyright" alone, not copyrighted or
 * get_copyright), strips the line's comment prefix (#, //, *, --, ;, %,
 * dnl, REM, ...), and collects the statement: the rest of its line cut at
 * a comment closer or the end of a string literal, and the lines that
 * continue it (a line ending in "," or "and", or starting with a year, an
 * e-mail or "All rights reserved"; DEP-5's indented lines).  Then one
 * parser splits it: leads ("Copyright", "(c)", ©, "by", ":"), then groups
 * of years and a holder; a holder ends at the next group (", 2002 B"), at
 * "All rights reserved", at a new statement, at a sentence end or a word
 * that starts license prose ("Licensed", "is", "see" ...).  Holders are
 * cleaned: e-mails and URLs dropped unless they are all there is, space
 * collapsed, trailing punctuation stripped ("Inc." and "et al." keep
 * their dot), a list longer than 200 bytes cut between words.
 *
 * What is not a statement: "copyright" in code (copyright =
 * get_copyright(), #define COPYRIGHT, {{ copyright }}, self.copyright),
 * in license prose ("the above copyright notice", "copyright holders and
 * contributors", "COPYRIGHT OWNER"), templates ("Copyright (c) <year>
 * <owner>", "[yyyy] [name of copyright owner]"), "(c)" as a list item or
 * in code (f(c)), and anything with neither a holder nor a year.  Without
 * a year or a "Copyright (c)"/"©" lead, a statement must start its line
 * (after comment markers, quotes, HTML tags) and its holder must look
 * like a name.  An SPDX-FileCopyrightText line is left to the SPDX tag
 * finder (rules/spdx_tag.h), whose value copy_parse() splits: one parser.
 *
 *   copy_find(text, len, r)   appends one FK_COPYRIGHT finding per
 *                             statement to r, in text order: text (the
 *                             statement as written, comment prefixes
 *                             stripped, lines joined by one space, at most
 *                             COPY_TEXT_MAX bytes), holders, years,
 *                             start_line/end_line (1-based)
 *   copy_parse(s, n, f)       splits one statement (e.g. the value of an
 *                             SPDX-FileCopyrightText tag), taken to be one
 *                             (no prose or template checks): sets
 *                             f->holders, f->nholders, f->years; returns
 *                             the bytes of s that the statement covers; 0,
 *                             f untouched, when it has neither holder nor
 *                             year
 *
 * Lines are text.h's (\n, \r\n or a lone \r).  text is UTF-8 and need not
 * be NUL-terminated; every string set is owned by the finding, valid
 * UTF-8.  Years are as written ("2019-2021", "1991, 1992"); the years of
 * several groups are joined with ", ".  Threads: no state (the AVX2
 * check reads libgcc's CPU model, set once at start-up). */
#ifndef PETAL_COPYRIGHT_H
#define PETAL_COPYRIGHT_H

#include <stddef.h>

#include "result.h"

#define COPY_TEXT_MAX 512 /* bytes of a statement's text kept */

void copy_find(const char *text, size_t len, struct file_result *r);
size_t copy_parse(const char *s, size_t n, struct finding *f);

#endif
